package io.github.camelsmtpsystem.internal.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.ScheduledExecutorService;

import javax.net.ssl.SSLSocketFactory;

import org.eclipse.angus.mail.util.WriteTimeoutSocket;

/**
 * A TLS socket factory that sets {@code TCP_NODELAY} (see {@link TcpNoDelaySocketFactory}) on the sockets it makes and
 * on the plain sockets it layers TLS over. For implicit TLS Angus Mail connects a plain socket of its own, not one of
 * {@link TcpNoDelaySocketFactory}'s: that one is wrapped so that pipelined command groups still leave in one write.
 */
final class TcpNoDelaySslSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private final boolean groupCommands;
    private final int writeTimeoutMillis;
    private final ScheduledExecutorService writeTimeouts;

    /**
     * @param groupCommands      whether to wrap the plain sockets TLS is layered over (implicit TLS), see
     *                           {@link CommandGroupOutputStream}
     * @param writeTimeoutMillis the write timeout of the wrapper
     * @param writeTimeouts      runs the wrapper's write timeouts
     */
    TcpNoDelaySslSocketFactory(SSLSocketFactory delegate, boolean groupCommands, int writeTimeoutMillis,
                               ScheduledExecutorService writeTimeouts) {
        this.delegate = delegate;
        this.groupCommands = groupCommands && writeTimeouts != null;
        this.writeTimeoutMillis = writeTimeoutMillis;
        this.writeTimeouts = writeTimeouts;
    }

    @Override
    public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
        plain.setTcpNoDelay(true);
        return delegate.createSocket(groupCommands ? grouping(plain) : plain, host, port, autoClose);
    }

    /** Angus Mail's own delegating socket, with the output of {@link CommandGroupSocket}. */
    private Socket grouping(Socket plain) throws IOException {
        return new WriteTimeoutSocket(plain, writeTimeoutMillis, writeTimeouts) {
            private final CommandGroupOutputStream.OfSocket output = new CommandGroupOutputStream.OfSocket();

            @Override
            public OutputStream getOutputStream() throws IOException {
                return output.get(super::getOutputStream);
            }
        };
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
