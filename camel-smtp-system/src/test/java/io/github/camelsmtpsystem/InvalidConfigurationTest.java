package io.github.camelsmtpsystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import io.github.camelsmtpsystem.system.SmtpSystemConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every bad system definition fails when the Camel context starts, with one message that names the source (and the
 * line and column in a file), the property, the bad value (never a secret's) and the fix. One test per case; each
 * starts a fresh context with a route {@code direct:x → smtp-system:<id>}.
 */
class InvalidConfigurationTest extends SmtpSystemTestSupport {

    private static final String SINK =
            "?mailFrom=noreply@example.com&recipients=x@example.com&subjectTemplate=Hi&bodyTemplate=Body";

    @TempDir
    Path dir;

    @Test
    void unknownPropertySuggestsTheNearestName() throws Exception {
        String file = systemsFile("unknown-property.json", """
                {
                  "_id": "mail",
                  "type": "system:smtp",
                  "smtp_sever": "mail.example.com"
                }
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains(file + " (line 4, column 17)")
                .contains("smtp_sever is not a property of an SMTP system")
                .contains("Did you mean smtp_server?");
    }

    @Test
    void wrongType() throws Exception {
        String file = systemsFile("wrong-type.json", """
                {
                  "_id": "mail",
                  "type": "system:url"
                }
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains(file + " (line 3, column 11)")
                .contains("type is 'system:url'")
                .contains("Set \"type\": \"system:smtp\".");
    }

    @Test
    void missingType() throws Exception {
        String file = systemsFile("missing-type.json", """
                {
                  "_id": "mail"
                }
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains(file + " (line 1, column 1)")
                .contains("type is missing")
                .contains("Set \"type\": \"system:smtp\".");
    }

    @Test
    void missingIdNamesTheObjectInAnArray() throws Exception {
        String file = systemsFile("missing-id.json", """
                [
                  { "_id": "first", "type": "system:smtp" },
                  {
                    "type": "system:smtp",
                    "smtp_server": "mail.example.com"
                  }
                ]
                """);

        String message = startFails(file, "smtp-system:first" + SINK).getMessage();

        assertThat(message)
                .contains(file + " (line 3, column 3)")
                .contains("_id is missing")
                .contains("Give every system a unique id");
    }

    @Test
    void idWithSlash() throws Exception {
        String file = systemsFile("slash-id.json", """
                {
                  "type": "system:smtp",
                  "_id": "our/smtp"
                }
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains(file + " (line 3, column 10)")
                .contains("_id is 'our/smtp', which contains '/'")
                .contains("Use an id without '/', for example 'our-smtp'.");
    }

    @Test
    void portOutOfRange() throws Exception {
        String file = systemsFile("port-range.json", """
                {
                  "_id": "mail",
                  "type": "system:smtp",
                  "smtp_port": 70000
                }
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains(file + " (line 4, column 16)")
                .contains("smtp_port is 70000")
                .contains("Use a port from 1 to 65535");
    }

    @Test
    void portZero() throws Exception {
        String file = systemsFile("port-zero.json", """
                {"_id": "mail", "type": "system:smtp", "smtp_port": 0}
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains(file + " (line 1, column 53)")
                .contains("smtp_port is 0")
                .contains("Use a port from 1 to 65535");
    }

    @Test
    void portNotANumber() throws Exception {
        String file = systemsFile("port-text.json", """
                {
                  "_id": "mail",
                  "type": "system:smtp",
                  "smtp_port": "twenty-five"
                }
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains(file + " (line 4, column 16)")
                .contains("smtp_port is 'twenty-five', not a whole number")
                .contains("Write a whole number, for example \"smtp_port\": 25.");
    }

    @Test
    void portWithAFraction() throws Exception {
        String file = systemsFile("port-fraction.json", """
                {
                  "_id": "mail",
                  "type": "system:smtp",
                  "smtp_port": 25.5
                }
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains(file + " (line 4, column 16)")
                .contains("smtp_port is 25.5, not a whole number")
                .contains("Write a whole number");
    }

    @Test
    void negativeMaxPerHour() throws Exception {
        String file = systemsFile("negative-cap.json", """
                {
                  "_id": "mail",
                  "type": "system:smtp",
                  "max_per_hour": -1
                }
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains(file + " (line 4, column 19)")
                .contains("max_per_hour is -1")
                .contains("Use 0 or more (0 discards every message)");
    }

    @Test
    void usernameWithoutPassword() throws Exception {
        String file = systemsFile("no-password.json", """
                {
                  "_id": "mail",
                  "type": "system:smtp",
                  "smtp_username": "alice"
                }
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains(file + " (line 1, column 1)")
                .contains("smtp_password is missing while smtp_username is set")
                .contains("Set smtp_password (for example \"$SECRET(smtp-password)\"), or remove smtp_username");
    }

    @Test
    void nullPasswordCountsAsMissing() throws Exception {
        String file = systemsFile("null-password.json", """
                {
                  "_id": "mail",
                  "type": "system:smtp",
                  "smtp_username": "alice",
                  "smtp_password": null
                }
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message).contains("smtp_password is missing while smtp_username is set");
    }

    @Test
    void unresolvedEnv() throws Exception {
        String file = systemsFile("unresolved-env.json", """
                {
                  "_id": "mail",
                  "type": "system:smtp",
                  "smtp_server": "$ENV(SMTP_SYSTEM_NO_SUCH_VARIABLE)"
                }
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains(file + " (line 4, column 18)")
                .contains("smtp_server: $ENV(SMTP_SYSTEM_NO_SUCH_VARIABLE) is not set")
                .contains(
                        "Define the Camel property 'SMTP_SYSTEM_NO_SUCH_VARIABLE' or the environment variable 'SMTP_SYSTEM_NO_SUCH_VARIABLE'.")
                .doesNotContain("..")
                .doesNotEndWith(" ");
    }

    @Test
    void unresolvedSecretNamesWhereItWasLookedFor() throws Exception {
        String file = systemsFile("unresolved-secret.json", """
                {
                  "_id": "mail",
                  "type": "system:smtp",
                  "smtp_username": "alice",
                  "smtp_password": "$SECRET(smtp-password)"
                }
                """);

        SmtpSystemConfigException error =
                startFails(file, "smtp-system:mail" + SINK, c -> c.setSecretsDirectory(dir.toString()));

        assertThat(error.getMessage())
                .contains(file + " (line 5, column 20)")
                .contains("smtp_password: $SECRET(smtp-password) is not set")
                .contains("the Camel property 'smtp-password', the environment variable 'smtp-password' or the file "
                        + dir.resolve("smtp-password"))
                .doesNotContain("..")
                .doesNotEndWith(" ");
    }

    @Test
    void unresolvedSecretWithoutSecretsDirectorySaysHowToUseFiles() throws Exception {
        String file = systemsFile("unresolved-secret-no-dir.json", """
                {"_id": "mail", "type": "system:smtp", "smtp_username": "alice", "smtp_password": $SECRET(smtp-password)}
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains(file + " (line 1, column 83)")
                .contains("$SECRET(smtp-password) is not set")
                .contains("Define it as the Camel property 'smtp-password' or the environment variable 'smtp-password' "
                        + "(or set the component's secretsDirectory to read it from a file there).");
    }

    @Test
    void nestedTokens() throws Exception {
        String file = systemsFile("nested.json", """
                {
                  "_id": "mail",
                  "type": "system:smtp",
                  "smtp_server": "$ENV($ENV(SMTP_SYSTEM_TEST_USER))"
                }
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains(file + " (line 4, column 18)")
                .contains("smtp_server: a $ENV(...) or $SECRET(...) in the value is nested or not closed")
                .contains("never one inside another");
    }

    @Test
    void malformedJson() throws Exception {
        String file = systemsFile("malformed.json", """
                {
                  "_id": "mail",
                  "type": "system:smtp"
                  "smtp_port": 2525
                }
                """);

        SmtpSystemConfigException error = startFails(file, "smtp-system:mail" + SINK);

        assertThat(error.getMessage())
                .startsWith("Malformed JSON in " + file + " (line 4, column 3): ")
                .contains("was expecting comma")
                .endsWith("Fix the JSON syntax there.");
    }

    @Test
    void malformedJsonNeverShowsAnUnquotedPassword() throws Exception {
        String file = systemsFile("unquoted-password.json", """
                {
                  "_id": "mail",
                  "type": "system:smtp",
                  "smtp_username": "alice",
                  "smtp_password": hunter2
                }
                """);

        Throwable thrown = catchThrowable(() -> start(file, "smtp-system:mail" + SINK, c -> {}));

        SmtpSystemConfigException error = configError(thrown);
        // Jackson reports where the word ends
        assertThat(error.getMessage())
                .contains(file + " (line 5, column 27)")
                .contains("a value is a word without quotes (not shown, it may be a secret)")
                .contains("Put a string value in double quotes");
        assertThat(messagesOf(thrown)).doesNotContain("hunter2");
    }

    @Test
    void notAnObject() throws Exception {
        String file = systemsFile("not-an-object.json", """
                "system:smtp"
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains(file + " (line 1, column 1)")
                .contains("expected an SMTP system object or an array of them")
                .contains("Write one system object, or an array of them.");
    }

    @Test
    void duplicateIdWithDifferentSettingsInOneFile() throws Exception {
        String file = systemsFile("duplicate.json", """
                [
                  {"_id": "mail", "type": "system:smtp", "smtp_port": 2525},
                  {"_id": "mail", "type": "system:smtp", "smtp_port": 2526}
                ]
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains("SMTP system 'mail' is defined twice with different settings")
                .contains(file + " (line 2, column 3)")
                .contains(file + " (line 3, column 3)")
                .contains("Keep one definition, or give the systems different ids.");
    }

    @Test
    void duplicateIdWithDifferentSettingsInTwoFiles() throws Exception {
        String first = systemsFile("first.json", """
                {"_id": "mail", "type": "system:smtp", "smtp_server": "a.example.com"}
                """);
        String second = systemsFile("second.json", """
                {"_id": "mail", "type": "system:smtp", "smtp_server": "b.example.com"}
                """);

        String message =
                startFails(first + "," + second, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains("SMTP system 'mail' is defined twice with different settings")
                .contains("in " + first + " (line 1, column 1) and in " + second + " (line 1, column 1)");
    }

    @Test
    void sameIdInFileAndUriWithDifferentSettingsNamesBothSources() throws Exception {
        String file = systemsFile("file-and-uri.json", """
                {"_id": "mail", "type": "system:smtp", "smtp_server": "a.example.com", "smtp_port": 2525}
                """);

        String message = startFails(file, "smtp-system:mail" + SINK + "&smtpServer=a.example.com&smtpPort=2526")
                .getMessage();

        assertThat(message)
                .contains("SMTP system 'mail' is defined twice with different settings")
                .contains(file + " (line 1, column 1)")
                .contains("the options of endpoint smtp-system://mail");
    }

    @Test
    void secretValueOfTheWrongTypeIsNotShown() throws Exception {
        String file = systemsFile("secret-port.json", """
                {"_id": "mail", "type": "system:smtp", "smtp_port": "$SECRET(port-secret)"}
                """);
        Properties properties = new Properties();
        properties.setProperty("port-secret", "s3cr3t-port");

        Throwable thrown = catchThrowable(() -> start(
                file,
                "smtp-system:mail" + SINK,
                c -> c.getCamelContext().getPropertiesComponent().setOverrideProperties(properties)));

        assertThat(configError(thrown).getMessage())
                .contains(file + " (line 1, column 53)")
                .contains("smtp_port is (a value from $SECRET, not shown), not a whole number");
        assertThat(messagesOf(thrown)).doesNotContain("s3cr3t-port");
    }

    @Test
    void secretValueOutOfRangeIsNotShown() throws Exception {
        String file = systemsFile("secret-range.json", """
                {"_id": "mail", "type": "system:smtp", "smtp_port": "$SECRET(port-secret)"}
                """);
        Properties properties = new Properties();
        properties.setProperty("port-secret", "987654");

        Throwable thrown = catchThrowable(() -> start(
                file,
                "smtp-system:mail" + SINK,
                c -> c.getCamelContext().getPropertiesComponent().setOverrideProperties(properties)));

        assertThat(configError(thrown).getMessage())
                .contains(file + " (line 1, column 53)")
                .contains("smtp_port is (a value from $SECRET, not shown)")
                .contains("Use a port from 1 to 65535");
        assertThat(messagesOf(thrown)).doesNotContain("987654");
    }

    @Test
    void passwordOfTheWrongTypeIsNotShown() throws Exception {
        String file = systemsFile("number-password.json", """
                {"_id": "mail", "type": "system:smtp", "smtp_username": "alice", "smtp_password": 8675309}
                """);

        Throwable thrown = catchThrowable(() -> start(file, "smtp-system:mail" + SINK, c -> {}));

        assertThat(configError(thrown).getMessage())
                .contains(file + " (line 1, column 83)")
                .contains("smtp_password is (a password, not shown), not a string")
                .contains("\"smtp_password\": \"value\"");
        assertThat(messagesOf(thrown)).doesNotContain("8675309");
    }

    @Test
    void missingSystemsFile() {
        String file = "file:" + dir.resolve("no-such-file.json");

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains("The systems file " + file + " (from systemsLocation) does not exist")
                .contains("Write classpath:path/systems.json or file:/path/systems.json.");
    }

    @Test
    void unknownSystemId() {
        String message = startFails(null, "smtp-system:nowhere" + SINK).getMessage();

        assertThat(message).contains("No SMTP system has the id 'nowhere'").contains("systemsLocation");
    }

    @Test
    void uriPortOutOfRangeUsesTheOptionName() {
        String message =
                startFails(null, "smtp-system:mail" + SINK + "&smtpPort=70000").getMessage();

        assertThat(message)
                .contains("SMTP system 'mail' in the options of endpoint smtp-system://mail")
                .contains("smtpPort is 70000")
                .contains("Use a port from 1 to 65535");
    }

    @Test
    void uriUsernameWithoutPasswordUsesTheOptionNames() {
        String message = startFails(null, "smtp-system:mail" + SINK + "&smtpUsername=alice")
                .getMessage();

        assertThat(message)
                .contains("smtpPassword is missing while smtpUsername is set")
                .contains("Set smtpPassword")
                .contains("or remove smtpUsername");
    }

    @Test
    void uriNegativeMaxPerHour() {
        String message =
                startFails(null, "smtp-system:mail" + SINK + "&maxPerHour=-5").getMessage();

        assertThat(message)
                .contains("smtp-system://mail")
                .contains("maxPerHour is -5")
                .contains("Use 0 or more");
    }

    @Test
    void oauth2TokenUrlWithAPasswordNamesBoth() throws Exception {
        String file = systemsFile("oauth2-password.json", """
                {
                  "_id": "mail", "type": "system:smtp", "smtp_username": "noreply@example.com",
                  "smtp_password": "Pw-Not-Shown-1", "smtp_oauth2_token_url": "https://login.example.com/token",
                  "smtp_oauth2_client_id": "app", "smtp_oauth2_client_secret": "s"
                }
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains("smtp_password is set while smtp_oauth2_token_url is set")
                .contains("Remove smtp_password")
                .doesNotContain("Pw-Not-Shown-1");
    }

    @Test
    void uriOAuth2TokenUrlWithoutUsername() {
        String message = startFails(
                        null,
                        "smtp-system:mail" + SINK
                                + "&smtpOauth2TokenUrl=https://login.example.com/token&smtpOauth2ClientId=app&smtpOauth2ClientSecret=s")
                .getMessage();

        assertThat(message)
                .contains("smtp-system://mail")
                .contains("smtpUsername is missing while smtpOauth2TokenUrl is set")
                .contains("Set it to the mailbox");
    }

    @Test
    void oauth2TokenUrlOverPlainHttpToAnotherHost() throws Exception {
        String file = systemsFile("oauth2-http.json", """
                {
                  "_id": "mail", "type": "system:smtp", "smtp_username": "noreply@example.com",
                  "smtp_oauth2_token_url": "http://login.example.com/token",
                  "smtp_oauth2_client_id": "app", "smtp_oauth2_client_secret": "s"
                }
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains(file + " (line 3, column 28)")
                .contains("smtp_oauth2_token_url is 'http://login.example.com/token', plain http to another machine")
                .contains("Use the https:// address of the token endpoint");
    }

    @Test
    void oauth2TokenUrlThatIsNoUrl() {
        String message = startFails(
                        null,
                        "smtp-system:mail" + SINK + "&smtpUsername=noreply@example.com"
                                + "&smtpOauth2TokenUrl=login.example.com&smtpOauth2ClientId=app&smtpOauth2ClientSecret=s")
                .getMessage();

        assertThat(message).contains("smtpOauth2TokenUrl is 'login.example.com', not an https:// address");
    }

    @Test
    void oauth2WithoutClientId() {
        String message = startFails(
                        null,
                        "smtp-system:mail" + SINK + "&smtpUsername=noreply@example.com"
                                + "&smtpOauth2TokenUrl=https://login.example.com/token&smtpOauth2ClientSecret=s")
                .getMessage();

        assertThat(message).contains("smtpOauth2ClientId is missing while smtpOauth2TokenUrl is set");
    }

    @Test
    void oauth2WithoutClientSecretOrRefreshToken() {
        String message = startFails(
                        null,
                        "smtp-system:mail" + SINK + "&smtpUsername=noreply@example.com"
                                + "&smtpOauth2TokenUrl=https://login.example.com/token&smtpOauth2ClientId=app")
                .getMessage();

        assertThat(message)
                .contains("smtpOauth2ClientSecret is missing while smtpOauth2TokenUrl is set")
                .contains("or set smtpOauth2RefreshToken for the refresh_token grant");
    }

    @Test
    void oauth2UnknownClientAuthentication() throws Exception {
        String file = systemsFile("oauth2-client-auth.json", """
                {
                  "_id": "mail", "type": "system:smtp", "smtp_username": "noreply@example.com",
                  "smtp_oauth2_token_url": "https://login.example.com/token",
                  "smtp_oauth2_client_id": "app", "smtp_oauth2_client_secret": "s", "smtp_oauth2_client_auth": "jwt"
                }
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains("smtp_oauth2_client_auth is 'jwt'")
                .contains("Use post (client_secret_post, the default) or basic");
    }

    @Test
    void oauth2SettingWithoutTokenUrl() throws Exception {
        String file = systemsFile("oauth2-no-url.json", """
                {
                  "_id": "mail", "type": "system:smtp", "smtp_username": "alice", "smtp_password": "pw",
                  "smtp_oauth2_client_id": "app"
                }
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains("smtp_oauth2_client_id is set while smtp_oauth2_token_url is not")
                .contains("or remove smtp_oauth2_client_id");
    }

    @Test
    void oauth2ClientSecretOfTheWrongTypeIsNotShown() throws Exception {
        String file = systemsFile("oauth2-secret-type.json", """
                {
                  "_id": "mail", "type": "system:smtp", "smtp_username": "noreply@example.com",
                  "smtp_oauth2_token_url": "https://login.example.com/token",
                  "smtp_oauth2_client_id": "app", "smtp_oauth2_client_secret": 987654321
                }
                """);

        String message = startFails(file, "smtp-system:mail" + SINK).getMessage();

        assertThat(message)
                .contains("smtp_oauth2_client_secret is (a secret, not shown), not a string")
                .doesNotContain("987654321");
    }

    @Test
    void oauth2AccessTokenWouldCrossTheNetworkInClearText() {
        String message = startFails(
                        null,
                        "smtp-system:mail" + SINK + "&smtpServer=192.0.2.1&smtpUsername=noreply@example.com"
                                + "&smtpOauth2TokenUrl=https://login.example.com/token&smtpOauth2ClientId=app&smtpOauth2ClientSecret=s")
                .getMessage();

        assertThat(message)
                .contains("would send its access token in clear text to 192.0.2.1")
                .contains("Set use_tls to true");
    }

    @Test
    void oauth2TokenProviderBeanThatDoesNotExist() {
        String message = startFails(
                        null,
                        "smtp-system:mail" + SINK + "&smtpUsername=noreply@example.com"
                                + "&smtpOauth2TokenUrl=bean:vaultTokens")
                .getMessage();

        assertThat(message)
                .contains("names the token provider bean 'vaultTokens', which does not exist")
                .contains("Bind a SmtpAccessTokenProvider under that name");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private String systemsFile(String name, String json) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, json);
        return "file:" + file;
    }

    private SmtpSystemConfigException startFails(String systemsLocation, String uri) {
        return startFails(systemsLocation, uri, c -> {});
    }

    /** Starts a context that must fail; returns the configuration error, which must be the root cause. */
    private SmtpSystemConfigException startFails(String systemsLocation, String uri, ComponentSetup setup) {
        Throwable thrown = catchThrowable(() -> start(systemsLocation, uri, setup));
        SmtpSystemConfigException error = configError(thrown);
        Throwable root = thrown;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        // a malformed file keeps the JSON parser's exception as the cause; anything else is the root cause itself
        assertThat(root).isIn(error, error.getCause());
        return error;
    }

    private void start(String systemsLocation, String uri, ComponentSetup setup) throws Exception {
        component().setSystemsLocation(systemsLocation);
        setup.configure(component());
        start(uri);
    }

    private static SmtpSystemConfigException configError(Throwable thrown) {
        assertThat(thrown).as("the context start must fail").isNotNull();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SmtpSystemConfigException e) {
                return e;
            }
        }
        throw new AssertionError("no SmtpSystemConfigException in the causes of " + thrown, thrown);
    }

    /** Every message in the chain of causes, as a log would show them. */
    private static String messagesOf(Throwable thrown) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }

    @FunctionalInterface
    private interface ComponentSetup {
        void configure(SmtpSystemComponent component) throws Exception;
    }
}
