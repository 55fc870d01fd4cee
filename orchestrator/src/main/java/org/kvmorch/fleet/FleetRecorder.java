package org.kvmorch.fleet;

import java.util.List;

/**
 * Writes one poll's readings to PostgreSQL in one transaction: registers hosts and VMs it has not
 * seen (a configured host that never answered as DOWN), updates utilization, load index and
 * overload streaks, follows VMs that moved, and appends the utilization samples. A row changed
 * since the poll read it fails the write with an OptimisticLockingFailureException.
 */
interface FleetRecorder {

    PollSummary record(List<HostReading> readings);
}
