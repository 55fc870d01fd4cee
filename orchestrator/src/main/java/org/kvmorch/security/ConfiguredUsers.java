package org.kvmorch.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Turns configured users into Spring users. With none configured, one ADMIN named {@code admin}
 * gets a random password, printed once at start-up: there is never a fixed default password.
 */
final class ConfiguredUsers {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredUsers.class);

    private ConfiguredUsers() {
    }

    static List<UserDetails> from(Map<String, SecurityUsersProperties.User> users) {
        if (users.isEmpty()) {
            String password = randomPassword();
            log.warn("No users configured (orchestrator.security.users.*): created user 'admin' with role ADMIN "
                    + "and password {} -- it is not stored and will change at the next start", password);
            return List.of(User.withUsername("admin").password("{noop}" + password).roles(Role.ADMIN.name()).build());
        }
        List<UserDetails> result = new ArrayList<>();
        users.forEach((name, user) -> {
            String password = user.password();
            if (password == null || !password.matches("^\\{[a-z0-9]+}.+")) {
                throw new IllegalArgumentException("orchestrator.security.users." + name
                        + ".password must start with an encoder id, e.g. {bcrypt}$2a$... or {noop}secret");
            }
            result.add(User.withUsername(name).password(password)
                    .roles(user.roles().stream().map(Role::name).toArray(String[]::new)).build());
        });
        return result;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
