package org.kvmorch.fleet;

/** Counts from one poll, for logs and the poll benchmark. */
public record PollSummary(int hosts, int hostsDown, int domains, int samples) {
}
