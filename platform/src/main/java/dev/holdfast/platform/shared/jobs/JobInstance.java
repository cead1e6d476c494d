package dev.holdfast.platform.shared.jobs;

/**
 * One scheduled run of a job, as the database knows it.
 *
 * @param job the job's name
 * @param instance the instance id: {@value RecurringJob#INSTANCE} for a recurring job, else chosen when scheduled
 */
public record JobInstance(String job, String instance) {

    @Override
    public String toString() {
        return job + "/" + instance;
    }
}
