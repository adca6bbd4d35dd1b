package io.github.camelsmtpsystem.cap;

import org.apache.camel.RuntimeCamelException;

/**
 * The hourly-cap store could not be asked for a permit. The mail was neither sent nor discarded: it is a transient
 * failure, retried like one, then reported to the caller. The message names the store and the system, never a secret.
 */
public class CapStoreException extends RuntimeCamelException {

    private static final long serialVersionUID = 1L;

    public CapStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
