package io.github.camelsmtpsystem;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelsmtpsystem.internal.mail.EntityMailRenderer;
import io.github.camelsmtpsystem.internal.mail.ExtraHeaders;
import io.github.camelsmtpsystem.internal.mail.MailAddressing;
import io.github.camelsmtpsystem.internal.mail.MailAttachments;
import io.github.camelsmtpsystem.internal.mail.MailSink;
import io.github.camelsmtpsystem.internal.mail.ResourceText;
import io.github.camelsmtpsystem.internal.mail.SinkConfigReader;
import io.github.camelsmtpsystem.internal.mail.SinkPair;
import io.github.camelsmtpsystem.internal.runtime.SmtpSystemRuntime;
import io.github.camelsmtpsystem.internal.template.MailTemplates;
import io.github.camelsmtpsystem.mail.UnhandledVariable;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.util.URISupport;

/**
 * Sends one mail per entity through a Sesam SMTP system, rendered as Sesam's mail sink does.
 */
@UriEndpoint(
        firstVersion = "0.1.0",
        scheme = "smtp-system",
        title = "SMTP System",
        syntax = "smtp-system:systemId",
        producerOnly = true,
        category = {Category.MAIL},
        headersClass = SmtpSystemConstants.class)
public class SmtpSystemEndpoint extends DefaultEndpoint {

    private static final String RESOURCE = "resource:";

    @UriPath(description = "The _id of the SMTP system to send through")
    @Metadata(required = true)
    private final String systemId;

    @UriParam
    private SmtpSystemConfiguration configuration;

    private EntityMailRenderer renderer;
    private SmtpSystemRuntime runtime;

    public SmtpSystemEndpoint(
            String uri, SmtpSystemComponent component, String systemId, SmtpSystemConfiguration configuration) {
        // the URI may hold smtpPassword: Camel shows an endpoint's URI in logs, JMX and route dumps
        super(URISupport.sanitizeUri(uri), component);
        this.systemId = systemId;
        this.configuration = configuration;
    }

