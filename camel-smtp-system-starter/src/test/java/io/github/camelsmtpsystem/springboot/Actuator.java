package io.github.camelsmtpsystem.springboot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads an Actuator endpoint of the running test application over HTTP, as a monitoring system would. Plain JDK HTTP:
 * the same on Spring Boot 3.5 and 4, where TestRestTemplate moved to a module of its own.
 */
final class Actuator {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Actuator() {}

    /** The JSON body of {@code path} (a DOWN health is a 503 with a body too; an unknown meter has none). */
    static JsonNode get(int port, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET()
                .build();
        try {
            return MAPPER.readTree(
                    CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
