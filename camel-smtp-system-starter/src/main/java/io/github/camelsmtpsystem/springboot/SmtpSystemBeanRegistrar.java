package io.github.camelsmtpsystem.springboot;

import java.util.Map;

import io.github.camelsmtpsystem.system.SmtpSystem;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Turns {@code camel.component.smtp-system.systems.<id>.*} into one {@link SmtpSystem} bean per system, which
 * the component finds in the registry like any other. Placeholders and relaxed names work as in any Spring property;
 * an unknown key or an invalid value fails the start with the key's name.
 */
public class SmtpSystemBeanRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    /** Where the systems are. */
    public static final String SYSTEMS = SmtpSystemComponentProperties.PREFIX + ".systems";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    /** The bean name of the system {@code id}. */
    public static String beanName(String id) {
        return "smtp-system." + id;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        Map<String, SystemDefinitionProperties> systems = Binder.get(environment)
                .bind(
                        SYSTEMS,
                        Bindable.mapOf(String.class, SystemDefinitionProperties.class),
                        new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
                .orElse(Map.of());
        systems.forEach((id, properties) -> {
            SmtpSystem system = properties.toSystem(id);
            RootBeanDefinition definition = new RootBeanDefinition(SmtpSystem.class, () -> system);
            definition.setDescription("SMTP system '" + id + "' from " + SYSTEMS + "." + id);
            registry.registerBeanDefinition(beanName(id), definition);
        });
    }
}
