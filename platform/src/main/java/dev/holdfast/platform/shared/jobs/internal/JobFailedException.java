package dev.holdfast.platform.shared.jobs.internal;

/** Carries a checked exception a job's handler threw through db-scheduler, which takes only unchecked ones. */
class JobFailedException extends RuntimeException {

    JobFailedException(String job, Throwable cause) {
        super("job " + job + " failed: " + cause.getMessage(), cause);
    }
}
