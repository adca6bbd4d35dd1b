package io.github.camelsmtpsystem.benchmarks;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DelayingProxyTest {

    private static final long RTT_MILLIS = 40;

    private ServerSocket echo;
    private DelayingProxy proxy;

    @BeforeEach
    void startEchoServerBehindProxy() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread server = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket socket = echo.accept();
                    Thread connection = new Thread(() -> echoBack(socket));
                    connection.setDaemon(true);
                    connection.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        server.setDaemon(true);
        server.start();
        proxy = new DelayingProxy("127.0.0.1", echo.getLocalPort(), TimeUnit.MILLISECONDS.toNanos(RTT_MILLIS));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void eachRequestAndReplyTakesOneRoundTrip() throws IOException {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            client.setTcpNoDelay(true);
            // the first exchange also waits for the simulated TCP handshake: 1.5 round trips there, 0.5 back
            assertThat(exchangeMillis(client)).isBetween(2 * RTT_MILLIS - 5, 2 * RTT_MILLIS + 150);
            for (int i = 0; i < 3; i++) {
                assertThat(exchangeMillis(client)).isBetween(RTT_MILLIS - 5, RTT_MILLIS + 100);
            }
        }
        assertThat(proxy.connections()).isEqualTo(1);
    }

    @Test
    void bandwidthIsNotLimitedAndBytesArriveUnchanged() throws Exception {
        byte[] sent = new byte[4 * 1024 * 1024];
        new Random(42).nextBytes(sent);
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            long start = System.nanoTime();
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = client.getOutputStream();
                    for (int at = 0; at < sent.length; at += 8192) {
                        out.write(sent, at, Math.min(8192, sent.length - at));
                    }
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            byte[] received = new byte[sent.length];
            new DataInputStream(client.getInputStream()).readFully(received);
            writer.join();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(received).isEqualTo(sent);
            // hundreds of chunks, but in flight together: a few round trips, not one per chunk
            assertThat(millis).isLessThan(10 * RTT_MILLIS + 2000);
        }
    }

    @Test
    void aClosedClientClosesTheServerSide() throws Exception {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            exchangeMillis(client);
            client.shutdownOutput();
            // the echo server sees the end and closes; its end reaches the client
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }
    }

    private static long exchangeMillis(Socket client) throws IOException {
        long start = System.nanoTime();
        client.getOutputStream().write('x');
        client.getOutputStream().flush();
        assertThat(client.getInputStream().read()).isEqualTo('x');
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void echoBack(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the test ended
        }
    }
}
