package io.github.camelsmtpsystem;

import java.nio.file.Path;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of the mail sink tests: one GreenMail server for the test class, its mailboxes emptied before each test,
 * and a temporary directory for sink and template files.
 */
abstract class MailSinkTestSupport extends SmtpSystemTestSupport {

    @RegisterExtension
    static GreenMailExtension greenMail =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @TempDir
    Path dir;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
    }
}
