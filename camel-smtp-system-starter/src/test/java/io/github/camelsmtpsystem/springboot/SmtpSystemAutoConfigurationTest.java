package io.github.camelsmtpsystem.springboot;

import java.util.Map;
import java.util.Optional;

import io.github.camelsmtpsystem.SmtpSystemComponent;
import io.github.camelsmtpsystem.SmtpSystemConfiguration;
import io.github.camelsmtpsystem.system.SecretResolver;
import io.github.camelsmtpsystem.system.SmtpSystem;
import io.github.camelsmtpsystem.system.SmtpSystemConfigException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.actuate.health.CamelHealthCheckAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the auto-configuration applies, what it makes of the properties, and how a bad property stops the start.
 */
class SmtpSystemAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    CamelAutoConfiguration.class,
                    SmtpSystemComponentAutoConfiguration.class,
                    SmtpSystemMetricsAutoConfiguration.class));

    @Test
    void componentOptionsComeFromProperties() {
        SecretResolver secrets = name -> Optional.of("from-vault");
        runner.withBean("vaultSecrets", SecretResolver.class, () -> secrets)
                .withPropertyValues(
                        "camel.component.smtp-system.connect-timeout=5s",
                        "camel.component.smtp-system.read-timeout=7000ms",
                        "camel.component.smtp-system.health-check-cache-time=250ms",
                        "camel.component.smtp-system.secret-resolver=#bean:vaultSecrets",
                        "camel.component.smtp-system.mail-from=noreply@example.com",
                        "camel.component.smtp-system.subject-template=Hi [[ name ]]",
                        "camel.component.smtp-system.dry-run=true")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasBean("configureSmtpSystemComponent");
                    SmtpSystemComponent component = component(context.getBean(CamelContext.class));
                    assertThat(component.getConnectTimeout()).isEqualTo(5000);
                    assertThat(component.getReadTimeout()).isEqualTo(7000);
                    assertThat(component.getWriteTimeout()).isEqualTo(30_000);
                    assertThat(component.getHealthCheckCacheTime()).isEqualTo(250);
                    assertThat(component.getSecretResolver()).isSameAs(secrets);
                    assertThat(component.getConfiguration().getMailFrom()).isEqualTo("noreply@example.com");
                    assertThat(component.getConfiguration().getSubjectTemplate())
                            .isEqualTo("Hi [[ name ]]");
                    assertThat(component.getConfiguration().isDryRun()).isTrue();
                    // unset options with a default in a sink file stay unset, so that the sink file can give them
                    assertThat(component.getConfiguration().getRecipientsProperty())
                            .isNull();
                    assertThat(component.getConfiguration().definesSystem()).isFalse();
                });
    }

    @Test
    void theBatchAttachmentAndSizeOptionsComeFromProperties() {
        runner.withPropertyValues(
                        "camel.component.smtp-system.send-one-by-one=true",
                        "camel.component.smtp-system.entity-attachment-resources=true",
                        "camel.component.smtp-system.attachments-property=files",
                        "camel.component.smtp-system.max-mail-size=2000000")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SmtpSystemComponent component = component(context.getBean(CamelContext.class));
                    assertThat(component.getConfiguration().isSendOneByOne()).isTrue();
                    assertThat(component.getConfiguration().isEntityAttachmentResources())
                            .isTrue();
                    assertThat(component.getConfiguration().getAttachmentsProperty())
                            .isEqualTo("files");
                    assertThat(component.getMaxMailSize()).isEqualTo(2_000_000L);
                });
    }

    @Test
    void theCapStoreComesFromProperties() {
        runner.withPropertyValues(
                        "camel.component.smtp-system.cap-store=file:target/cap-store-test",
                        "camel.component.smtp-system.cap-store-key-prefix=app1:",
                        "camel.component.smtp-system.cap-store-username=mailer",
                        "camel.component.smtp-system.cap-store-password=$SECRET(db-password)",
                        "camel.component.smtp-system.cap-store-table=budgets",
                        "db-password=pw")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SmtpSystemComponent component = component(context.getBean(CamelContext.class));
                    assertThat(component.getCapStore()).isEqualTo("file:target/cap-store-test");
                    assertThat(component.getCapStoreKeyPrefix()).isEqualTo("app1:");
                    assertThat(component.getCapStoreUsername()).isEqualTo("mailer");
                    assertThat(component.getCapStorePassword()).isEqualTo("$SECRET(db-password)");
                    assertThat(component.getCapStoreTable()).isEqualTo("budgets");
                });
    }

    @Test
    void singleOptionsGoOnTopOfAConfigurationBean() {
        SmtpSystemConfiguration defaults = new SmtpSystemConfiguration();
        defaults.setMailFrom("bean@example.com");
        defaults.setRecipients("ops@example.com");
        runner.withBean("mailDefaults", SmtpSystemConfiguration.class, () -> defaults)
                .withPropertyValues(
                        "camel.component.smtp-system.configuration=#bean:mailDefaults",
                        "camel.component.smtp-system.recipients=team@example.com")
                .run(context -> {
                    SmtpSystemConfiguration configuration =
                            component(context.getBean(CamelContext.class)).getConfiguration();
                    assertThat(configuration.getMailFrom()).isEqualTo("bean@example.com");
                    assertThat(configuration.getRecipients()).isEqualTo("team@example.com");
                });
    }

    @Test
    void theCustomizerCanBeTurnedOffAlone() {
        runner.withPropertyValues(
                        "camel.component.smtp-system.customizer.enabled=false",
                        "camel.component.smtp-system.connect-timeout=5s",
                        "camel.component.smtp-system.systems.ops.smtp-server=smtp.example.com")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasBean("smtp-system.ops");
                    assertThat(component(context.getBean(CamelContext.class)).getConnectTimeout())
                            .isEqualTo(10_000);
                });
    }

    @Test
    void systemsFromPropertiesAreBeansWithPlaceholdersAndEnvironmentVariables() {
        runner.withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addAfter(
                                StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                                new SystemEnvironmentPropertySource(
                                        "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                        Map.of("CAMEL_COMPONENT_SMTPSYSTEM_SYSTEMS_OPS_SMTPPASSWORD", "from-env"))))
                .withPropertyValues(
                        "mail.host=smtp.example.com",
                        "camel.component.smtp-system.systems.ops.smtp-server=${mail.host}",
                        "camel.component.smtp-system.systems.ops.smtp-port=587",
                        "camel.component.smtp-system.systems.ops.smtp-username=ops",
                        "camel.component.smtp-system.systems.ops.use-tls=true",
                        "camel.component.smtp-system.systems.ops.max-per-hour=50",
                        "camel.component.smtp-system.systems.[our.relay].smtp-server=relay.example.com")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(SmtpSystem.class))
                            .containsOnlyKeys("smtp-system.ops", "smtp-system.our.relay");
                    SmtpSystem ops = context.getBean("smtp-system.ops", SmtpSystem.class);
                    assertThat(ops.getId()).isEqualTo("ops");
                    assertThat(ops.getSmtpServer()).isEqualTo("smtp.example.com");
                    assertThat(ops.getSmtpPort()).isEqualTo(587);
                    assertThat(ops.getSmtpUsername()).isEqualTo("ops");
                    assertThat(ops.getSmtpPassword()).isEqualTo("from-env");
                    assertThat(ops.isUseTls()).isTrue();
                    assertThat(ops.getMaxPerHour()).isEqualTo(50);
                    SmtpSystem relay = context.getBean("smtp-system.our.relay", SmtpSystem.class);
                    assertThat(relay.getId()).isEqualTo("our.relay");
                    assertThat(relay.getSmtpPort()).isEqualTo(25);
                    assertThat(relay.getMaxPerHour()).isEqualTo(1000);
                    // the component knows them
                    assertThat(component(context.getBean(CamelContext.class)).getSystem("ops"))
                            .isSameAs(ops);
                });
    }

    @Test
    void anEmptyValueCountsAsUnsetSoAnOptionalLoginCanComeFromAVariable() {
        runner.withPropertyValues(
                        "camel.component.smtp-system.systems.open.smtp-server=${NO_SUCH_SMTP_SERVER:}",
                        "camel.component.smtp-system.systems.open.smtp-username=${NO_SUCH_SMTP_USERNAME:}",
                        "camel.component.smtp-system.systems.open.smtp-password=${NO_SUCH_SMTP_PASSWORD:}")
                .run(context -> {
                    SmtpSystem open = context.getBean("smtp-system.open", SmtpSystem.class);
                    assertThat(open.getSmtpServer()).isEqualTo("localhost");
                    assertThat(open.isAuthenticated()).isFalse();
                    assertThat(open.getSmtpPassword()).isNull();
                });
    }

    @Test
    void anInvalidSystemValueStopsTheStartWithTheComponentsMessage() {
        runner.withPropertyValues("camel.component.smtp-system.systems.bad.smtp-port=70000")
                .run(
                        context -> assertThat(context)
                                .getFailure()
                                .isInstanceOf(SmtpSystemConfigException.class)
                                .hasMessage(
                                        "SMTP system 'bad' in Spring property camel.component.smtp-system.systems.bad: smtp-port is 70000. "
                                                + "Use a port from 1 to 65535 (25, 465 or 587 are usual), or leave it out to use 25."));
    }

    @Test
    void aUsernameWithoutPasswordStopsTheStart() {
        runner.withPropertyValues("camel.component.smtp-system.systems.bad.smtp-username=alice")
                .run(context -> assertThat(context)
                        .getFailure()
                        .isInstanceOf(SmtpSystemConfigException.class)
                        .hasMessageContaining("smtp-password is missing while smtp-username is set"));
    }

    @Test
    void anUnknownSystemKeyStopsTheStartNamingIt() {
        runner.withPropertyValues(
                        "camel.component.smtp-system.systems.bad.smtp-server=localhost",
                        "camel.component.smtp-system.systems.bad.smtp-prot=2525")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(UnboundConfigurationPropertiesException.class)
                        .hasMessageContaining("camel.component.smtp-system.systems.bad.smtp-prot"));
    }

    @Test
    void aSesamTokenInASpringPropertyStopsTheStartInsteadOfBecomingThePassword() {
        runner.withPropertyValues(
                        "camel.component.smtp-system.systems.bad.smtp-username=alice",
                        "camel.component.smtp-system.systems.bad.smtp-password=$SECRET(smtp-password)")
                .run(context -> assertThat(context)
                        .getFailure()
                        .isInstanceOf(SmtpSystemConfigException.class)
                        .hasMessageContaining("smtp-password holds $ENV(...) or $SECRET(...)")
                        .hasMessageContaining("${SMTP_PASSWORD}"));
    }

    @Test
    void aMissingSystemsFileStopsTheStart() {
        runner.withPropertyValues("camel.component.smtp-system.systems-location=classpath:no-such-systems.json")
                .withBean(RouteBuilder.class, () -> new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:mail").to("smtp-system:mail?mailFrom=a@example.com");
                    }
                })
                .run(
                        context -> assertThat(context)
                                .getFailure()
                                .rootCause()
                                .hasMessageContaining(
                                        "The systems file classpath:no-such-systems.json (from systemsLocation) does not exist"));
    }

    @Test
    void oneIdDefinedDifferentlyInPropertiesAndAFileStopsTheStart() {
        runner.withPropertyValues(
                        "camel.component.smtp-system.systems-location=classpath:ops-system.json",
                        "camel.component.smtp-system.systems.ops.smtp-server=smtp.example.com")
                .withBean(RouteBuilder.class, () -> new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:mail").to("smtp-system:ops?mailFrom=a@example.com");
                    }
                })
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("SMTP system 'ops' is defined twice with different settings")
                        .hasMessageContaining("classpath:ops-system.json")
                        .hasMessageContaining("Spring property camel.component.smtp-system.systems.ops"));
    }

    @Test
    void theHealthChecksCanBeExcludedLikeAnyCamelCheck() {
        runner.withConfiguration(AutoConfigurations.of(CamelHealthCheckAutoConfiguration.class))
                .withPropertyValues(
                        "camel.health.exclude-pattern=smtp-system:*",
                        "camel.component.smtp-system.systems.ops.smtp-server=smtp.example.com")
                .withBean(RouteBuilder.class, () -> new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:mail").to("smtp-system:ops?mailFrom=a@example.com");
                    }
                })
                .run(context -> {
                    HealthCheckRegistry registry = HealthCheckRegistry.get(context.getBean(CamelContext.class));
                    HealthCheck check = registry.getCheck("smtp-system:ops").orElseThrow();
                    assertThat(registry.isExcluded(check)).isTrue();
                });
    }

    @Test
    void offWithItsEnabledProperty() {
        runner.withPropertyValues(
                        "camel.component.smtp-system.enabled=false",
                        "camel.component.smtp-system.connect-timeout=5s",
                        "camel.component.smtp-system.systems.ops.smtp-server=smtp.example.com")
                .withBean(SimpleMeterRegistry.class)
                .run(context -> {
                    assertThat(context)
                            .hasNotFailed()
                            .doesNotHaveBean(ComponentCustomizer.class)
                            .doesNotHaveBean(SmtpSystem.class)
                            .doesNotHaveBean(SmtpSystemMetrics.class);
                    // Camel still finds the component, with its own defaults
                    assertThat(component(context.getBean(CamelContext.class)).getConnectTimeout())
                            .isEqualTo(10_000);
                });
    }

    @Test
    void offWithEveryComponentsAutoConfiguration() {
        runner.withPropertyValues(
                        "camel.component.enabled=false",
                        "camel.component.smtp-system.systems.ops.smtp-server=smtp.example.com")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(ComponentCustomizer.class)
                        .doesNotHaveBean(SmtpSystem.class));
    }

    @Test
    void metricsOnlyWithAMeterRegistry() {
        runner.withBean(SimpleMeterRegistry.class)
                .run(context -> assertThat(context).hasSingleBean(SmtpSystemMetrics.class));
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SmtpSystemMetrics.class));
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(SmtpSystemMetrics.class)
                        .hasBean("configureSmtpSystemComponent"));
    }

    private static SmtpSystemComponent component(CamelContext camelContext) {
        return camelContext.getComponent("smtp-system", SmtpSystemComponent.class);
    }
}
