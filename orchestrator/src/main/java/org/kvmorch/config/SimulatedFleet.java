package org.kvmorch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.SplittableRandom;
import org.kvmorch.hypervisor.sim.HostSpec;
import org.kvmorch.hypervisor.sim.LinkSpec;
import org.kvmorch.hypervisor.sim.VmSpec;
import org.kvmorch.hypervisor.sim.WorkloadKind;
import org.kvmorch.hypervisor.sim.WorkloadSpec;

/**
 * The default run's fleet, the same for the same seed: 32-core, 256 GiB hosts on 10 GbE; VMs of
 * 2–16 GiB with a mix of workloads spread round-robin. The first {@code overloadedHosts} hosts get
 * CPU-hungry VMs (about 80–90 % of the host's CPU: load index ≈ 6–12, above the default threshold
 * of 4); the others stay near 10–40 % CPU (index ≈ 1.2–2).
 */
public final class SimulatedFleet {

    static final int HOST_CPUS = 32;
    static final long HOST_MEMORY = 256L << 30;
    static final double TEN_GBE_MIB_PER_S = 1250e6 / (1 << 20);

    private static final WorkloadKind[] MIX = {WorkloadKind.IDLE, WorkloadKind.KERNEL_COMPILE,
            WorkloadKind.LMBENCH, WorkloadKind.HOTSET, WorkloadKind.MEMCACHED, WorkloadKind.IDLE};
    private static final int[] MEMORY_GIB = {2, 4, 8, 16};

    public record Spec(List<HostSpec> hosts, List<VmSpec> vms) {

        /** The same fleet with VMs moved to the hosts named in {@code hostOfVm}, where such a host exists. */
        public Spec placedAs(Map<String, String> hostOfVm) {
            Set<String> hostNames = hosts.stream().map(HostSpec::name).collect(Collectors.toSet());
            List<VmSpec> placed = vms.stream().map(vm -> {
                String host = hostOfVm.get(vm.name());
                return host == null || !hostNames.contains(host) ? vm : new VmSpec(vm.name(), host, vm.vcpus(),
                        vm.memoryBytes(), vm.workload(), vm.cpuDemandCores(), vm.diskBytesPerSecond(),
                        vm.networkBytesPerSecond(), vm.deviceStateBytes());
            }).toList();
            return new Spec(hosts, placed);
        }
    }

    private SimulatedFleet() {
    }

    public static Spec of(OrchestratorProperties.SimulatedFleet p) {
        SplittableRandom random = new SplittableRandom(p.seed());
        List<HostSpec> hosts = new ArrayList<>();
        for (int h = 0; h < p.hosts(); h++) {
            hosts.add(HostSpec.of(hostName(h), HOST_CPUS, HOST_MEMORY, LinkSpec.ofMibPerSecond(TEN_GBE_MIB_PER_S)));
        }
        int[] vmsOnHost = new int[p.hosts()];
        for (int v = 0; v < p.vms(); v++) {
            vmsOnHost[v % p.hosts()]++;
        }
        List<VmSpec> vms = new ArrayList<>();
        for (int v = 0; v < p.vms(); v++) {
            int h = v % p.hosts();
            boolean hot = h < p.overloadedHosts();
            double hostCpuShare = hot ? 0.80 + 0.10 * random.nextDouble() : 0.10 + 0.30 * random.nextDouble();
            double cores = hostCpuShare * HOST_CPUS / vmsOnHost[h];
            int memoryGib = MEMORY_GIB[random.nextInt(MEMORY_GIB.length)];
            int vcpus = Math.max(1, Math.min(16, (int) Math.ceil(cores)));
            WorkloadKind kind = MIX[random.nextInt(MIX.length)];
            WorkloadSpec workload = switch (kind) {
                case HOTSET -> WorkloadSpec.hotset((20L + random.nextInt(80)) << 20, (long) memoryGib << 28);
                // memcached's own model is seed 002's 32 GB guest; a small cache is a write-heavy hot set.
                case MEMCACHED -> WorkloadSpec.hotset(60L << 20, (long) memoryGib << 29);
                default -> WorkloadSpec.of(kind);
            };
            vms.add(VmSpec.of(String.format("vm-%03d", v + 1), hostName(h), vcpus, (long) memoryGib << 30, workload)
                    .withCpuDemandCores(cores)
                    .withIo((long) (random.nextDouble() * (20L << 20)), (long) (random.nextDouble() * (10L << 20))));
        }
        return new Spec(hosts, vms);
    }

    static String hostName(int index) {
        return String.format("kvm-%02d", index + 1);
    }
}
