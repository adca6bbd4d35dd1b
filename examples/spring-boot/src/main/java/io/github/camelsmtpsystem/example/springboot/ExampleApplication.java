package io.github.camelsmtpsystem.example.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Mails shipped orders through the SMTP system {@code notifications}, all of it set up in application.yaml. Without
 * {@code SMTP_SERVER} an embedded GreenMail server takes the mails.
 */
@SpringBootApplication
public class ExampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExampleApplication.class, args);
    }
}
