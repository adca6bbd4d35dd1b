package io.github.camelsmtpsystem.benchmarks;

/**
 * One of the clients compared: it sends message {@code i} of {@link BenchMails} to the target.
 */
interface BenchClient extends AutoCloseable {

    /** The client's name in the report. */
    String name();

    /** Whether it keeps its connections open across messages (camel-mail opens one per message). */
    default boolean keepsConnections() {
        return true;
    }

    /**
     * A sender for one thread of one run; a run's time ends when every thread has sent its share, before close.
     *
     * @param index the thread's number in the run, from 0
     */
    ThreadSender thread(int index) throws Exception;

    @Override
    void close() throws Exception;

    /** Sends one thread's messages. */
    interface ThreadSender extends AutoCloseable {

        /** Sends message {@code i}; returns once the server accepted it, or throws. */
        void send(int i) throws Exception;

        @Override
        default void close() throws Exception {}
    }

    /**
     * Where the clients send: the server itself, or a delaying proxy in front of it.
     *
     * @param host        the host name to connect to ({@code localhost} with TLS: the test certificate's name)
     * @param port        the port to connect to
     * @param implicitTls TLS from the first byte
     * @param auth        authenticate as {@link SmtpServer#USER}
     * @param startTls    upgrade with STARTTLS (required) before AUTH
     */
    record Target(String host, int port, boolean implicitTls, boolean auth, boolean startTls) {

        Target(String host, int port, boolean implicitTls, boolean auth) {
            this(host, port, implicitTls, auth, false);
        }

        /** TLS one way or the other. */
        boolean tls() {
            return implicitTls || startTls;
        }
    }
}
