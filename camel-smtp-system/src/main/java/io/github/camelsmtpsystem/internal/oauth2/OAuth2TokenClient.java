package io.github.camelsmtpsystem.internal.oauth2;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsmtpsystem.oauth2.OAuth2TokenException;
import io.github.camelsmtpsystem.oauth2.SmtpAccessToken;
import io.github.camelsmtpsystem.oauth2.SmtpAccessTokenProvider;
import io.github.camelsmtpsystem.system.SmtpSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets access tokens from a system's OAuth2 token endpoint (RFC 6749): the {@code refresh_token} grant when the
 * system has a refresh token, else {@code client_credentials}; the client authenticates with
 * {@code client_secret_post} or {@code client_secret_basic}. An endpoint that cannot be reached, times out or answers
 * 5xx or 429 is a transient failure; any other refusal is permanent, with the OAuth2 error and its description.
 */
public class OAuth2TokenClient implements SmtpAccessTokenProvider {

    private static final Logger LOG = LoggerFactory.getLogger(OAuth2TokenClient.class);
    private static final String HIDDEN = "******";
    private static final String TRANSIENT =
            ". A transient failure: the mail is retried as after a dropped SMTP connection.";

    private final HttpClient http;
    private final Duration requestTimeout;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param http           the client to send with: its connect timeout and TLS trust apply
     * @param requestTimeout how long to wait for the endpoint's answer
     */
    public OAuth2TokenClient(HttpClient http, Duration requestTimeout) {
        this.http = http;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public SmtpAccessToken fetchToken(SmtpSystem system) throws OAuth2TokenException {
        String grant = system.getSmtpOauth2RefreshToken() != null ? "refresh_token" : "client_credentials";
        LOG.debug(
                "Fetching an OAuth2 access token for SMTP system '{}' from {} with the {} grant",
                system.getId(),
                system.getSmtpOauth2TokenUrl(),
                grant);
        HttpResponse<String> response;
        try {
            response = http.send(request(system, grant), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (isTls(e)) {
                // an untrusted certificate or a wrong host name does not pass by itself
                throw new OAuth2TokenException(
                        where(system) + " failed the TLS handshake: " + describe(e) + ". Check its "
                                + "certificate and host name; for a private CA set the component's "
                                + "sslContextParameters, which SMTP connections use too.",
                        null,
                        false,
                        e);
            }
            throw new OAuth2TokenException(
                    where(system) + " cannot be reached: " + describe(e) + TRANSIENT, null, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuth2TokenException(
                    "Interrupted while fetching an access token for SMTP system '" + system.getId() + "'.",
                    null,
                    true,
                    e);
        }
        int status = response.statusCode();
        JsonNode body = json(response.body());
        if (status == 200 && body != null && body.path("access_token").isTextual()) {
            return token(system, body);
        }
        String error = body != null && body.path("error").isTextual()
                ? body.path("error").asText()
                : null;
        String description = body != null && body.path("error_description").isTextual()
                ? body.path("error_description").asText()
                : null;
        String said = error == null ? "" : ": " + error + (description != null ? " (" + description.strip() + ")" : "");
        if (status >= 500 || status == 429) {
            throw new OAuth2TokenException(
                    hideSecrets(where(system) + " answered HTTP " + status + said + TRANSIENT, system),
                    error,
                    true,
                    null);
        }
        String problem = where(system)
                + (error != null
                        ? " refused the " + grant + " grant for client '" + system.getSmtpOauth2ClientId() + "'" + said
                        : " answered HTTP " + status + (status == 200 ? " without an access_token" : ""));
        throw new OAuth2TokenException(hideSecrets(problem + ". " + fixFor(error, system), system), error, false, null);
    }

    private HttpRequest request(SmtpSystem system, String grant) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", grant);
        if (system.getSmtpOauth2RefreshToken() != null) {
            form.put("refresh_token", system.getSmtpOauth2RefreshToken());
        }
        if (system.getSmtpOauth2Scope() != null) {
            form.put("scope", system.getSmtpOauth2Scope());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.getSmtpOauth2TokenUrl()))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded");
        String secret = system.getSmtpOauth2ClientSecret();
        if ("basic".equals(system.getSmtpOauth2ClientAuth()) && secret != null) {
            // RFC 6749 2.3.1: both parts form-encoded before they are joined
            String credentials = encode(system.getSmtpOauth2ClientId()) + ":" + encode(secret);
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", system.getSmtpOauth2ClientId());
            if (secret != null) {
                form.put("client_secret", secret);
            }
        }
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private SmtpAccessToken token(SmtpSystem system, JsonNode body) throws OAuth2TokenException {
        String type = body.path("token_type").asText("bearer");
        if (!type.toLowerCase(Locale.ROOT).equals("bearer")) {
            throw new OAuth2TokenException(
                    where(system) + " issued a token of type '" + type + "', not a bearer token. "
                            + "XOAUTH2 signs in with bearer tokens: check smtp_oauth2_token_url.",
                    null,
                    false,
                    null);
        }
        JsonNode expiresIn = body.path("expires_in");
        // some endpoints send the number as a string; without it the token is used until a server rejects it
        Instant expiresAt = expiresIn.canConvertToLong()
                        || expiresIn.isTextual() && expiresIn.asText().matches("[0-9]+")
                ? Instant.now().plusSeconds(expiresIn.asLong())
                : null;
        LOG.debug("Got an OAuth2 access token for SMTP system '{}', expiring at {}", system.getId(), expiresAt);
        return new SmtpAccessToken(body.path("access_token").asText(), expiresAt);
    }

    private JsonNode json(String body) {
        try {
            JsonNode node = mapper.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String fixFor(String error, SmtpSystem system) {
        if ("invalid_client".equals(error) || "unauthorized_client".equals(error)) {
            return "Check smtp_oauth2_client_id and smtp_oauth2_client_secret (the secret may have expired), and "
                    + "smtp_oauth2_client_auth (post or basic) against the app registration.";
        }
        if ("invalid_grant".equals(error)) {
            return system.getSmtpOauth2RefreshToken() != null
                    ? "The refresh token is expired, revoked or not for this client: get a new one and set smtp_oauth2_refresh_token."
                    : "The token endpoint does not accept this client's grant: check the app registration.";
        }
        if ("invalid_scope".equals(error)) {
            return "Check smtp_oauth2_scope: https://outlook.office365.com/.default for Microsoft 365, "
                    + "https://mail.google.com/ for Google.";
        }
        return "Check the system's smtp_oauth2_* settings against the token endpoint.";
    }

    private static String where(SmtpSystem system) {
        return "The OAuth2 token endpoint " + system.getSmtpOauth2TokenUrl() + " of SMTP system '" + system.getId()
                + "'";
    }

    private static boolean isTls(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message != null && !message.isBlank() ? " " + message.strip() : "");
    }

    /** An endpoint may echo what it was sent. */
    private static String hideSecrets(String text, SmtpSystem system) {
        String shown = text;
        for (String secret : new String[] {system.getSmtpOauth2ClientSecret(), system.getSmtpOauth2RefreshToken()}) {
            if (secret != null && !secret.isEmpty()) {
                shown = shown.replace(secret, HIDDEN);
            }
        }
        return shown;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
