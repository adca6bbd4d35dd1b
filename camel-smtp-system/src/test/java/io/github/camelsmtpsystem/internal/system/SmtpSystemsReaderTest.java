package io.github.camelsmtpsystem.internal.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsmtpsystem.system.ConfigSource;
import io.github.camelsmtpsystem.system.ConfigValueResolver;
import io.github.camelsmtpsystem.system.DefaultSecretResolver;
import io.github.camelsmtpsystem.system.SecretResolver;
import io.github.camelsmtpsystem.system.SmtpSystem;
import io.github.camelsmtpsystem.system.SmtpSystemConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Reading Sesam SMTP system definitions and resolving their {@code $ENV}/{@code $SECRET} tokens, without Camel.
 */
class SmtpSystemsReaderTest {

    private static final String SOURCE = "systems.json";

    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> secrets = new HashMap<>();

    @TempDir
    Path dir;

    private List<SmtpSystem> read(String json) {
        ConfigValueResolver values = new ConfigValueResolver(
                name -> Optional.ofNullable(env.get(name)), name -> Optional.ofNullable(secrets.get(name)));
        return new SmtpSystemsReader(new ObjectMapper(), values).read(json, SOURCE);
    }

    private SmtpSystem readOne(String json) {
        List<SmtpSystem> systems = read(json);
        assertThat(systems).hasSize(1);
        return systems.get(0);
    }

    @Test
    void oauth2PropertiesWithTokensAndSecretsHidden() {
        env.put("TENANT", "contoso");
        secrets.put("client-secret", "Client-Secret-2gH7");
        SmtpSystem system = readOne("""
                {"_id": "m365", "type": "system:smtp", "smtp_server": "smtp.office365.com", "smtp_port": 587, "use_tls": true,
                 "smtp_username": "noreply@contoso.com",
                 "smtp_oauth2_token_url": "https://login.microsoftonline.com/$ENV(TENANT)/oauth2/v2.0/token",
                 "smtp_oauth2_client_id": "app-id", "smtp_oauth2_client_secret": "$SECRET(client-secret)",
                 "smtp_oauth2_scope": "https://outlook.office365.com/.default", "smtp_oauth2_client_auth": "basic"}
                """);

        assertThat(system.usesOAuth2()).isTrue();
        assertThat(system.getSmtpOauth2TokenUrl())
                .isEqualTo("https://login.microsoftonline.com/contoso/oauth2/v2.0/token");
        assertThat(system.getSmtpOauth2ClientId()).isEqualTo("app-id");
        assertThat(system.getSmtpOauth2ClientSecret()).isEqualTo("Client-Secret-2gH7");
        assertThat(system.getSmtpOauth2Scope()).isEqualTo("https://outlook.office365.com/.default");
        assertThat(system.getSmtpOauth2RefreshToken()).isNull();
        assertThat(system.getSmtpOauth2ClientAuth()).isEqualTo("basic");
        assertThat(system.getSmtpPassword()).isNull();
        assertThat(system.toString()).contains("smtpOauth2ClientId=app-id").doesNotContain("Client-Secret-2gH7");
    }

    @Test
    void oauth2ClientAuthDefaultsToPost() {
        SmtpSystem system = readOne("""
                {"_id": "gmail", "type": "system:smtp", "smtp_username": "me@gmail.com",
                 "smtp_oauth2_token_url": "https://oauth2.googleapis.com/token", "smtp_oauth2_client_id": "id",
                 "smtp_oauth2_client_secret": "s", "smtp_oauth2_refresh_token": "Refresh-5tY"}
                """);

        assertThat(system.getSmtpOauth2ClientAuth()).isEqualTo("post");
        assertThat(system.toString()).doesNotContain("Refresh-5tY");
    }

    @Test
    void prototypeDefaults() {
        SmtpSystem system = readOne("""
                {"_id": "mail", "type": "system:smtp"}
                """);

        assertThat(system.getId()).isEqualTo("mail");
        assertThat(system.getName()).isEqualTo("mail");
        assertThat(system.getSmtpServer()).isEqualTo("localhost");
        assertThat(system.getSmtpPort()).isEqualTo(25);
        assertThat(system.getSmtpUsername()).isNull();
        assertThat(system.getSmtpPassword()).isNull();
        assertThat(system.isAuthenticated()).isFalse();
        assertThat(system.isUseTls()).isFalse();
        assertThat(system.getMaxPerHour()).isEqualTo(1000);
        assertThat(system.getSource().description()).isEqualTo(SOURCE + " (line 1, column 1)");
    }

