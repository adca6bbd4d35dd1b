package io.github.camelsmtpsystem.internal.smtp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.angus.mail.util.WriteTimeoutSocket;

/** A TLS socket factory that counts the writes on the plain sockets it layers TLS over: one per TLS record. */
final class TlsRecordCounter extends SSLSocketFactory {
    private final SSLSocketFactory tls;
    private final AtomicInteger writes = new AtomicInteger();

    TlsRecordCounter(SSLSocketFactory tls) {
        this.tls = tls;
    }

    void reset() {
        writes.set(0);
    }

    int sinceReset() {
        return writes.get();
    }

    @Override
    public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
        Socket counted = new WriteTimeoutSocket(plain, 10_000) {
            @Override
            public OutputStream getOutputStream() throws IOException {
                return new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        writes.incrementAndGet();
                        out.write(bytes, offset, length);
                    }
                };
            }
        };
        return tls.createSocket(counted, host, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return tls.createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return tls.createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return tls.createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return tls.createSocket(address, port, localAddress, localPort);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }

    /** TLS that trusts the test CA, which signed the test servers' certificate for localhost. */
    static SSLSocketFactory trustingTestCa() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = TlsRecordCounter.class.getClassLoader().getResourceAsStream("tls/truststore.p12")) {
            store.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return tls.getSocketFactory();
    }
}
