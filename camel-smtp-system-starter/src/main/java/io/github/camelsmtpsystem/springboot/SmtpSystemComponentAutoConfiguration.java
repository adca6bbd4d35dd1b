package io.github.camelsmtpsystem.springboot;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.camelsmtpsystem.SmtpSystemComponent;
import io.github.camelsmtpsystem.system.DefaultSecretResolver;
import io.github.camelsmtpsystem.system.SecretResolver;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Configures the smtp-system component from {@code camel.component.smtp-system.*} and defines the systems of
 * {@code camel.component.smtp-system.systems.*} as beans. Off with {@code camel.component.smtp-system.enabled=false}
 * (or {@code camel.component.enabled=false}).
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@ConditionalOnHierarchicalProperties({"camel.component", SmtpSystemComponentProperties.PREFIX})
@EnableConfigurationProperties({ComponentConfigurationProperties.class, SmtpSystemComponentProperties.class})
public class SmtpSystemComponentAutoConfiguration {

    /** Keys of the properties class that are not component options. */
    private static final Set<String> NOT_COMPONENT_OPTIONS = Set.of("enabled", "customizer", "systems");

    @Bean
    static SmtpSystemBeanRegistrar smtpSystemBeanRegistrar() {
        return new SmtpSystemBeanRegistrar();
    }

    @Bean
    @ConfigurationPropertiesBinding
    static SmtpSystemComponentConverter smtpSystemComponentConverter() {
        return new SmtpSystemComponentConverter();
    }

    @Lazy
    @Bean
    ComponentCustomizer configureSmtpSystemComponent(
            CamelContext camelContext,
            ApplicationContext applicationContext,
            SmtpSystemComponentProperties properties) {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                Map<String, Object> options = new LinkedHashMap<>();
                Map<String, Object> set = CamelPropertiesHelper.getNonNullProperties(camelContext, properties);
                set.keySet().removeIf(NOT_COMPONENT_OPTIONS::contains);
                // a configuration bean first, so that the single options set on top of it
                Optional.ofNullable(set.remove("configuration")).ifPresent(bean -> options.put("configuration", bean));
                options.putAll(set);
                if (properties.getSecretResolver() == null) {
                    options.put(
                            "secretResolver",
                            springSecrets(applicationContext.getEnvironment(), properties.getSecretsDirectory()));
                }
                // every option of the properties class is one of the component: fail loudly if one is not
                CamelPropertiesHelper.setCamelProperties(camelContext, target, options, true);
            }

            /**
             * $SECRET(name) from the Spring property, the environment variable, then the secrets directory; read from
             * the Environment because Camel's property lookup logs the values it finds at DEBUG.
             */
            private SecretResolver springSecrets(Environment environment, String secretsDirectory) {
                return new DefaultSecretResolver(
                        name -> Optional.ofNullable(environment.getProperty(name)),
                        System::getenv,
                        secretsDirectory != null ? Path.of(secretsDirectory) : null);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(
                                applicationContext,
                                "camel.component.customizer",
                                SmtpSystemComponentProperties.PREFIX + ".customizer")
                        && target instanceof SmtpSystemComponent;
            }
        };
    }
}
