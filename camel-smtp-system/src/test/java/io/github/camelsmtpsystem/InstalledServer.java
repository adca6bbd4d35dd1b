package io.github.camelsmtpsystem;

import org.junit.jupiter.api.Assumptions;

/** The rule for tests that start a server from Debian's packages: skipped where it is missing, failed on CI. */
public final class InstalledServer {

    private InstalledServer() {}

    /**
     * Skips the calling test when {@code installed} is false; on CI (environment CI=true), where .ci/run installs every
     * package the tests need, fails it instead.
     *
     * @param installed whether the server can run here
     * @param what      what is missing and how to install it, for instance {@code "redis-server is not installed
     *                  (apt-get install -y redis-server)"}
     */
    public static void require(boolean installed, String what) {
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(what + ". CI installs it in .ci/run; a missing server there is a failure.");
        }
        Assumptions.assumeTrue(installed, what);
    }
}
