package dev.holdfast.objectstore;

/** A location string cannot be parsed; the message quotes the location and names the part that is wrong. */
public class InvalidLocationException extends ObjectStoreException {

    public InvalidLocationException(String message) {
        super(message);
    }
}
