package io.github.camelsmtpsystem.springboot;

import java.util.Set;

import io.github.camelsmtpsystem.SmtpSystemConfiguration;
import io.github.camelsmtpsystem.system.SecretResolver;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Binds {@code #bean:name} (or {@code #name}) in the component's object options to the Spring bean of that name, as
 * camel-spring-boot's component starters do.
 */
public class SmtpSystemComponentConverter implements GenericConverter, ApplicationContextAware {

    private ApplicationContext applicationContext;

    @Override
    public void setApplicationContext(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(
                new ConvertiblePair(String.class, SecretResolver.class),
                new ConvertiblePair(String.class, SmtpSystemConfiguration.class));
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null) {
            return null;
        }
        String ref = source.toString();
        if (!ref.startsWith("#")) {
            return null;
        }
        String name = ref.startsWith("#bean:") ? ref.substring("#bean:".length()) : ref.substring(1);
        return applicationContext.getBean(name, targetType.getType());
    }
}
