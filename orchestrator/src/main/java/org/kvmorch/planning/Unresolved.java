package org.kvmorch.planning;

/**
 * Something the plan could not fix: an overloaded host left over its limit, or a VM that had to
 * move but found no host (its suitability records are in the plan's explanations).
 *
 * @param vm null when the entry is about a host
 */
public record Unresolved(String host, String vm, String reason) {
}
