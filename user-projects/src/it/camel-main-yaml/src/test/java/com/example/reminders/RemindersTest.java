package com.example.reminders;

import jakarta.mail.internet.MimeMessage;

import com.example.classpath.CamelVersions;
import com.example.classpath.JacksonVersions;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Camel Main reads application.properties, the systems file and the YAML route; a JSON-text entity goes out. */
class RemindersTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

    @Test
    void sendsAReminder() throws Exception {
        System.out.println(JacksonVersions.report());
        System.out.println(CamelVersions.report());
        assertTrue(CamelVersions.allOf("4.22.0"), CamelVersions.report());

        Main main = new Main();
        main.addInitialProperty("SMTP_HOST", "127.0.0.1");
        main.addInitialProperty("SMTP_PORT", Integer.toString(greenMail.getSmtp().getPort()));
        main.start();
        try {
            main.getCamelTemplate().sendBody("direct:reminders",
                    "{\"_id\": \"r1\", \"title\": \"Dentist\", \"name\": \"Bo\", \"due\": \"2026-12-01\", \"email\": \"bo@example.com\"}");
        } finally {
            main.stop();
        }

        assertTrue(greenMail.waitForIncomingEmail(5000, 1));
        MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertEquals("Reminder: Dentist", mail.getSubject());
        assertEquals("reminders@example.com", mail.getFrom()[0].toString());
        // what README promises: one Jackson, whatever else the project imports
        assertTrue(JacksonVersions.consistent(), JacksonVersions.report());
    }
}
