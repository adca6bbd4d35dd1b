package io.github.camelsmtpsystem.springboot;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Micrometer meters per SMTP system, when the application has a {@link MeterRegistry} (Actuator brings one). Ordered
 * after the auto-configurations that define the registry, by name: Spring Boot 3 has them in its actuator module,
 * Spring Boot 4 in spring-boot-micrometer-metrics; a name that is not on the class path is passed over.
 */
@AutoConfiguration(
        after = SmtpSystemComponentAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@ConditionalOnHierarchicalProperties({"camel.component", SmtpSystemComponentProperties.PREFIX})
public class SmtpSystemMetricsAutoConfiguration {

    @Bean
    SmtpSystemMetrics smtpSystemMetrics(MeterRegistry registry) {
        return new SmtpSystemMetrics(registry);
    }
}
