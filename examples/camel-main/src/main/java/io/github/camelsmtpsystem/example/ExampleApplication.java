package io.github.camelsmtpsystem.example;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.apache.camel.main.Main;

/**
 * Sends mails from the sample entities in {@code entities.json} through the SMTP system in {@code systems.json},
 * with a Java DSL route and a YAML DSL route. With no {@code SMTP_SERVER} set it starts an embedded GreenMail and
 * prints what arrived.
 */
public final class ExampleApplication {

    private ExampleApplication() {}

    public static void main(String[] args) throws Exception {
        System.exit(run() ? 0 : 1);
    }

    /** Runs the example once; {@code true} when every sample entity ended as expected. */
    static boolean run() throws Exception {
        GreenMail embedded = null;
        Main main = new Main(ExampleApplication.class);
        if (setting("SMTP_SERVER") == null) {
            embedded = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            embedded.start();
            main.addInitialProperty("SMTP_SERVER", "127.0.0.1");
            main.addInitialProperty(
                    "SMTP_PORT", Integer.toString(embedded.getSmtp().getPort()));
            System.out.println("No SMTP_SERVER set: sending to an embedded GreenMail on port "
                    + embedded.getSmtp().getPort());
        } else if (setting("SMTP_PORT") == null) {
            main.addInitialProperty("SMTP_PORT", "25");
        }
        // Main finds EntityMailRoute in this package, and the YAML route through application.properties
        try {
            main.run();
        } finally {
            if (embedded != null) {
                printDelivered(embedded);
                embedded.stop();
            }
        }
        System.out.println(EntityMailRoute.SUMMARY);
        return EntityMailRoute.SUMMARY.isComplete();
    }

    private static void printDelivered(GreenMail greenMail) throws Exception {
        // one copy arrives per recipient mailbox: print each mail once
        Map<String, MimeMessage> mails = new LinkedHashMap<>();
        for (MimeMessage mail : greenMail.getReceivedMessages()) {
            mails.putIfAbsent(mail.getMessageID(), mail);
        }
        for (MimeMessage mail : mails.values()) {
            System.out.println("---");
            System.out.println("From:    " + Arrays.toString(mail.getFrom()));
            System.out.println("To:      " + Arrays.toString(mail.getAllRecipients()));
            System.out.println("Subject: " + mail.getSubject());
            System.out.println(textOf(mail).strip());
        }
        System.out.println("---");
        System.out.println("Delivered to the embedded server: " + mails.size() + " mails");
    }

    /** The plain-text part of a mail: the whole body, or the text/plain alternative of a multipart one. */
    private static String textOf(Part part) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                if (multipart.getBodyPart(i).isMimeType("text/plain")) {
                    return textOf(multipart.getBodyPart(i));
                }
            }
        }
        return part.getContent().toString();
    }

    private static String setting(String name) {
        String value = System.getProperty(name);
        return value != null ? value : System.getenv(name);
    }
}
