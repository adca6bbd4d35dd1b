package io.github.camelsmtpsystem.example;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The example runs on its own (embedded GreenMail) and prints what it delivered. */
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
                .contains("Delivered to the embedded server: 3 mails")
                .contains("Summary: 3 sent, 0 discarded, 1 skipped");
    }
}