    @Test
    void sesamPrototypeWithNullsAndAllProperties() {
        SmtpSystem system = readOne("""
                {
                    "_id": "id-of-system",
                    "name": "Name of system",
                    "type": "system:smtp",
                    "smtp_server": "mail.example.com",
                    "smtp_port": 587,
                    "smtp_username": null,
                    "smtp_password": null,
                    "use_tls": true,
                    "max_per_hour": 0
                }
                """);

        assertThat(system.getName()).isEqualTo("Name of system");
        assertThat(system.getSmtpServer()).isEqualTo("mail.example.com");
        assertThat(system.getSmtpPort()).isEqualTo(587);
        assertThat(system.isAuthenticated()).isFalse();
        assertThat(system.isUseTls()).isTrue();
        assertThat(system.getMaxPerHour()).isZero();
    }

    @Test
    void arrayOfSystems() {
        List<SmtpSystem> systems = read("""
                [
                  {"_id": "a", "type": "system:smtp", "smtp_port": 2525},
                  {"_id": "b", "type": "system:smtp", "smtp_port": 2526}
                ]
                """);

        assertThat(systems).extracting(SmtpSystem::getId).containsExactly("a", "b");
        assertThat(systems).extracting(SmtpSystem::getSmtpPort).containsExactly(2525, 2526);
        assertThat(systems.get(1).getSource().description()).isEqualTo(SOURCE + " (line 3, column 3)");
    }

    @Test
    void sesamCommonPropertiesAreAccepted() {
        SmtpSystem system = readOne("""
                {"_id": "mail", "type": "system:smtp", "name": "Mail", "description": "d", "comment": ["c"],
                 "metadata": {"k": "v"}, "worker_threads": 4, "permissions": [["allow", ["group:Admin"], ["read"]]]}
                """);

        assertThat(system.getName()).isEqualTo("Mail");
    }

    @Test
    void nearestPropertyName() {
        assertThat(SmtpSystemsReader.nearest("smtp_sever")).isEqualTo("smtp_server");
        assertThat(SmtpSystemsReader.nearest("SMTP_PORT")).isEqualTo("smtp_port");
        assertThat(SmtpSystemsReader.nearest("maxPerHour")).isEqualTo("max_per_hour");
        assertThat(SmtpSystemsReader.nearest("usetls")).isEqualTo("use_tls");
    }

    @Test
    void severalTokensInOneString() {
        env.put("a", "mail");
        env.put("b", "example.com");
        secrets.put("c", "s3cret");

        SmtpSystem system = readOne("""
                {"_id": "mail", "type": "system:smtp", "smtp_server": "$ENV(a)-$ENV(b)",
                 "smtp_username": "u", "smtp_password": "x$SECRET(c)$ENV(a)y"}
                """);

        assertThat(system.getSmtpServer()).isEqualTo("mail-example.com");
        assertThat(system.getSmtpPassword()).isEqualTo("xs3cretmaily");
    }

    @Test
    void tokenGivesAnIntegerPort() {
        env.put("port", " 2525 ");

        assertThat(readOne("""
                {"_id": "mail", "type": "system:smtp", "smtp_port": "$ENV(port)"}
                """).getSmtpPort()).isEqualTo(2525);
    }

    @Test
    void tokenGivesABoolean() {
        env.put("tls", "TRUE");

        assertThat(readOne("""
                {"_id": "mail", "type": "system:smtp", "use_tls": "$ENV(tls)"}
                """).isUseTls()).isTrue();
    }

    @Test
    void tokenGivesTheMaxPerHour() {
        secrets.put("cap", "42");

        assertThat(readOne("""
                {"_id": "mail", "type": "system:smtp", "max_per_hour": "$SECRET(cap)"}
                """).getMaxPerHour()).isEqualTo(42);
    }

