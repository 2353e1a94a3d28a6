package org.geochat.testing;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A black-box HTTP client for the tests (the JDK's), with JSON parsing of answers. Every request has a
 * deadline, {@link #DEADLINE} unless given, so a server that never answers fails the test instead of hanging it.
 */
public final class Http {

    public static final Duration DEADLINE = Duration.ofSeconds(20);

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final Duration deadline;

    public Http(URL base) {
        this(base, DEADLINE);
    }

    /** @param deadline how long each request may take before the test fails with a timeout */
    public Http(URL base, Duration deadline) {
        this.base = URI.create(base.toString());
        this.deadline = deadline;
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(request(path, "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return CLIENT.sendAsync(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public CompletableFuture<HttpResponse<String>> postAsync(String path, String json) {
        return CLIENT.sendAsync(
                request(path, "Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(deadline);
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    public static JsonValue json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readValue();
    }

    public static JsonObject object(HttpResponse<String> response) {
        return json(response).asJsonObject();
    }

    public static JsonObject object(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    public static JsonArray array(HttpResponse<String> response) {
        return json(response).asJsonArray();
    }

    public static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }
}
