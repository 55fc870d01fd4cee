package org.kvmorch.hypervisor.sim;

import java.util.SplittableRandom;
import org.kvmorch.hypervisor.DomainInfo;
import org.kvmorch.hypervisor.DomainStatus;

/** A simulated guest: its spec, where it runs, its state, and its current migration if any. */
final class SimVm {

    final VmSpec spec;
    final String uuid;
    final long pages;
    private final long seed;
    /** Drives utilization reports; a migration gets a fresh copy whose pages it tracks. */
    final Workload reference;
    /** The pages holding data, as the host's resident set shows them (a migration starts from these). */
    final long residentBytes;

    SimHost host;
    DomainStatus status = DomainReasons.BOOTED;
    SimMigrationJob job;
    private int jobsStarted;

    SimVm(VmSpec spec, SimHost host, long seed, String uuid) {
        this.spec = spec;
        this.host = host;
        this.seed = seed;
        this.uuid = uuid;
        this.pages = Units.pagesOf(spec.memoryBytes());
        this.reference = spec.workload().create(pages, new SplittableRandom(seed));
        this.residentBytes = reference.initialDataPages() * Units.PAGE_SIZE;
    }

    /** A fresh workload for the next migration, seeded from the VM's seed and the job number. */
    Workload newTrackedWorkload() {
        jobsStarted++;
        return spec.workload().create(pages, new SplittableRandom(seed * 31 + jobsStarted));
    }

    double cpuDemandCores() {
        return spec.cpuDemandCores().orElse(reference.cpuDemandCores());
    }

    DomainInfo info(DomainStatus shown) {
        return new DomainInfo(spec.name(), uuid, spec.vcpus(), spec.memoryBytes(), shown);
    }
}
