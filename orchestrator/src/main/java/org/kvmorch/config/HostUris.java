package org.kvmorch.config;

/** The URI the orchestrator records for a host: its libvirt URI, or {@code sim:///name}. */
@FunctionalInterface
public interface HostUris {
    String uriOf(String hostName);
}
