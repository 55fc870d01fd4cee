package org.kvmorch.db;

/** Where a VM runs, by name: read without loading entities. */
public record VmPlacement(String vm, String host) {
}
