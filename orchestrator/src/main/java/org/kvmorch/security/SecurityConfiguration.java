package org.kvmorch.security;

import jakarta.servlet.DispatcherType;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may do what: reads need VIEWER, anything that changes the fleet OPERATOR, policy and audit
 * ADMIN. HTTP Basic always; JWT bearer tokens too when an issuer is configured
 * (spring.security.oauth2.resourceserver.jwt.issuer-uri), with roles from a claim.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityUsersProperties.class)
class SecurityConfiguration {

    @Bean
    UserDetailsService users(SecurityUsersProperties properties) {
        return new InMemoryUserDetailsManager(ConfiguredUsers.from(properties.users()));
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy(Role.hierarchy());
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectProvider<JwtDecoder> jwt, SecurityUsersProperties properties)
            throws Exception {
        http.csrf(csrf -> csrf.disable()) // stateless API: no cookies, no session to forge requests with
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        // The container's error dispatch keeps the original status (was: a 403 for non-ADMINs).
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                        .requestMatchers("/", "/index.html", "/assets/**", "/favicon.ico").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/api/v1/audit/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.PUT, "/api/v1/policy/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.PUT, "/api/v1/vms/*/settings").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/**", "/actuator/**").hasRole(Role.VIEWER.name())
                        .requestMatchers("/api/**").hasRole(Role.OPERATOR.name())
                        .anyRequest().hasRole(Role.ADMIN.name()))
                .httpBasic(basic -> basic.authenticationEntryPoint(ProblemAuthenticationHandlers.unauthorized()))
                .exceptionHandling(e -> e.authenticationEntryPoint(ProblemAuthenticationHandlers.unauthorized())
                        .accessDeniedHandler(ProblemAuthenticationHandlers.forbidden()))
                .addFilterAfter(new AuditFilter.PrincipalCapture(), BasicAuthenticationFilter.class);
        if (jwt.getIfAvailable() != null) {
            http.oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(
                    rolesFromClaim(properties.jwtRolesClaim()))));
        }
        return http.build();
    }

    private static Converter<Jwt, AbstractAuthenticationToken> rolesFromClaim(String claim) {
        return token -> {
            Object value = token.getClaims().get(claim);
            Collection<?> roles = value instanceof Collection<?> c ? c : value == null ? List.of() : List.of(value);
            List<GrantedAuthority> authorities = roles.stream()
                    .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r.toString().toUpperCase()))
                    .toList();
            return new JwtAuthenticationToken(token, authorities, token.getSubject());
        };
    }
}
