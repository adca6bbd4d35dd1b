package io.github.camelsmtpsystem.osgi.probe;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.camelsmtpsystem.SmtpSystemComponent;
import io.github.camelsmtpsystem.SmtpSystemConfiguration;
import io.github.camelsmtpsystem.SmtpSystemConstants;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/**
 * A user's bundle, as a Blueprint file in Karaf would make one: a Camel context whose route sends entities to
 * {@code smtp-system:osgi-mail}, the system read from a JSON file in this bundle, the component's templates set on the
 * component as a Blueprint bean would set them. The component is not named anywhere: Camel finds it through the
 * {@code META-INF/services} file of the camel-smtp-system bundle.
 * <p>
 * The test talks to it through two services typed with JDK interfaces only: {@code probe=send} (a {@link Function}
 * from an entity to the headers the producer set) and {@code probe=report} (a {@link Supplier} of which bundle provided
 * what).
 */
public final class ProbeActivator implements BundleActivator {

    /** Framework property: the SMTP server's port, given to the systems file as the Camel property of that name. */
    public static final String SMTP_PORT = "probe.smtp.port";

    private BundleCamelContext camel;
    private BundleClassResolver resolver;
    private ProducerTemplate template;
    private ServiceRegistration<?> send;
    private ServiceRegistration<?> report;

    @Override
    public void start(BundleContext context) throws Exception {
        inBundle(() -> {
            camel = new BundleCamelContext();
            resolver = (BundleClassResolver) camel.getClassResolver();
            camel.getCamelContextExtension().setName("osgi-probe");
            camel.setApplicationContextClassLoader(ProbeActivator.class.getClassLoader());
            camel.getPropertiesComponent().addInitialProperty(SMTP_PORT, context.getProperty(SMTP_PORT));

            SmtpSystemComponent component = camel.getComponent("smtp-system", SmtpSystemComponent.class);
            component.setSystemsLocation("classpath:probe/systems.json");
            SmtpSystemConfiguration defaults = component.getConfiguration();
            defaults.setMailFrom("camel@example.org");
            defaults.setRecipientsProperty("email");
            defaults.setSubjectTemplate("Order {{ order_id }} for {{ name|upper }}");
            defaults.setBodyTemplate("<p>Dear {{ name }},</p><p>order <b>{{ order_id }}</b> has shipped.</p>");

            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:entities").routeId("probe").to("smtp-system:osgi-mail");
                }
            });
            try {
                camel.start();
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        e.getMessage() + "; classes that did not load: " + resolver.failures()
                                + "; factory files found: "
                                + resolver.factoryOrigins().keySet(),
                        e);
            }
            template = camel.createProducerTemplate();
            return null;
        });
        Function<Map<String, Object>, Map<String, Object>> sender = this::send;
        Supplier<Map<String, String>> reporter = this::report;
        send = context.registerService(Function.class.getName(), sender, properties("send"));
        report = context.registerService(Supplier.class.getName(), reporter, properties("report"));
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        send.unregister();
        report.unregister();
        inBundle(() -> {
            template.stop();
            camel.stop();
            return null;
        });
    }

    private Map<String, Object> send(Map<String, Object> entity) {
        Exchange exchange = inBundle(
                () -> template.send("direct:entities", e -> e.getMessage().setBody(entity)));
        if (exchange.getException() != null) {
            throw new IllegalStateException("The route failed: " + exchange.getException(), exchange.getException());
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("sent", exchange.getMessage().getHeader(SmtpSystemConstants.SENT));
        headers.put("discarded", exchange.getMessage().getHeader(SmtpSystemConstants.DISCARDED));
        headers.put("skipped", exchange.getMessage().getHeader(SmtpSystemConstants.SKIPPED));
        return headers;
    }

    private Map<String, String> report() {
        Map<String, String> report = new TreeMap<>();
        report.put(
                "component.bundle", bundleOf(camel.getComponent("smtp-system").getClass()));
        report.put("smtp.component.bundle", bundleOf(camel.getComponent("smtp").getClass()));
        report.put(
                "direct.component.bundle", bundleOf(camel.getComponent("direct").getClass()));
        resolver.factoryOrigins().forEach((path, bundle) -> report.put("factory:" + path, bundle.getSymbolicName()));
        report.put(
                "routes",
                String.join(
                        ",",
                        camel.getRoutes().stream()
                                .map(Route::getRouteId)
                                .sorted()
                                .toList()));
        return report;
    }

    private static String bundleOf(Class<?> type) {
        Bundle bundle = FrameworkUtil.getBundle(type);
        return bundle == null ? "(not from a bundle: " + type.getClassLoader() + ")" : bundle.getSymbolicName();
    }

    private static Dictionary<String, Object> properties(String role) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("probe", role);
        return properties;
    }

    /**
     * Runs with this bundle's class loader as the thread's context class loader, as threads inside Karaf have one of a
     * bundle's: the test's own thread would otherwise offer its flat class path, which holds a second copy of Camel.
     */
    private static <T> T inBundle(Callable<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ProbeActivator.class.getClassLoader());
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
