package dev.holdfast.platform.crm.access;

/** What a user wants to do with a record, as in EspoCRM's role matrix. */
public enum Action {
    CREATE, READ, EDIT, DELETE, STREAM
}