    @Override
    public SmtpSystemComponent getComponent() {
        return (SmtpSystemComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        if (runtime == null) {
            throw new IllegalStateException("smtp-system:" + systemId + " makes producers once it has started");
        }
        return new SmtpSystemProducer(this, runtime);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("smtp-system:" + systemId
                + " only sends mail; it cannot be used in from(). " + "Use camel-mail's imap or pop3 to read mail.");
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        // at init, as Camel builds the routes that use it: the system's routes then start with them
        runtime = getComponent().runtimeOf(getComponent().getSystem(systemId));
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // built at start, not at init (which Camel runs as it creates the endpoint): options set from Java on
        // getConfiguration() before the context starts still count
        renderer = createRenderer();
    }

    private EntityMailRenderer createRenderer() {
        try {
            // read at every start, so that a route restarted after the file changed sends with the new sink
            Map<String, String> file = sinkFile();
            MailSink sink = mailSink(file);
            UnhandledVariable unhandled = UnhandledVariable.of(option(
                    configuration.getUnhandledTemplateVariableReplacement(),
                    file,
                    "unhandledTemplateVariableReplacement",
                    "debug"));
            MailTemplates templates = new MailTemplates(
                    unhandled,
                    configuration.getMaxRenderedLength(),
                    Duration.ofMillis(configuration.getRenderTimeout()));
            return new EntityMailRenderer(sink, mailAddressing(file), templates, attachments(file));
        } catch (IllegalArgumentException e) {
            throw new ResolveEndpointFailedException(getEndpointUri(), e.getMessage());
        }
    }

    /** The sink's attachments, the fixed ones checked now: their resources must exist. */
    private MailAttachments attachments(Map<String, String> file) {
        SinkPair pair = SinkPair.merge(
                configuration.getAttachments(), configuration.getAttachmentsProperty(), file, "attachments");
        return MailAttachments.of(
                pair.value() == null ? null : text("attachments", pair.value()),
                pair.property(),
                this::resourceBytes,
                configuration.isEntityAttachmentResources());
    }

    private Optional<byte[]> resourceBytes(String location) throws IOException {
        try (InputStream in = ResourceHelper.resolveResourceAsInputStream(getCamelContext(), location)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (FileNotFoundException | NoSuchFileException e) {
            // how resource:file: says that the file does not exist
            return Optional.empty();
        }
    }

    private Map<String, String> sinkFile() {
        String sinkConfig = configuration.getSinkConfig();
        return sinkConfig == null
                ? Map.of()
                : SinkConfigReader.read(
                        text("sinkConfig", sinkConfig),
                        sinkConfig,
                        systemId,
                        getComponent().mapper());
    }

    private MailSink mailSink(Map<String, String> file) {
        SinkPair recipients = SinkPair.merge(
                configuration.getRecipients(), configuration.getRecipientsProperty(), file, "recipients");
        SinkPair subject = SinkPair.merge(
                template(configuration.getSubjectTemplate(), "subjectTemplate"),
                configuration.getSubjectTemplateProperty(),
                file,
                "subjectTemplate");
        SinkPair body = SinkPair.merge(
                template(configuration.getBodyTemplate(), "bodyTemplate"),
                configuration.getBodyTemplateProperty(),
                file,
                "bodyTemplate");
        SinkPair textBody = SinkPair.merge(
                template(configuration.getTextBodyTemplate(), "textBodyTemplate"),
                configuration.getTextBodyTemplateProperty(),
                file,
                "textBodyTemplate");
        return new MailSink(
                option(configuration.getMailFrom(), file, "mailFrom", null),
                recipients.value(),
                recipients.property(),
                subject.value(),
                subject.property(),
                body.value(),
                body.property(),
                textBody.value(),
                textBody.property());
    }

    /** Cc, Bcc, Reply-To, headers, bounce address and DSN: the endpoint's options, else the sink file's. */
    private MailAddressing mailAddressing(Map<String, String> file) {
        SinkPair cc = SinkPair.merge(template(configuration.getCc(), "cc"), configuration.getCcProperty(), file, "cc");
        SinkPair bcc =
                SinkPair.merge(template(configuration.getBcc(), "bcc"), configuration.getBccProperty(), file, "bcc");
        SinkPair replyTo = SinkPair.merge(
                template(configuration.getReplyTo(), "replyTo"), configuration.getReplyToProperty(), file, "replyTo");
        return new MailAddressing(
                listText(cc.value()),
                cc.property(),
                listText(bcc.value()),
                bcc.property(),
                listText(replyTo.value()),
                replyTo.property(),
                new ExtraHeaders(headers(file.get("headers"))),
                option(template(configuration.getEnvelopeFrom(), "envelopeFrom"), file, "envelopeFrom", null),
                listText(option(configuration.getDsnNotify(), file, "dsnNotify", null)),
                option(configuration.getDsnRet(), file, "dsnRet", null));
    }

    /** The sink file's headers object, then the endpoint's headers over it (by name, ignoring case). */
    private Map<String, String> headers(String fileHeaders) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        List<String> order = new ArrayList<>();
        if (fileHeaders != null) {
            JsonNode object;
            try {
                object = getComponent().mapper().readTree(fileHeaders);
            } catch (IOException e) {
                throw new IllegalArgumentException("sinkConfig: headers is not valid JSON: " + e.getMessage());
            }
            if (!object.isObject()) {
                throw new IllegalArgumentException("sinkConfig: headers is " + fileHeaders
                        + ". Write an object of header names and values, for instance "
                        + "{\"List-Unsubscribe\": \"<https://example.com/unsubscribe/{{ _id }}>\"}.");
            }
            object.fields().forEachRemaining(field -> {
                JsonNode value = field.getValue();
                if (!value.isValueNode() || value.isNull()) {
                    throw new IllegalArgumentException("sinkConfig: headers: '" + field.getKey()
                            + "' is not a text value. Give the header's value or template as a string.");
                }
                order.add(field.getKey());
                headers.put(field.getKey(), value.asText());
            });
        }
        if (configuration.getHeaders() != null) {
            configuration.getHeaders().forEach((name, value) -> {
                if (headers.remove(name) != null) {
                    order.removeIf(name::equalsIgnoreCase);
                }
                order.add(name);
                headers.put(name, value == null ? null : template(value.toString(), "header." + name));
            });
        }
        Map<String, String> inOrder = new LinkedHashMap<>();
        order.forEach(name -> inOrder.put(name, headers.get(name)));
        return inOrder;
    }

    /** A JSON list of addresses (as a sink file may give them) as one comma-separated text. */
    private String listText(String value) {
        if (value == null || !value.strip().startsWith("[")) {
            return value;
        }
        try {
            JsonNode list = getComponent().mapper().readTree(value);
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(item.asText()));
            return String.join(", ", items);
        } catch (IOException e) {
            // not JSON: the address parser names what is wrong with it
            return value;
        }
    }

    /** An option set on the endpoint wins over the sink file's. */
    private static String option(String value, Map<String, String> file, String name, String fallback) {
        return value != null ? value : file.getOrDefault(name, fallback);
    }

    /** A template option's text: loaded when it is resource:..., else with [[ ]] read as {{ }}. */
    private String template(String value, String name) {
        if (value == null) {
            return null;
        }
        if (value.startsWith(RESOURCE)) {
            return text(name, value);
        }
        // Camel resolves {{ }} in URIs and DSL parameters as property placeholders; [[ ]] stands in for it
        return value.replace("[[", "{{").replace("]]", "}}");
    }

    /** The value itself, or the text of the resource it names. */
    private String text(String option, String value) {
        if (!value.startsWith(RESOURCE)) {
            return value;
        }
        String location = value.substring(RESOURCE.length());
        try {
            return ResourceText.read(getCamelContext(), location)
                    .orElseThrow(() ->
                            new IllegalArgumentException(option + " names " + location + ", which does not exist. "
                                    + "Write resource:classpath:path/file or resource:file:/path/file."));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    option + " names " + location + ", which cannot be read: " + e.getMessage(), e);
        }
    }

    public String getSystemId() {
        return systemId;
    }

    public SmtpSystemConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SmtpSystemConfiguration configuration) {
        this.configuration = configuration;
    }

    EntityMailRenderer getRenderer() {
        return renderer;
    }
}
