package dev.holdfast.platform.crm.access;

/** Which records an action covers: every record, the records of the user's teams, the user's own, or none. */
public enum Scope {
    ALL, TEAM, OWN, NO
}