    @Test
    void textThatIsNotABoolean() {
        env.put("tls", "yes");

        assertThatThrownBy(() -> read("""
                {"_id": "mail", "type": "system:smtp", "use_tls": "$ENV(tls)"}
                """))
                .isInstanceOf(SmtpSystemConfigException.class)
                .hasMessage(
                        "SMTP system 'mail' in systems.json (line 1, column 51): use_tls is 'yes', not true or false. "
                                + "Write true or false, for example \"use_tls\": false.");
    }

    @Test
    void sesamDocumentedExampleWithUnquotedTokenAndMissingComma() throws IOException {
        env.put("username-variable", "alice");
        secrets.put("password-variable", "s3cret");

        SmtpSystem system = readOne(resource("reference/smtp-system-example.json"));

        assertThat(system.getId()).isEqualTo("our-smtp-server");
        assertThat(system.getName()).isEqualTo("Our SMTP Server");
        assertThat(system.getSmtpUsername()).isEqualTo("alice");
        assertThat(system.getSmtpPassword()).isEqualTo("s3cret");
        assertThat(system.getMaxPerHour()).isEqualTo(100000);
    }

    @Test
    void unquotedTokenWithComma() {
        env.put("port", "2525");

        SmtpSystem system = readOne("""
                {"_id": "mail", "type": "system:smtp", "smtp_port": $ENV(port), "smtp_server": "a.example.com"}
                """);

        assertThat(system.getSmtpPort()).isEqualTo(2525);
        assertThat(system.getSmtpServer()).isEqualTo("a.example.com");
    }

    @Test
    void tokenLikeTextInsideAStringIsNotQuotedAgain() {
        env.put("x", "mail.example.com");

        SmtpSystem system = readOne("""
                {"_id": "mail", "type": "system:smtp", "name": "say \\"$ENV(x)\\" please", "smtp_server": "$ENV(x)"}
                """);

        assertThat(system.getName()).isEqualTo("say \"$ENV(x)\" please");
        assertThat(system.getSmtpServer()).isEqualTo("mail.example.com");
    }

    @Test
    void nestedTokensAreAnError() {
        env.put("inner", "outer");
        env.put("outer", "mail.example.com");

        assertThatThrownBy(() -> read("""
                {"_id": "mail", "type": "system:smtp", "smtp_server": "$ENV($ENV(inner))"}
                """))
                .isInstanceOf(SmtpSystemConfigException.class)
                .hasMessageContaining("systems.json (line 1, column 55)")
                .hasMessageContaining("smtp_server: a $ENV(...) or $SECRET(...) in the value is nested or not closed")
                .hasMessageContaining("never one inside another");
    }

    @Test
    void nestedTokensAreReportedAsNestedEvenWhenTheInnerOneIsNotSet() {
        assertThatThrownBy(() -> read("""
                {"_id": "mail", "type": "system:smtp", "smtp_server": "$ENV($SECRET(not-set))"}
                """))
                .hasMessageContaining("is nested or not closed")
                .hasMessageNotContaining("is not set");
    }

    @Test
    void unclosedToken() {
        assertThatThrownBy(() -> read("""
                {"_id": "mail", "type": "system:smtp", "smtp_server": "$ENV(host"}
                """))
                .hasMessageContaining("smtp_server: a $ENV(...) or $SECRET(...) in the value is nested or not closed");
    }

    @Test
    void tokenWithoutName() {
        assertThatThrownBy(() -> read("""
                {"_id": "mail", "type": "system:smtp", "smtp_server": "$ENV( )"}
                """))
                .hasMessage("SMTP system 'mail' in systems.json (line 1, column 55): smtp_server: $ENV() has no name. "
                        + "Write $ENV(name).");
    }

    @Test
    void unresolvedSecretNamesTheResolver() {
        ConfigValueResolver values = new ConfigValueResolver(name -> Optional.empty(), new VaultResolver());

        assertThatThrownBy(() -> new SmtpSystemsReader(new ObjectMapper(), values).read("""
                {"_id": "mail", "type": "system:smtp", "smtp_username": "u", "smtp_password": "$SECRET(pw)"}
                """, SOURCE))
                .hasMessageEndingWith("smtp_password: $SECRET(pw) is not set. "
                        + "Define it as a secret that the component's secretResolver (VaultResolver) knows.");
    }

    private static final class VaultResolver implements SecretResolver {
        @Override
        public Optional<String> resolve(String name) {
            return Optional.empty();
        }
    }

