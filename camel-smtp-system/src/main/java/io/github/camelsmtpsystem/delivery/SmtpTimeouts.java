package io.github.camelsmtpsystem.delivery;

/**
 * How long a mail session waits, in milliseconds: to connect, for each server reply, and to write.
 *
 * @param connectMillis connect timeout
 * @param readMillis    read (reply) timeout
 * @param writeMillis   write timeout
 */
public record SmtpTimeouts(long connectMillis, long readMillis, long writeMillis) {

    public SmtpTimeouts {
        if (connectMillis <= 0 || readMillis <= 0 || writeMillis <= 0) {
            throw new IllegalArgumentException("SMTP timeouts must be more than 0 ms (a server that says nothing must not hang a route); got connectTimeout="
                                               + connectMillis + ", readTimeout=" + readMillis + ", writeTimeout=" + writeMillis + ".");
        }
    }
}
