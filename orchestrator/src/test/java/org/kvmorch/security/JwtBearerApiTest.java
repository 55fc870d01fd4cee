package org.kvmorch.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kvmorch.db.testsupport.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * JWT bearer tokens when a key (or issuer) is configured: roles come from the token's claim,
 * an unsigned-by-us token is 401, a token without the role is 403; HTTP Basic keeps working.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orchestrator.hypervisor.simulated.hosts=2", "orchestrator.hypervisor.simulated.vms=2",
        "orchestrator.security.users.admin.password={noop}admin-pw",
        "orchestrator.security.users.admin.roles=ADMIN"})
class JwtBearerApiTest {

    private static final KeyPair TRUSTED = rsa();
    private static final KeyPair STRANGER = rsa();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        TestDatabase.registerFresh(registry, "jwt_bearer");
        Path pem = Files.createTempFile("kvmorch-jwt", ".pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(TRUSTED.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
    }

    @LocalServerPort
    int port;

    @Test
    void viewerTokenReadsButCannotMigrate() throws Exception {
        String token = token(TRUSTED, List.of("viewer"));
        assertThat(get("/api/v1/hosts", "Bearer " + token)).isEqualTo(200);
        assertThat(post("/api/v1/migrations", "Bearer " + token)).isEqualTo(403);
    }

    @Test
    void operatorTokenMayStartWork() throws Exception {
        // 404 (no such VM) proves the call got past authorization.
        assertThat(post("/api/v1/migrations", "Bearer " + token(TRUSTED, List.of("OPERATOR")))).isEqualTo(404);
    }

    @Test
    void tokenSignedBySomeoneElseIs401_andBasicStillWorks() throws Exception {
        assertThat(get("/api/v1/hosts", "Bearer " + token(STRANGER, List.of("ADMIN")))).isEqualTo(401);
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:admin-pw".getBytes());
        assertThat(get("/api/v1/hosts", basic)).isEqualTo(200);
    }

    private static String token(KeyPair keys, List<String> roles) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("alice").claim("roles", roles)
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 600_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        return jwt.serialize();
    }

    private int get(String path, String authorization) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET(), authorization);
    }

    private int post(String path, String authorization) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"vm\":\"no-such-vm\"}")), authorization);
    }

    private static int send(HttpRequest.Builder b, String authorization) throws Exception {
        return HttpClient.newHttpClient().send(b.header("Authorization", authorization).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
