package org.kvmorch.api;

import jakarta.validation.Valid;
import java.security.Principal;
import org.kvmorch.policy.FleetPolicy;
import org.kvmorch.policy.PolicyStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operator policy: read by VIEWERs, replaced by ADMINs; every change is a new version. */
@RestController
@RequestMapping("/api/v1/policy")
class PolicyController {

    private final PolicyStore store;

    PolicyController(PolicyStore store) {
        this.store = store;
    }

    @GetMapping
    PolicyStore.Versioned get() {
        return store.currentVersion();
    }

    @PutMapping
    PolicyStore.Versioned put(@Valid @RequestBody FleetPolicy policy, Principal who) {
        return store.update(policy, who.getName());
    }
}
