package dev.holdfast.platform.shared.live;

/** A topic name that is not {@code family/segment/...} in the allowed characters. */
public class InvalidTopicException extends IllegalArgumentException {

    public InvalidTopicException(String topic, String problem) {
        super("not a valid live topic '" + topic + "': " + problem);
    }
}
