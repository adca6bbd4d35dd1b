package io.github.camelsmtpsystem.example;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The example runs on its own (embedded GreenMail), prints what it delivered, and logs what it discarded. */
class ExampleApplicationTest {

    @Test
    void sendsTheSampleEntitiesAndPrintsThem() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        boolean complete;
        try {
            complete = ExampleApplication.run();
        } finally {
            System.setOut(original);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        original.print(output);

        assertThat(complete).isTrue();
        assertThat(output)
                .contains("Subject: Order 1001 is shipped")
                .contains("Subject: Order 1002 is packed")
                .contains("Hello Émile,")
                .contains("Subject: Reminder for Ada: due 2026-12-01")
                .contains("To:      [ada@example.com, team@example.com]")
                .doesNotContain("Order 1003")
                .doesNotContain("Subject: Order 1004")
                .doesNotContain("Subject: Order 1005")
                .contains("reached its max_per_hour of 3: discarded the mail of entity 'order-1004'")
                .contains("reached its max_per_hour of 3: discarded the mail of entity 'order-1005'")
                .contains("Delivered to the embedded server: 3 mails")
                .contains("Summary: 3 sent, 2 discarded, 1 skipped");
        // GreenMail's SLF4J 1.7 API on the class path would leave SLF4J 2 without a binding: no log lines at all
        assertThat(LoggerFactory.getILoggerFactory()).isNotInstanceOf(NOPLoggerFactory.class);
    }
}
