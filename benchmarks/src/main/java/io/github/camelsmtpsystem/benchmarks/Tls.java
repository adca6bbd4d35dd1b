package io.github.camelsmtpsystem.benchmarks;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/** Trust in the test certificate for {@code localhost} (the benchmark's own, in benchmarks/tls), for every client. */
final class Tls {

    private static final String PASSWORD = "changeit";

    private Tls() {}

    static Path trustStore() {
        return Servers.projectFile(Servers.TLS_DIR + "/truststore.p12");
    }

    /** For the Camel clients: {@code sslContextParameters} of smtp-system: and of camel-mail. */
    static SSLContextParameters camelParameters() {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + trustStore());
        store.setPassword(PASSWORD);
        store.setType("PKCS12");
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store);
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setTrustManagers(trust);
        return parameters;
    }

    /** For raw Angus Mail. */
    static SSLContext context() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore())) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
