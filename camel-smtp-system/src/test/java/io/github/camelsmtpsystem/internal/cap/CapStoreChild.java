package io.github.camelsmtpsystem.internal.cap;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelsmtpsystem.SmtpSystemComponent;
import io.github.camelsmtpsystem.SmtpSystemConstants;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One application of the shared-budget tests, run in a JVM of its own: sends mails through a capped system with
 * several threads, then prints what became of them. Arguments: capStore, SMTP port, system id, max_per_hour,
 * threads, mails (-1: until killed). It prints {@code READY} once started, waits for a line on its input, sends, and
 * prints {@code RESULT sent=... discarded=... failed=...}.
 */
public final class CapStoreChild {

    private CapStoreChild() {}

    public static void main(String[] args) throws Exception {
        String capStore = args[0];
        int smtpPort = Integer.parseInt(args[1]);
        String system = args[2];
        int maxPerHour = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        int mails = Integer.parseInt(args[5]);
        String label = ProcessHandle.current().pid() + "-";

        DefaultCamelContext context = new DefaultCamelContext();
        SmtpSystemComponent component = new SmtpSystemComponent();
        component.setCapStore(capStore);
        component.setRedeliveryDelay(20);
        context.addComponent("smtp-system", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send")
                        .to("smtp-system:" + system + "?smtpServer=127.0.0.1&smtpPort=" + smtpPort + "&maxPerHour="
                                + maxPerHour + "&mailFrom=noreply@example.com&recipients=a@example.com"
                                + "&subjectTemplate=Note [[ _id ]]&bodyTemplate=Body [[ _id ]]");
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        System.out.println("READY");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();

        AtomicInteger next = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger discarded = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                for (int n = next.getAndIncrement(); mails < 0 || n < mails; n = next.getAndIncrement()) {
                    String id = label + n;
                    Exchange done =
                            template.send("direct:send", e -> e.getMessage().setBody(Map.of("_id", id)));
                    if (done.getException() != null) {
                        failed.incrementAndGet();
                        System.out.println("FAILED " + done.getException().getMessage());
                    } else {
                        sent.addAndGet(done.getMessage().getHeader(SmtpSystemConstants.SENT, Integer.class));
                        discarded.addAndGet(done.getMessage().getHeader(SmtpSystemConstants.DISCARDED, Integer.class));
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        System.out.println("RESULT sent=" + sent + " discarded=" + discarded + " failed=" + failed);
        System.out.flush();
        context.stop();
    }
}
