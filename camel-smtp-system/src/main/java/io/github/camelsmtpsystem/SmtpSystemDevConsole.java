package io.github.camelsmtpsystem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.camelsmtpsystem.delivery.SystemCounters;
import io.github.camelsmtpsystem.internal.runtime.SmtpSystemRuntime;
import io.github.camelsmtpsystem.internal.smtp.SmtpConnectionPool;
import io.github.camelsmtpsystem.system.SmtpSystem;
import io.github.camelsmtpsystem.system.SystemKey;
import org.apache.camel.Component;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * The developer console {@code smtp-system}: for each SMTP system that endpoints have started, its server (hidden
 * when it came from a {@code $SECRET}), TLS mode, sign-in kind, the hourly budget used and left, its counters, its
 * pool's connections and the last mails discarded over the cap (never their bodies). Never a password, token or
 * other secret.
 */
@DevConsole(name = "smtp-system", displayName = "SMTP System", description = "SMTP systems: budgets, counters, pools")
public class SmtpSystemDevConsole extends AbstractDevConsole {

    public SmtpSystemDevConsole() {
        super("camel", "smtp-system", "SMTP System", "SMTP systems: budgets, counters, pools");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder text = new StringBuilder();
        for (JsonObject system : systems()) {
            text.append(String.format(
                    "SMTP system: %s (component %s)%n", system.getString("id"), system.getString("component")));
            text.append(String.format("    Server: %s:%s%n", system.getString("server"), system.getString("port")));
            text.append(
                    String.format("    TLS: %s, sign-in: %s%n", system.getString("tls"), system.getString("signIn")));
            text.append(String.format(
                    "    Hourly budget: %s used, %s left of %s%n",
                    system.get("budgetUsed"), system.get("budgetLeft"), system.get("maxPerHour")));
            text.append(String.format(
                    "    Sent: %s, discarded: %s, failed: %s, uncertain: %s, skipped: %s%n",
                    system.get("sent"),
                    system.get("discarded"),
                    system.get("failed"),
                    system.get("uncertain"),
                    system.get("skipped")));
            if (system.containsKey("openConnections")) {
                text.append(String.format(
                        "    Connections: %s open, %s idle%n",
                        system.get("openConnections"), system.get("idleConnections")));
            } else {
                text.append(String.format("    Connections: one per message (no pool)%n"));
            }
            JsonArray discards = (JsonArray) system.get("lastDiscards");
            if (!discards.isEmpty()) {
                text.append(String.format("    Last discards:%n"));
                for (Object each : discards) {
                    JsonObject discard = (JsonObject) each;
                    text.append(String.format(
                            "        %s entity '%s' to %s, subject '%s'%n",
                            discard.getString("time"),
                            discard.getString("entityId"),
                            discard.getString("recipients"),
                            discard.getString("subject")));
                }
            }
            text.append(String.format("%n"));
        }
        return text.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        JsonObject root = new JsonObject();
        root.put("systems", new JsonArray(systems()));
        return root;
    }

    private List<JsonObject> systems() {
        List<JsonObject> systems = new ArrayList<>();
        for (String name : getCamelContext().getComponentNames()) {
            Component component = getCamelContext().hasComponent(name);
            if (component instanceof SmtpSystemComponent smtp) {
                for (SmtpSystemRuntime runtime : smtp.runningSystems()) {
                    if (runtime.counters() != null) {
                        systems.add(system(name, runtime));
                    }
                }
            }
        }
        return systems;
    }

    private static JsonObject system(String componentName, SmtpSystemRuntime runtime) {
        SmtpSystem system = runtime.system();
        SystemCounters counters = runtime.counters();
        JsonObject json = new JsonObject();
        json.put("id", system.getId());
        json.put("component", componentName);
        json.put("server", system.shown(SystemKey.SMTP_SERVER, system.getSmtpServer()));
        json.put("port", system.shown(SystemKey.SMTP_PORT, system.getSmtpPort()));
        json.put("tls", tlsMode(system, runtime.protocol()));
        json.put("signIn", system.usesOAuth2() ? "oauth2" : system.isAuthenticated() ? "password" : "none");
        long used = counters.getSendsInLastHour();
        json.put("maxPerHour", counters.getMaxPerHour());
        // -1: a shared cap store that cannot be read now
        json.put("budgetUsed", used);
        json.put("budgetLeft", used < 0 ? -1 : Math.max(0, counters.getMaxPerHour() - used));
        json.put("sent", counters.getSent());
        json.put("discarded", counters.getDiscarded());
        json.put("failed", counters.getFailed());
        json.put("uncertain", counters.getUncertain());
        json.put("skipped", counters.getSkipped());
        SmtpConnectionPool pool = runtime.pool();
        if (pool != null) {
            json.put("openConnections", pool.getOpenConnections());
            json.put("idleConnections", pool.getIdleConnections());
        }
        JsonArray discards = new JsonArray();
        for (SystemCounters.Discard discard : counters.recentDiscards()) {
            JsonObject each = new JsonObject();
            each.put("entityId", discard.entityId());
            each.put("recipients", discard.recipients());
            each.put("subject", discard.subject());
            each.put("time", discard.time().toString());
            discards.add(each);
        }
        json.put("lastDiscards", discards);
        return json;
    }

    private static String tlsMode(SmtpSystem system, String protocol) {
        if ("smtps".equals(protocol)) {
            return "implicit";
        }
        return system.isUseTls() ? "starttls" : "none";
    }
}
