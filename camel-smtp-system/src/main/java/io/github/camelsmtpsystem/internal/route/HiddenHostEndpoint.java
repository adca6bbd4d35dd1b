package io.github.camelsmtpsystem.internal.route;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The system's camel-mail endpoint under a URI that does not show its host, for a system whose {@code smtp_server}
 * came from {@code $SECRET(...)}: route dumps, JMX and Camel's own logs show {@code smtp://******:<port>}. Mails still
 * go through the camel-mail endpoint itself.
 */
final class HiddenHostEndpoint extends DefaultEndpoint {

    private final Endpoint mail;

    HiddenHostEndpoint(String uri, Endpoint mail) {
        super(uri, null);
        this.mail = mail;
        setCamelContext(mail.getCamelContext());
    }

    @Override
    public Producer createProducer() throws Exception {
        return new HiddenHostProducer(this, mail.createProducer());
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("An SMTP system's mail endpoint only sends");
    }

    @Override
    public boolean isSingleton() {
        return true;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ServiceHelper.startService(mail);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(mail);
        super.doStop();
    }

    /** camel-mail's producer, shown (in JMX) as this endpoint's. */
    private static final class HiddenHostProducer extends DefaultProducer {

        private final Producer mail;

        HiddenHostProducer(Endpoint endpoint, Producer mail) {
            super(endpoint);
            this.mail = mail;
        }

        @Override
        public void process(Exchange exchange) throws Exception {
            mail.process(exchange);
        }

        @Override
        protected void doStart() throws Exception {
            super.doStart();
            ServiceHelper.startService(mail);
        }

        @Override
        protected void doStop() throws Exception {
            ServiceHelper.stopService(mail);
            super.doStop();
        }
    }
}
