package org.kvmorch.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.kvmorch.db.MigrationState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for API tests: requests go over a socket to the running service. */
final class Http {

    record Response(int status, String contentType, JsonNode body, HttpResponse<String> raw) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    /** A client that signs in as the test's OPERATOR. */
    Http(int port) {
        this(port, "operator", "operator-pw");
    }

    /** A client for {@code user}; a null user sends no credentials. */
    Http(int port, String user, String password) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = user == null ? null : "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    Http as(String user) {
        return new Http(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), user, user + "-pw");
    }

    Http anonymous() {
        return new Http(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), null, null);
    }

    Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST with an {@code Idempotency-Key} header. */
    Response post(String path, String json, String idempotencyKey) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            HttpResponse<String> r = client.send(builder.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean json = r.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode body = r.body().isBlank() || !json ? null : JSON.readTree(r.body());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), body, r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls a migration until it has finished (90 s at most) and returns its view. */
    JsonNode awaitMigrationEnd(String location) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode m = get(location).body();
            if (!MigrationState.UNFINISHED.contains(MigrationState.valueOf(m.get("state").asString()))) {
                return m;
            }
            pause(200);
        }
        throw new AssertionError("migration did not end within 90 s: " + get(location).body());
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
