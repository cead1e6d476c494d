package dev.holdfast.backup.forget;

import java.util.List;

/**
 * restic's {@code --keep-*} options. Counts of 0 mean "not set". {@code keepTags} holds tag lists: a snapshot that
 * has all tags of one list is kept.
 */
public record ForgetPolicy(int last, int hourly, int daily, int weekly, int monthly, int yearly, Within within,
        Within withinHourly, Within withinDaily, Within withinWeekly, Within withinMonthly, Within withinYearly,
        List<List<String>> keepTags) {

    public ForgetPolicy {
        keepTags = keepTags.stream().map(List::copyOf).toList();
    }

    public static ForgetPolicy none() {
        return new ForgetPolicy(0, 0, 0, 0, 0, 0, Within.ZERO, Within.ZERO, Within.ZERO, Within.ZERO, Within.ZERO,
                Within.ZERO, List.of());
    }

    public boolean empty() {
        return last == 0 && hourly == 0 && daily == 0 && weekly == 0 && monthly == 0 && yearly == 0 && within.zero()
                && withinHourly.zero() && withinDaily.zero() && withinWeekly.zero() && withinMonthly.zero()
                && withinYearly.zero() && keepTags.isEmpty();
    }

    public ForgetPolicy withLast(int n) {
        return new ForgetPolicy(n, hourly, daily, weekly, monthly, yearly, within, withinHourly, withinDaily,
                withinWeekly, withinMonthly, withinYearly, keepTags);
    }

    public ForgetPolicy withCounts(int newHourly, int newDaily, int newWeekly, int newMonthly, int newYearly) {
        return new ForgetPolicy(last, newHourly, newDaily, newWeekly, newMonthly, newYearly, within, withinHourly,
                withinDaily, withinWeekly, withinMonthly, withinYearly, keepTags);
    }

    public ForgetPolicy withWithin(Within newWithin) {
        return new ForgetPolicy(last, hourly, daily, weekly, monthly, yearly, newWithin, withinHourly, withinDaily,
                withinWeekly, withinMonthly, withinYearly, keepTags);
    }

    public ForgetPolicy withWithinBuckets(Within h, Within d, Within w, Within m, Within y) {
        return new ForgetPolicy(last, hourly, daily, weekly, monthly, yearly, within, h, d, w, m, y, keepTags);
    }

    public ForgetPolicy withKeepTags(List<List<String>> newKeepTags) {
        return new ForgetPolicy(last, hourly, daily, weekly, monthly, yearly, within, withinHourly, withinDaily,
                withinWeekly, withinMonthly, withinYearly, newKeepTags);
    }
}
