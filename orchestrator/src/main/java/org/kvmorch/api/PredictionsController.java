package org.kvmorch.api;

import java.util.List;
import org.kvmorch.db.HostEntity;
import org.kvmorch.db.HostRepository;
import org.kvmorch.db.VmEntity;
import org.kvmorch.db.VmRepository;
import org.kvmorch.errors.ConflictException;
import org.kvmorch.errors.NotFoundException;
import org.kvmorch.policy.PolicyStore;
import org.kvmorch.prediction.Prediction;
import org.kvmorch.prediction.PredictionInputs;
import org.kvmorch.prediction.Predictor;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * "What would it cost?" — predicted time, data and downtime of moving a VM, per policy, from the
 * simulator run on the VM's observed dirty rate and working set.
 */
@RestController
@RequestMapping("/api/v1/predictions")
class PredictionsController {

    private final VmRepository vms;
    private final HostRepository hosts;
    private final Predictor predictor;
    private final PolicyStore policies;

    PredictionsController(VmRepository vms, HostRepository hosts, Predictor predictor, PolicyStore policies) {
        this.policies = policies;
        this.vms = vms;
        this.hosts = hosts;
        this.predictor = predictor;
    }

    @GetMapping
    @Transactional(readOnly = true)
    List<Prediction> predict(@RequestParam String vm, @RequestParam(required = false) String destination,
                             @RequestParam(required = false) String policy,
                             @RequestParam(defaultValue = "300") long maxDowntimeMs,
                             @RequestParam(required = false) Boolean tls) {
        VmEntity v = vms.findByName(vm).orElseThrow(() -> new NotFoundException("vm", vm));
        HostEntity source = v.getHost();
        if (source == null) {
            throw new ConflictException("vm", "vm '" + vm + "' is on no known host");
        }
        HostEntity dest = destination == null ? source
                : hosts.findByName(destination).orElseThrow(() -> new NotFoundException("host", destination));
        Predictor.Input input = PredictionInputs.of(v, source, dest, 0, maxDowntimeMs,
                tls == null ? policies.current().migrationTls() : tls);
        return policy == null ? predictor.predictAll(input) : List.of(predictor.predict(input, policy));
    }
}
