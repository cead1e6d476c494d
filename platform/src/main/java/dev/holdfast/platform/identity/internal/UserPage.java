package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.UserAccount;
import java.util.List;

/** One page of users (page counted from 0) and how many match in all. */
public record UserPage(List<UserAccount> users, int page, int size, int total) {

    /** How many pages there are; at least 1. */
    public int pages() {
        return Math.max(1, (total + size - 1) / size);
    }
}
