package io.github.camelsmtpsystem.internal.smtp;

import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** SMTP sockets go without Nagle's algorithm, for plain connections and for the plain socket under TLS alike. */
class TcpNoDelaySocketFactoryTest {

    @Test
    void plainSocketsAreMadeWithNoDelay() throws Exception {
        try (ServerSocket server = new ServerSocket(0);
                Socket unconnected = new TcpNoDelaySocketFactory().createSocket();
                Socket connected = new TcpNoDelaySocketFactory().createSocket("127.0.0.1", server.getLocalPort())) {
            assertThat(unconnected.getTcpNoDelay()).isTrue();
            assertThat(connected.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void theTlsFactorySetsNoDelayOnThePlainSocketItLayersOver() throws Exception {
        SSLSocketFactory tls = new TcpNoDelaySslSocketFactory((SSLSocketFactory) SSLSocketFactory.getDefault());
        try (ServerSocket server = new ServerSocket(0);
                Socket plain = new Socket("127.0.0.1", server.getLocalPort());
                Socket layered = tls.createSocket(plain, "localhost", server.getLocalPort(), true)) {
            assertThat(plain.getTcpNoDelay()).isTrue();
            assertThat(layered.getTcpNoDelay()).isTrue();
        }
    }
}
