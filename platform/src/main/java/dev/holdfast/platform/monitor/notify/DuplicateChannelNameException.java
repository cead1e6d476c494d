package dev.holdfast.platform.monitor.notify;

/** Another channel already has this name. */
class DuplicateChannelNameException extends RuntimeException {

    DuplicateChannelNameException(String name) {
        super("A notification channel called \"" + name + "\" exists already.");
    }
}
