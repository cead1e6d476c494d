package dev.holdfast.objectstore;

/** A key or prefix breaks the rules in {@link ObjectKeys}; the message names the key and the rule. */
public class InvalidKeyException extends ObjectStoreException {

    public InvalidKeyException(String message) {
        super(message);
    }
}
