package org.kvmorch.api;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is and which roles they hold, so a front end can show only what they may do. */
@RestController
@RequestMapping("/api/v1/me")
class MeController {

    record Me(String name, List<String> roles) {
    }

    @GetMapping
    Me me(Authentication who) {
        return new Me(who.getName(), who.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted().toList());
    }
}