    @Test
    void wrongTypedSecretIsNotShown() {
        secrets.put("port", "not-a-port-4711");

        SmtpSystemConfigException error = catchThrowableOfType(SmtpSystemConfigException.class, () -> read("""
                {"_id": "mail", "type": "system:smtp", "smtp_port": "$SECRET(port)"}
                """));

        assertThat(error)
                .hasMessage(
                        "SMTP system 'mail' in systems.json (line 1, column 53): smtp_port is (a value from $SECRET, "
                                + "not shown), not a whole number. Write a whole number, for example \"smtp_port\": 25.");
        assertThat(error.getMessage()).doesNotContain("4711");
    }

    @Test
    void wrongTypedEnvIsShown() {
        env.put("port", "twenty");

        assertThatThrownBy(() -> read("""
                {"_id": "mail", "type": "system:smtp", "smtp_port": "$ENV(port)"}
                """)).hasMessageContaining("smtp_port is 'twenty', not a whole number");
    }

    @Test
    void booleanWrittenAsNumberIsAnError() {
        assertThatThrownBy(() -> read("""
                {"_id": "mail", "type": "system:smtp", "use_tls": 1}
                """)).hasMessageContaining("use_tls is 1, not true or false");
    }

    @Test
    void idThatIsNotAString() {
        assertThatThrownBy(() -> read("""
                {"_id": 7, "type": "system:smtp"}
                """))
                .hasMessage("An SMTP system in systems.json (line 1, column 9): _id is 7, not a string. "
                        + "Write a string, for example \"_id\": \"value\".");
    }

    @Test
    void emptyServer() {
        assertThatThrownBy(() -> read("""
                {"_id": "mail", "type": "system:smtp", "smtp_server": " "}
                """))
                .hasMessage("SMTP system 'mail' in systems.json (line 1, column 55): smtp_server is empty. "
                        + "Set it to the host name of the SMTP server, or leave it out to use 'localhost'.");
    }

    @Test
    void trailingTextAfterTheSystem() {
        assertThatThrownBy(() -> read("""
                {"_id": "mail", "type": "system:smtp"}
                {"_id": "other", "type": "system:smtp"}
                """))
                .hasMessage("Malformed systems file systems.json (line 2, column 1): expected the end of the file. "
                        + "Write one system object, or an array of them.");
    }

    @Test
    void arrayOfSomethingElse() {
        assertThatThrownBy(() -> read("""
                [{"_id": "mail", "type": "system:smtp"}, "mail"]
                """))
                .hasMessageContaining("systems.json (line 1, column 42): expected an SMTP system object");
    }

    @Test
    void emptyFile() {
        assertThatThrownBy(() -> read(""))
                .isInstanceOf(SmtpSystemConfigException.class)
                .hasMessageContaining("systems.json")
                .hasMessageContaining("Write one system object, or an array of them.");
    }

    // --- SmtpSystem
    // ---------------------------------------------------------------------------------------------

    @Test
    void toStringNeverShowsThePassword() {
        SmtpSystem system = SmtpSystem.builder("mail")
                .smtpUsername("alice")
                .smtpPassword("pa55-w0rd!")
                .build();

        assertThat(system.toString())
                .doesNotContain("pa55-w0rd!")
                .contains("smtpPassword=******")
                .contains("alice");
        assertThat(SmtpSystem.builder("mail").build().toString()).contains("smtpPassword=null");
    }

    @Test
    void toStringOfASystemReadFromASecretNeverShowsThePassword() {
        secrets.put("pw", "from-the-vault-123");

        SmtpSystem system = readOne("""
                {"_id": "mail", "type": "system:smtp", "smtp_username": "u", "smtp_password": "$SECRET(pw)"}
                """);

        assertThat(system.getSmtpPassword()).isEqualTo("from-the-vault-123");
        assertThat(system.toString()).doesNotContain("from-the-vault-123");
    }

    @Test
    void builderErrorsFromCodeNameTheCamelOption() {
        assertThatThrownBy(
                        () -> SmtpSystem.builder("mail").smtpUsername("alice").build())
                .hasMessage(
                        "SMTP system 'mail' in Java code: smtpPassword is missing while smtpUsername is set. Set smtpPassword "
                                + "(for example \"$SECRET(smtp-password)\"), or remove smtpUsername to send without authentication.");
    }

