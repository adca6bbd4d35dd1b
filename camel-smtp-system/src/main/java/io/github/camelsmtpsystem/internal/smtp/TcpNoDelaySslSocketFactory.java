package io.github.camelsmtpsystem.internal.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A TLS socket factory that sets {@code TCP_NODELAY} (see {@link TcpNoDelaySocketFactory}) on the sockets it makes and
 * on the plain sockets it layers TLS over, for implicit TLS and STARTTLS alike. The TLS sockets it layers send
 * pipelined command groups in one TLS record (see {@link CommandGroupSslSocket}).
 */
final class TcpNoDelaySslSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;

    TcpNoDelaySslSocketFactory(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
        plain.setTcpNoDelay(true);
        Socket tls = delegate.createSocket(plain, host, port, autoClose);
        // a socket no transport opens passes every write straight through
        return tls instanceof SSLSocket ssl ? new CommandGroupSslSocket(ssl) : tls;
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
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
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
