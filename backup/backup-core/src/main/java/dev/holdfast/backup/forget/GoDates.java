package dev.holdfast.backup.forget;

import java.time.OffsetDateTime;

/** Go's {@code time.AddDate}, which normalises overflowing days (Oct 31 + 1 month = Dec 1) instead of clamping. */
final class GoDates {

    private GoDates() {}

    static OffsetDateTime addDate(OffsetDateTime time, int years, int months, int days) {
        long totalMonths = time.getYear() * 12L + (time.getMonthValue() - 1) + years * 12L + months;
        int year = (int) Math.floorDiv(totalMonths, 12);
        int month = (int) Math.floorMod(totalMonths, 12) + 1;
        OffsetDateTime firstOfMonth = time.withDayOfMonth(1).withYear(year).withMonth(month);
        return firstOfMonth.plusDays(time.getDayOfMonth() - 1L + days);
    }
}
