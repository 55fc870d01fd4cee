package org.kvmorch.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 as problem+json, like every other error of the API. */
final class ProblemAuthenticationHandlers {

    private ProblemAuthenticationHandlers() {
    }

    static AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"kvmorch\"");
            write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "authentication required");
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, e) -> write(response, HttpStatus.FORBIDDEN, "forbidden",
                "your role does not allow " + request.getMethod() + " " + request.getRequestURI());
    }

    private static void write(HttpServletResponse response, HttpStatus status, String type, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"https://kvmorch.org/problems/" + type + "\",\"title\":\""
                + status.getReasonPhrase() + "\",\"status\":" + status.value() + ",\"detail\":\""
                + detail.replace("\"", "'") + "\"}");
    }
}
