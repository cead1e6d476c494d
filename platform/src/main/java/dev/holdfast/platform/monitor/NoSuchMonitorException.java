package dev.holdfast.platform.monitor;

/** No monitor has this id (or push token). */
public class NoSuchMonitorException extends RuntimeException {

    public NoSuchMonitorException(String what) {
        super("no monitor " + what);
    }
}
