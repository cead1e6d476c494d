package dev.holdfast.platform.shared.jobs;

/** The job instance is running on some node right now, so it cannot be moved. */
public class JobRunningException extends RuntimeException {

    public JobRunningException(JobInstance instance) {
        super("job " + instance + " is running right now");
    }
}
