/**
 * The in-process QEMU live-migration simulator behind the hypervisor port: it computes what QEMU
 * would do, page by page, in virtual time.
 *
 * <h2>Using it</h2>
 * <ul>
 * <li>{@link org.kvmorch.hypervisor.sim.SimulatedDatacenter#builder()}: hosts
 * ({@link org.kvmorch.hypervisor.sim.HostSpec}: CPUs, RAM, migration link, optional storage path)
 * and guests ({@link org.kvmorch.hypervisor.sim.VmSpec}: memory, {@link
 * org.kvmorch.hypervisor.sim.WorkloadSpec workload}, CPU demand, device state), a seed, and
 * virtual (default) or paced time. The datacenter is a {@code Hypervisor}; its hosts are
 * {@code Host}s; {@code Host.migrate} returns a {@link org.kvmorch.hypervisor.sim.SimMigrationJob}.</li>
 * <li>Virtual time moves inside {@code MigrationJob.awaitProgress} (until the job's next event or
 * the wait is over) or {@link org.kvmorch.hypervisor.sim.SimulatedDatacenter#advance}; all
 * migrations advance together, sharing links max-min fairly.</li>
 * <li>Faults: {@link org.kvmorch.hypervisor.sim.SimulatedDatacenter#cutLink}.</li>
 * <li>Simulator-only knobs per migration: {@link org.kvmorch.hypervisor.sim.SimMigrationOptions}
 * (stop rule, bulk pass over the storage path).</li>
 * <li>One migration end to end under a controller: {@link
 * org.kvmorch.hypervisor.sim.SimulatedMigrationRun#run}, returning a {@link
 * org.kvmorch.hypervisor.sim.SimRunResult} with per-pass {@link
 * org.kvmorch.hypervisor.sim.PassRecord}s.</li>
 * </ul>
 *
 * <h2>Model</h2>
 * Guest memory is three bitsets of one bit per 4 KiB page (data pages, KVM's dirty log, QEMU's
 * migration bitmap), allocated only while a guest migrates: 3 MiB for 32 GiB. Workloads dirty
 * pages in batches per time step; the sender walks the migration bitmap a word at a time. Pre-copy
 * follows QEMU: a bulk pass over all pages (zero pages as 9-byte headers), bandwidth measured per
 * 100 ms, threshold = bandwidth × downtime limit, a bitmap sync when the rest of a pass falls below
 * it, stop when the pending bytes after a sync are below it, no iteration cap; auto-converge with
 * QEMU's trigger and steps; post-copy with faults and background push; xbzrle, multifd, TLS as
 * ratios and caps; cold migration. See each class for the rule it implements and where its
 * numbers come from.
 */
package org.kvmorch.hypervisor.sim;
