package org.kvmorch.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.kvmorch.db.IdempotencyKeyEntity;
import org.kvmorch.db.IdempotencyKeyRepository;
import org.kvmorch.errors.InvalidFieldException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code Idempotency-Key} header of every POST that starts work (IETF draft
 * httpapi-idempotency-key-header). The first request with a key claims it in PostgreSQL and runs in
 * the same transaction, which also stores its answer (status, Location, body); a retry with the
 * same key and the same request gets that answer again, marked {@code Idempotent-Replayed: true},
 * even after a restart; the same key with another request is a 422. A retry that arrives while the
 * first request still runs waits for it (the key's unique index entry is held until its commit).
 * A request that fails keeps no key, so its retry runs again. Keys belong to the caller and are
 * kept {@link #RETENTION}.
 */
@Component
class IdempotentRequests {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final Duration RETENTION = Duration.ofHours(24);
    private static final int MAX_KEY_LENGTH = 128;

    private final IdempotencyKeyRepository keys;
    private final JsonMapper json;
    private final Clock clock;

    IdempotentRequests(IdempotencyKeyRepository keys, JsonMapper json, Clock clock) {
        this.keys = keys;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Runs {@code work} once per key: without a key, simply runs it.
     *
     * @param key the header's value, or null
     * @param body the request body as read (null when the request has none); with the method, the
     *     path and the query parameters, it is the request's fingerprint
     */
    @Transactional
    public <T> ResponseEntity<T> once(String key, Object body, Class<T> type, Supplier<ResponseEntity<T>> work) {
        if (key == null) {
            return work.get();
        }
        HttpServletRequest http = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest();
        Principal caller = http.getUserPrincipal();
        String principal = caller == null ? "anonymous" : caller.getName();
        check(key);
        String request = http.getMethod() + " " + http.getRequestURI();
        String hash = fingerprint(request, http.getParameterMap(), body);
        Instant now = clock.instant();
        keys.expire(principal, key, now.minus(RETENTION));
        if (keys.claim(principal, key, hash, request, now) == 1) {
            ResponseEntity<T> response = work.get();
            URI location = response.getHeaders().getLocation();
            keys.find(principal, key).orElseThrow().recordResponse(response.getStatusCode().value(),
                    location == null ? null : location.toString(),
                    response.getBody() == null ? null : json.writeValueAsString(response.getBody()));
            return response;
        }
        IdempotencyKeyEntity first = keys.find(principal, key).orElseThrow();
        if (first.getRequestHash() != null && !first.getRequestHash().equals(hash)) {
            throw new IdempotencyKeyReusedException(key, first.getRequest(), request);
        }
        return replay(first, type);
    }

    /** Keys past their retention are forgotten; replicas may all do it, deleting twice is harmless. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @Transactional
    public void expireOldKeys() {
        keys.expireAll(clock.instant().minus(RETENTION));
    }

    private <T> ResponseEntity<T> replay(IdempotencyKeyEntity first, Class<T> type) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(first.getStatus()).header(REPLAYED, "true");
        if (first.getLocation() != null) {
            answer.header(HttpHeaders.LOCATION, first.getLocation());
        }
        return first.getBody() == null ? answer.build() : answer.body(json.readValue(first.getBody(), type));
    }

    private static void check(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidFieldException(HEADER, "must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters (a UUID, for instance)");
        }
    }

    /** Method and path, query parameters in a fixed order, and the body as the API read it (so spacing and field order do not matter). */
    private String fingerprint(String request, Map<String, String[]> parameters, Object body) {
        StringBuilder canonical = new StringBuilder(request).append('\n');
        new TreeMap<>(parameters).forEach((name, values) -> canonical.append(name).append('=')
                .append(String.join(",", values)).append('&'));
        canonical.append('\n').append(body == null ? "" : json.writeValueAsString(body));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
