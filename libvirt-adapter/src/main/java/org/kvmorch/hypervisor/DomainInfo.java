package org.kvmorch.hypervisor;

/** A domain as its host reports it. */
public record DomainInfo(String name, String uuid, int vcpus, long memoryBytes, DomainStatus status) {
}
