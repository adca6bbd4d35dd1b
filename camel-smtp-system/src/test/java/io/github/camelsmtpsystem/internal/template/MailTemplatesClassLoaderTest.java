package io.github.camelsmtpsystem.internal.template;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import io.github.camelsmtpsystem.mail.UnhandledVariable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Templates render whatever the calling thread's context class loader is. In OSGi it is the calling bundle's, which
 * cannot see Jinjava inside camel-smtp-system; here a loader that sees nothing plays that part.
 */
class MailTemplatesClassLoaderTest {

    @Test
    void rendersWhenTheContextClassLoaderCannotSeeJinjava() throws Exception {
        try (URLClassLoader blind = new URLClassLoader(new URL[0], null)) {
            String rendered = withContextClassLoader(
                    blind,
                    () -> new MailTemplates(UnhandledVariable.STRICT, 10_000, Duration.ofSeconds(5))
                            .render(
                                    "Order {{ order_id }} for {{ name|upper }}",
                                    Map.of("order_id", 42, "name", "Ada")));

            assertThat(rendered).isEqualTo("Order 42 for ADA");
        }
    }

    @Test
    void leavesTheContextClassLoaderAsItFoundIt() throws Exception {
        try (URLClassLoader blind = new URLClassLoader(new URL[0], null)) {
            ClassLoader after = withContextClassLoader(blind, () -> {
                new MailTemplates(UnhandledVariable.DEBUG, 10_000, Duration.ofSeconds(5)).render("{{ x }}", Map.of());
                return Thread.currentThread().getContextClassLoader();
            });

            assertThat(after).isSameAs(blind);
        }
    }

    private static <T> T withContextClassLoader(ClassLoader loader, Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
