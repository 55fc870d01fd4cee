package org.kvmorch.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

/** An exception nobody foresaw is still a problem+json 500, and says nothing of its internals. */
class UnexpectedErrorTest {

    @Test
    void unforeseenExceptionsAre500ProblemsWithoutTheirMessage() {
        ProblemDetail p = new ProblemDetailsAdvice().unexpected(new IllegalStateException("secret internals"),
                new ServletWebRequest(new MockHttpServletRequest("POST", "/api/v1/plans/1/execute")));
        assertThat(p.getStatus()).isEqualTo(500);
        assertThat(p.getType().toString()).isEqualTo(ProblemDetailsAdvice.TYPE_BASE + "internal-error");
        assertThat(p.getDetail()).doesNotContain("secret", "IllegalState");
    }
}
