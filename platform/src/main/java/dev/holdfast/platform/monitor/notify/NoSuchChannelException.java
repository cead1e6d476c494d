package dev.holdfast.platform.monitor.notify;

/** No channel has this id. */
class NoSuchChannelException extends RuntimeException {

    NoSuchChannelException(String id) {
        super("No notification channel has the id " + id + ".");
    }
}
