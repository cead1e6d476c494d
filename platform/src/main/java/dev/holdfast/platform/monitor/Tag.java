package dev.holdfast.platform.monitor;

/**
 * A label monitors can carry, with the colour it is shown in.
 *
 * @param id a UUID in text form
 * @param name 1 to 60 characters, no colon (the API filters by {@code ?tag=name:value}); unique ignoring case
 * @param color {@code #rrggbb}
 */
public record Tag(String id, String name, String color) {}
