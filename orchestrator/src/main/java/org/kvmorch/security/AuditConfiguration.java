package org.kvmorch.security;

import java.time.Clock;
import org.kvmorch.db.AuditEntryRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AuditConfiguration {

    /** Just outside Spring Security's filter chain, so refused calls are audited too. */
    @Bean
    FilterRegistrationBean<AuditFilter> auditFilter(ObjectProvider<AuditEntryRepository> audit, Clock clock) {
        FilterRegistrationBean<AuditFilter> registration = new FilterRegistrationBean<>(new AuditFilter(audit, clock));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
