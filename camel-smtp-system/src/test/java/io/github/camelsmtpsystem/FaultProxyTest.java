package io.github.camelsmtpsystem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.camelsmtpsystem.FaultProxy.Action;
import io.github.camelsmtpsystem.FaultProxy.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test's own {@link FaultProxy} strikes where it says, with DATA and with pipelined BDAT in two chunks: a raw
 * client pipelines a mail as a client would, through the proxy to a {@link InJvmSmtpServer}, and counts the replies
 * it got before the connection was cut. So that a failure of the proof tests is the client's, not the proxy's.
 */
class FaultProxyTest {

    private static final String CONTENT = "Subject: x\r\n\r\n.dot\r\n..two\r\nline of text that makes it longer than"
            + " sixty-four bytes, so that the proxy can cut inside it\r\n";

    @ParameterizedTest(name = "{0} with {1}: {2} replies to the mail, server took {3}")
    @CsvSource({
        "NONE,              DATA, 4, 1",
        "AFTER_MAIL,        DATA, 0, 0",
        "AFTER_RCPT,        DATA, 0, 0",
        "INSIDE_DATA,       DATA, 3, 0",
        "AFTER_END_OF_DATA, DATA, 3, 1",
        "AFTER_FINAL_REPLY, DATA, 4, 1",
        "NONE,              BDAT, 4, 1",
        "AFTER_MAIL,        BDAT, 0, 0",
        "AFTER_RCPT,        BDAT, 0, 0",
        "INSIDE_DATA,       BDAT, 0, 0",
        "AFTER_END_OF_DATA, BDAT, 3, 1",
        "AFTER_FINAL_REPLY, BDAT, 4, 1"
    })
    void theProxyCutsAtItsStep(String step, String command, int replies, int mails) throws Exception {
        try (InJvmSmtpServer server = InJvmSmtpServer.start("PIPELINING", "CHUNKING");
                FaultProxy proxy = FaultProxy.start(
                        server.port(),
                        step.equals("NONE") ? Step.AFTER_MAIL : Step.valueOf(step),
                        Action.CUT,
                        step.equals("NONE") ? 0 : 1)) {
            List<String> got = session(proxy.port(), command.equals("BDAT"));
            assertThat(got).as("replies to the mail's commands: %s", got).hasSize(replies);
            int faults = step.equals("NONE") ? 0 : 1;
            // the proxy strikes after the reply it forwarded; the server may still be reading what the proxy forwarded
            org.awaitility.Awaitility.await()
                    .until(() -> proxy.faults() >= faults && server.mails().size() >= mails);
            assertThat(proxy.faults()).isEqualTo(faults);
            assertThat(server.mails()).hasSize(mails);
        }
    }

    /** A session as a pipelining client has it; the replies to the mail's commands, until the connection ends. */
    private static List<String> session(int port, boolean bdat) throws IOException {
        List<String> replies = new ArrayList<>();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(3_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            if (reply(in) == null) {
                return replies;
            }
            out.write("EHLO client\r\n".getBytes(StandardCharsets.US_ASCII));
            if (reply(in) == null) {
                return replies;
            }
            byte[] content = CONTENT.getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream group = new ByteArrayOutputStream();
            group.write(
                    "MAIL FROM:<a@example.com>\r\nRCPT TO:<to@example.com>\r\n".getBytes(StandardCharsets.US_ASCII));
            int expected;
            if (bdat) {
                int first = 50;
                group.write(("BDAT " + first + "\r\n").getBytes(StandardCharsets.US_ASCII));
                group.write(content, 0, first);
                group.write(("BDAT " + (content.length - first) + " LAST\r\n").getBytes(StandardCharsets.US_ASCII));
                group.write(content, first, content.length - first);
                expected = 4;
            } else {
                group.write("DATA\r\n".getBytes(StandardCharsets.US_ASCII));
                expected = 3;
            }
            try {
                out.write(group.toByteArray());
                out.flush();
                for (int i = 0; i < expected; i++) {
                    String reply = reply(in);
                    if (reply == null) {
                        return replies;
                    }
                    replies.add(reply);
                }
                if (!bdat) {
                    out.write(content);
                    out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    String reply = reply(in);
                    if (reply == null) {
                        return replies;
                    }
                    replies.add(reply);
                }
                out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // cut
            }
        }
        return replies;
    }

    /** A whole reply, or null when the connection ended (or stalled) first. */
    private static String reply(InputStream in) throws IOException {
        StringBuilder reply = new StringBuilder();
        StringBuilder line = new StringBuilder();
        try {
            for (int b = in.read(); b >= 0; b = in.read()) {
                line.append((char) b);
                if (b == '\n') {
                    reply.append(line);
                    boolean last = line.length() < 4 || line.charAt(3) != '-';
                    line.setLength(0);
                    if (last) {
                        return reply.toString();
                    }
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            return null;
        }
        return null;
    }
}
