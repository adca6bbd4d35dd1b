package io.github.camelsmtpsystem.example.springboot;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An in-memory SMTP server (GreenMail) for trying the example, started only when no {@code SMTP_SERVER} is set. It
 * keeps the mails in memory and logs each one it receives.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${SMTP_SERVER:}'.isEmpty()")
public class EmbeddedSmtpServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSmtpServer.class);

    @Bean(initMethod = "start", destroyMethod = "stop")
    GreenMail greenMail(@Value("${example.embedded-smtp.port}") int port) {
        LOG.info("No SMTP_SERVER set: mails go to an embedded GreenMail SMTP server on localhost:{}", port);
        return new GreenMail(new ServerSetup(port, "localhost", ServerSetup.PROTOCOL_SMTP));
    }
}
