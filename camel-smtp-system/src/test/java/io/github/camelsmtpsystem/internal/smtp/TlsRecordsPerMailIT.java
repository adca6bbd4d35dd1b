package io.github.camelsmtpsystem.internal.smtp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import io.github.camelsmtpsystem.Postfix;
import io.github.camelsmtpsystem.system.SmtpSystemConfig;
import org.eclipse.angus.mail.util.WriteTimeoutSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many TLS records a mail costs on a kept-open STARTTLS + AUTH connection to Debian's Postfix: the writes on the
 * plain socket under TLS are counted, one per record. A pipelined group leaves as one record, so the server reads it
 * whole; one record per command made Postfix answer them one at a time and stall ~40 ms per mail.
 */
class TlsRecordsPerMailIT {

    private static final int MAILS = 5;

    private Postfix postfix;
    private Transport transport;

    @AfterEach
    void stop() throws Exception {
        if (transport != null) {
            transport.close();
        }
        if (postfix != null) {
            postfix.close();
        }
    }

    @Test
    void withChunkingAMailToOneRecipientIsOneRecord() throws Exception {
        RecordCounter records = connect(true, true);

        for (int i = 0; i < MAILS; i++) {
            send("to@example.com");
        }

        // MAIL FROM, RCPT TO and BDAT <size> LAST with the content: one record, one round trip
        assertThat(records.sinceReset()).isEqualTo(MAILS);
        postfix.awaitDelivered("to@example.com", MAILS);
    }

    @Test
    void withChunkingAMailToTwoRecipientsIsTwoRecords() throws Exception {
        RecordCounter records = connect(true, true);

        send("to@example.com", "cc@example.com");

        // the group's replies come back before BDAT, which cannot be taken back
        assertThat(records.sinceReset()).isEqualTo(2);
        postfix.awaitDelivered("cc@example.com", 1);
    }

    @Test
    void withDataAMailIsTwoRecords() throws Exception {
        RecordCounter records = connect(true, false);

        for (int i = 0; i < MAILS; i++) {
            send("to@example.com");
        }

        // MAIL FROM, RCPT TO and DATA in one; the content and its end in the other
        assertThat(records.sinceReset()).isEqualTo(2 * MAILS);
        postfix.awaitDelivered("to@example.com", MAILS);
    }

    @Test
    void withoutPipeliningEachCommandIsARecord() throws Exception {
        RecordCounter records = connect(false, false);

        send("to@example.com");

        // MAIL FROM, RCPT TO, DATA, the content with its end: what the group saves
        assertThat(records.sinceReset()).isEqualTo(4);
        postfix.awaitDelivered("to@example.com", 1);
    }

    @Test
    void withoutPipeliningBdatAndItsChunkAreOneRecord() throws Exception {
        RecordCounter records = connect(false, true);

        send("to@example.com");

        // MAIL FROM, RCPT TO, BDAT with the content
        assertThat(records.sinceReset()).isEqualTo(3);
        postfix.awaitDelivered("to@example.com", 1);
    }

    private RecordCounter connect(boolean pipelining, boolean chunking) throws Exception {
        postfix = Postfix.start();
        RecordCounter records = new RecordCounter(trustingTestCa());
        SmtpSystemConfig system = SmtpSystemConfig.builder("records")
                .smtpServer("localhost")
                .smtpPort(postfix.port())
                .useTls(true)
                .smtpUsername(Postfix.USER)
                .smtpPassword(Postfix.PASSWORD)
                .build();
        SmtpConnectionSettings settings = new SmtpConnectionSettings(
                10_000, 10_000, 10_000, Set.of(), records, null, pipelining, chunking, true, true, null);
        SmtpSystemMailSender sender = new SmtpSystemMailSender(system, settings);
        transport = sender.connect();
        records.reset();
        return records;
    }

    private void send(String... recipients) throws MessagingException {
        Session session = Session.getInstance(new java.util.Properties());
        MimeMessage mail = new RenderedMail(session);
        mail.setFrom("noreply@example.com");
        mail.setRecipients(Message.RecipientType.TO, String.join(",", recipients));
        mail.setSubject("Records");
        mail.setText("Body");
        mail.saveChanges();
        transport.sendMessage(mail, mail.getAllRecipients());
    }

    private static SSLSocketFactory trustingTestCa() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = TlsRecordsPerMailIT.class.getClassLoader().getResourceAsStream("tls/truststore.p12")) {
            store.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return tls.getSocketFactory();
    }

    /** A TLS socket factory that counts the writes on the plain sockets it layers TLS over: one per TLS record. */
    private static final class RecordCounter extends SSLSocketFactory {
        private final SSLSocketFactory tls;
        private final AtomicInteger writes = new AtomicInteger();

        RecordCounter(SSLSocketFactory tls) {
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
    }
}
