package org.kvmorch.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Users from configuration: {@code orchestrator.security.users.<name>.password} ({bcrypt}… or
 * {noop}… for development) and {@code orchestrator.security.users.<name>.roles} (VIEWER, OPERATOR,
 * ADMIN). {@code jwt-roles-claim} names the token claim holding roles when JWT is enabled.
 */
@ConfigurationProperties("orchestrator.security")
public record SecurityUsersProperties(
        @DefaultValue Map<String, User> users,
        @DefaultValue("roles") String jwtRolesClaim) {

    public record User(String password, @DefaultValue("VIEWER") List<Role> roles) {
    }
}
