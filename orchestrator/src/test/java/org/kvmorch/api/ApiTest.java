package org.kvmorch.api;

import org.junit.jupiter.api.BeforeEach;
import org.kvmorch.ServiceTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A {@link ServiceTest} that talks to the service over HTTP as the test OPERATOR ({@code http.as(...)} for others). */
abstract class ApiTest extends ServiceTest {

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }
}
