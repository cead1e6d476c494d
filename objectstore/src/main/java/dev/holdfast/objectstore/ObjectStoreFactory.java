package dev.holdfast.objectstore;

/**
 * Opens stores for one location scheme ({@code file}, {@code s3}, {@code azure}, {@code memory}). A factory holds the
 * settings (credentials, endpoint) its stores need; the location string names only where the objects are.
 */
public interface ObjectStoreFactory {

    /** The scheme this factory serves, lower case, without the colon. */
    String scheme();

    /**
     * Opens the store that {@code location} names. The caller closes it.
     *
     * @param location the whole location string, including {@code scheme()} and its colon
     * @throws InvalidLocationException the part after the scheme does not parse; the message names the bad part
     */
    ObjectStore open(String location);
}
