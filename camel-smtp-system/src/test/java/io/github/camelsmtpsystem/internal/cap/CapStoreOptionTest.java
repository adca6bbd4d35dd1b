package io.github.camelsmtpsystem.internal.cap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.github.camelsmtpsystem.SmtpSystemComponent;
import io.github.camelsmtpsystem.SmtpSystemConstants;
import io.github.camelsmtpsystem.cap.HourlyCapStore;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The component option capStore: what each value means, and a clear error at start for a bad one. */
class CapStoreOptionTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path directory;

    private DefaultCamelContext context;
    private SmtpSystemComponent component;

    @BeforeEach
    void createContext() {
        context = new DefaultCamelContext();
        component = new SmtpSystemComponent();
        context.addComponent("smtp-system", component);
    }

    @AfterEach
    void stopContext() {
        context.stop();
    }

    @Test
    void memoryKeepsTheThrottleAloneAndNoStoreCheck() throws Exception {
        ProducerTemplate template = start("capped", 1);
        assertThat(send(template, "1").getMessage().getHeader(SmtpSystemConstants.SENT))
                .isEqualTo(1);
        assertThat(send(template, "2").getMessage().getHeader(SmtpSystemConstants.DISCARDED))
                .isEqualTo(1);
        assertThat(HealthCheckHelper.invoke(context, CapStoreHealthCheck.idOf("capped"), Map.of()))
                .isEmpty();
        assertThat(context.getRoute("smtp-system-capped").filter("*")).noneMatch(p -> p instanceof CapGate);
    }

    @Test
    void aFileStoreNamedThroughEnvKeepsTheBudgetThere() throws Exception {
        context.getPropertiesComponent().addInitialProperty("CAP_DIR", directory.toString());
        component.setCapStore("file:$ENV(CAP_DIR)/budgets");
        component.setCapStoreKeyPrefix("app1:");
        ProducerTemplate template = start("filed", 2);
        send(template, "1");
        send(template, "2");
        Exchange third = send(template, "3");

        assertThat(third.getMessage().getHeader(SmtpSystemConstants.DISCARDED)).isEqualTo(1);
        assertThat(directory.resolve("budgets").resolve(FileCapStore.fileName("app1:filed")))
                .exists();
        assertThat(component.getCounters("filed").orElseThrow().getSendsInLastHour())
                .isEqualTo(2);
        try (FileCapStore store = new FileCapStore(directory.resolve("budgets"))) {
            assertThat(store.used("app1:filed", Duration.ofHours(1))).isEqualTo(2);
        }
    }

    @Test
    void aBeanOfTheInterfaceIsAsked() throws Exception {
        List<String> asked = new ArrayList<>();
        HourlyCapStore firstOnly = new HourlyCapStore() {
            @Override
            public boolean tryAcquire(String key, int max, Duration period) {
                asked.add(key + "/" + max + "/" + period);
                return asked.size() == 1;
            }

            @Override
            public long used(String key, Duration period) {
                return 1;
            }
        };
        context.getRegistry().bind("budgets", firstOnly);
        component.setCapStore("#budgets");
        ProducerTemplate template = start("custom", 10);

        assertThat(send(template, "1").getMessage().getHeader(SmtpSystemConstants.SENT))
                .isEqualTo(1);
        assertThat(send(template, "2").getMessage().getHeader(SmtpSystemConstants.DISCARDED))
                .isEqualTo(1);
        assertThat(asked).containsExactly("smtp-system:custom/10/PT1H", "smtp-system:custom/10/PT1H");
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aBeanNamedInPropertiesIsFound() throws Exception {
        context.getRegistry().bind("budgets", new FileCapStore(directory));
        // as camel-main, Spring Boot and YAML set component options: through property binding, which resolves #name
        org.apache.camel.support.PropertyBindingSupport.build()
                .withCamelContext(context)
                .withTarget(component)
                .withProperty("capStore", "#budgets")
                .bind();
        assertThat(component.getCapStore()).isEqualTo("#budgets");
        ProducerTemplate template = start("bound", 1);
        send(template, "1");

        assertThat(send(template, "2").getMessage().getHeader(SmtpSystemConstants.DISCARDED))
                .isEqualTo(1);
        assertThat(directory.resolve(FileCapStore.fileName("smtp-system:bound")))
                .exists();
    }

    @Test
    void anUnknownStoreFailsTheStart() {
        component.setCapStore("mongodb://db:27017");
        assertThatThrownBy(() -> start("x", 1))
                .rootCause()
                .hasMessageContaining("capStore must be memory, file:<directory>, redis://")
                .hasMessageContaining("not 'mongodb:...'");
    }

    @Test
    void aMissingBeanFailsTheStart() {
        component.setCapStore("#nowhere");
        assertThatThrownBy(() -> start("x", 1))
                .rootCause()
                .hasMessageContaining("capStore '#nowhere': the registry has no bean of that name");
    }

    @Test
    void aMalformedRedisUriFailsTheStartWithoutItsPassword() {
        component.setCapStore("redis://:pa ss^word@host:6379");
        assertThatThrownBy(() -> start("x", 1))
                .rootCause()
                .hasMessageContaining("not a valid Redis URI")
                .hasMessageNotContaining("pa ss^word");
    }

    @Test
    void aTableNameThatIsNotPlainSqlFailsTheStart() {
        component.setCapStore("jdbc:postgresql://127.0.0.1:1/db");
        component.setCapStoreTable("cap; DROP TABLE x");
        assertThatThrownBy(() -> start("x", 1))
                .rootCause()
                .hasMessageContaining("capStoreTable 'cap; DROP TABLE x' is not a plain SQL name");
    }

    @Test
    void anUnsetSecretFailsTheStart() {
        component.setCapStore("redis://:$SECRET(nope)@127.0.0.1:6379");
        assertThatThrownBy(() -> start("x", 1)).rootCause().hasMessageContaining("$SECRET(nope) is not set");
    }

    private ProducerTemplate start(String system, int maxPerHour) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send")
                        .to("smtp-system:" + system + "?smtpServer=127.0.0.1&smtpPort="
                                + greenMail.getSmtp().getPort()
                                + "&maxPerHour=" + maxPerHour + "&mailFrom=noreply@example.com&recipients=a@example.com"
                                + "&subjectTemplate=Note [[ _id ]]&bodyTemplate=Body [[ _id ]]");
            }
        });
        context.start();
        return context.createProducerTemplate();
    }

    private static Exchange send(ProducerTemplate template, String id) {
        return template.send("direct:send", e -> e.getMessage().setBody(Map.of("_id", id)));
    }
}
