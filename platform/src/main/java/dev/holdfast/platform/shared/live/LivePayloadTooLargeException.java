package dev.holdfast.platform.shared.live;

/**
 * A live event bigger than {@code holdfast.live.max-payload}. Live events say what changed (an id and a kind);
 * clients fetch the details themselves.
 */
public class LivePayloadTooLargeException extends IllegalArgumentException {

    public LivePayloadTooLargeException(Topic topic, int bytes, long limit) {
        super("live event on " + topic + " is " + bytes + " bytes, more than the " + limit
                + " allowed (holdfast.live.max-payload): send ids and a kind, and let clients fetch the details");
    }
}
