package org.kvmorch.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.kvmorch.db.AuditEntryEntity;
import org.kvmorch.db.AuditEntryRepository;
import org.slf4j.Logger;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Audits every call that could change something (any method but GET, HEAD, OPTIONS under /api):
 * who, what, when and how it ended, including calls the security layer refused. It runs outside
 * Spring Security so it sees those refusals; the principal is captured inside the chain.
 */
public class AuditFilter extends OncePerRequestFilter {

    static final String PRINCIPAL_ATTRIBUTE = AuditFilter.class.getName() + ".principal";
    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

    private final ObjectProvider<AuditEntryRepository> audit;
    private final Clock clock;

    /** The repository is looked up per request, so creating the filter never starts JPA early. */
    public AuditFilter(ObjectProvider<AuditEntryRepository> audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !request.getRequestURI().startsWith("/api/")
                || method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            Object principal = request.getAttribute(PRINCIPAL_ATTRIBUTE);
            String who = principal == null ? "anonymous" : principal.toString();
            String outcome = status < 400 ? "SUCCESS" : status == 401 || status == 403 ? "DENIED" : "FAILURE";
            try {
                audit.getObject().save(new AuditEntryEntity(clock.instant(), who, request.getMethod() + " "
                        + request.getRequestURI(), request.getRequestURI(), outcome, "{\"status\":" + status + "}"));
            } catch (RuntimeException e) {
                log.error("Could not write the audit entry for {} {} by {}: {}", request.getMethod(),
                        request.getRequestURI(), who, e.toString());
            }
        }
    }

    /** Inside the security chain, after authentication: remembers who the caller is. */
    static final class PrincipalCapture extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth != null && auth.isAuthenticated()) {
                request.setAttribute(PRINCIPAL_ATTRIBUTE, auth.getName());
            }
            chain.doFilter(request, response);
        }
    }
}