    // --- SmtpSystems
    // --------------------------------------------------------------------------------------------------

    @Test
    void sameSystemTwiceWithTheSameSettingsIsOne() {
        SmtpSystems systems = new SmtpSystems();
        SmtpSystem first = SmtpSystem.builder("mail")
                .smtpPort(2525)
                .source(ConfigSource.camel("endpoint 1"))
                .build();
        SmtpSystem second = SmtpSystem.builder("mail")
                .smtpPort(2525)
                .name("Other name")
                .source(ConfigSource.camel("endpoint 2"))
                .build();

        assertThat(systems.define(first)).isSameAs(first);
        assertThat(systems.define(second)).isSameAs(first);
        assertThat(systems.all()).containsExactly(first);
    }

    @Test
    void sameIdWithAnotherPasswordIsAConflictThatDoesNotShowEither() {
        SmtpSystems systems = new SmtpSystems();
        systems.define(SmtpSystem.builder("mail")
                .smtpUsername("u")
                .smtpPassword("first-pw")
                .source(ConfigSource.camel("endpoint 1"))
                .build());

        assertThatThrownBy(() -> systems.define(SmtpSystem.builder("mail")
                        .smtpUsername("u")
                        .smtpPassword("second-pw")
                        .source(ConfigSource.camel("endpoint 2"))
                        .build()))
                .hasMessage(
                        "SMTP system 'mail' is defined twice with different settings: in endpoint 1 and in endpoint 2. "
                                + "Keep one definition, or give the systems different ids.")
                .hasMessageNotContaining("first-pw")
                .hasMessageNotContaining("second-pw");
    }

    // --- DefaultSecretResolver
    // ----------------------------------------------------------------------------------------

    @Test
    void secretFromCamelPropertyThenEnvironmentThenFile() throws IOException {
        Files.writeString(dir.resolve("everywhere"), "from-file");
        Files.writeString(dir.resolve("env-and-file"), "from-file");
        Files.writeString(dir.resolve("only-file"), "from-file\n");
        DefaultSecretResolver resolver = new DefaultSecretResolver(
                name -> name.equals("everywhere") ? Optional.of("from-property") : Optional.empty(),
                name -> name.equals("everywhere") || name.equals("env-and-file") ? "from-env" : null,
                dir);

        assertThat(resolver.resolve("everywhere")).contains("from-property");
        assertThat(resolver.resolve("env-and-file")).contains("from-env");
        assertThat(resolver.resolve("only-file"))
                .as("the newline `echo` adds is not part of the secret")
                .contains("from-file");
        assertThat(resolver.resolve("nowhere")).isEmpty();
    }

    @Test
    void secretFromARealEnvironmentVariable() {
        // surefire sets SMTP_SYSTEM_TEST_USER=env-user for the test JVM
        DefaultSecretResolver resolver = new DefaultSecretResolver(name -> Optional.empty(), System::getenv, null);

        assertThat(resolver.resolve("SMTP_SYSTEM_TEST_USER")).contains("env-user");
    }

    @Test
    void secretNameNeverLeavesTheSecretsDirectory() throws IOException {
        Path secretsDir = Files.createDirectory(dir.resolve("secrets"));
        Files.writeString(dir.resolve("outside"), "must-not-be-read");
        Files.writeString(secretsDir.resolve(".hidden"), "must-not-be-read");
        DefaultSecretResolver resolver = new DefaultSecretResolver(name -> Optional.empty(), name -> null, secretsDir);

        assertThat(resolver.resolve("../outside")).isEmpty();
        assertThat(resolver.resolve("..")).isEmpty();
        assertThat(resolver.resolve(".hidden")).isEmpty();
        assertThat(resolver.resolve("subdir\\x")).isEmpty();
        assertThat(resolver.whereLooked("../outside")).contains("is never read from the secretsDirectory");
    }

    @Test
    void whereLookedNamesTheFile() {
        DefaultSecretResolver resolver = new DefaultSecretResolver(name -> Optional.empty(), name -> null, dir);

        assertThat(resolver.whereLooked("pw"))
                .isEqualTo("the Camel property 'pw', the environment variable 'pw' or the file " + dir.resolve("pw"));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SmtpSystemsReaderTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
