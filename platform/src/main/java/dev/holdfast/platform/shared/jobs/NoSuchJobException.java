package dev.holdfast.platform.shared.jobs;

/** There is no such job, or no such scheduled instance of it. */
public class NoSuchJobException extends RuntimeException {

    public NoSuchJobException(String message) {
        super(message);
    }
}
