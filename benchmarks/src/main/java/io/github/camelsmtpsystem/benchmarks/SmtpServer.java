package io.github.camelsmtpsystem.benchmarks;

/**
 * An SMTP server the benchmark sends to, that counts what it accepted, so every message sent is accounted for.
 */
public interface SmtpServer extends AutoCloseable {

    /** What the server is, for the report: "Postfix smtp-sink", "stunnel (implicit TLS) in front of aiosmtpd (AUTH)". */
    String description();

    /** The host name clients use: {@code localhost} for TLS (the test certificate's name), else 127.0.0.1. */
    String host();

    int port();

    /** Whether clients talk TLS from the first byte. */
    boolean implicitTls();

    /** Whether clients upgrade the connection with STARTTLS (on a submission port). */
    default boolean startTls() {
        return false;
    }

    /** Whether clients must authenticate as {@link #USER}. */
    boolean auth();

    /** How many messages the server has accepted since it started. */
    long received();

    /** Stops the server (a process the benchmark started, or an in-process one). */
    @Override
    void close();

    /** The user that AUTH-requiring servers accept. */
    String USER = "bench";
    /** Its password. */
    String PASSWORD = "bench-secret";
}
