package dev.holdfast.platform.monitor.status;

/** No status page (or incident) has this id or slug. */
class NoSuchStatusPageException extends RuntimeException {

    NoSuchStatusPageException(String what) {
        super("no status page " + what);
    }
}
