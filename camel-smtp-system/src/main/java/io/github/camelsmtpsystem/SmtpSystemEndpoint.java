package io.github.camelsmtpsystem;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import io.github.camelsmtpsystem.internal.ResourceText;
import io.github.camelsmtpsystem.internal.SinkPair;
import io.github.camelsmtpsystem.internal.SmtpSystemRuntime;
import io.github.camelsmtpsystem.internal.mail.EntityMailRenderer;
import io.github.camelsmtpsystem.internal.mail.MailSink;
import io.github.camelsmtpsystem.internal.mail.SinkConfigReader;
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
            MailSink sink = mailSink();
            UnhandledVariable unhandled = UnhandledVariable.of(option(
                    configuration.getUnhandledTemplateVariableReplacement(),
                    sinkFile(),
                    "unhandledTemplateVariableReplacement",
                    "debug"));
            MailTemplates templates = new MailTemplates(
                    unhandled,
                    configuration.getMaxRenderedLength(),
                    Duration.ofMillis(configuration.getRenderTimeout()));
            return new EntityMailRenderer(sink, templates);
        } catch (IllegalArgumentException e) {
            throw new ResolveEndpointFailedException(getEndpointUri(), e.getMessage());
        }
    }

    private Map<String, String> sinkFileCache;

    private Map<String, String> sinkFile() {
        if (sinkFileCache == null) {
            String sinkConfig = configuration.getSinkConfig();
            sinkFileCache = sinkConfig == null
                    ? Map.of()
                    : SinkConfigReader.read(
                            text("sinkConfig", sinkConfig),
                            sinkConfig,
                            systemId,
                            getComponent().mapper());
        }
        return sinkFileCache;
    }

    private MailSink mailSink() {
        Map<String, String> file = sinkFile();
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
