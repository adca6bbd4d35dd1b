package io.github.camelsmtpsystem.internal.runtime;

/**
 * How transient SMTP failures are retried: up to {@code maximumRedeliveries} more attempts, the first after
 * {@code redeliveryDelayMillis}, each next one {@code backOffMultiplier} times later, never more than
 * {@code maximumRedeliveryDelayMillis} apart.
 *
 * @param maximumRedeliveries          attempts after the first; 0 never retries
 * @param redeliveryDelayMillis        delay before the first retry
 * @param backOffMultiplier            growth of the delay from one retry to the next
 * @param maximumRedeliveryDelayMillis the longest delay
 * @param retryUncertain               whether a mail whose outcome is uncertain (its end of data went out, no final
 *                                     reply came) is retried too, at the risk of a second copy
 */
public record SmtpRetry(
        int maximumRedeliveries,
        long redeliveryDelayMillis,
        double backOffMultiplier,
        long maximumRedeliveryDelayMillis,
        boolean retryUncertain) {

    public SmtpRetry {
        if (maximumRedeliveries < 0
                || redeliveryDelayMillis < 0
                || backOffMultiplier < 1
                || maximumRedeliveryDelayMillis < 0) {
            throw new IllegalArgumentException("Invalid retry settings: maximumRedeliveries=" + maximumRedeliveries
                    + " and the delays must be 0 or more, backOffMultiplier=" + backOffMultiplier
                    + " must be 1 or more.");
        }
    }
}
