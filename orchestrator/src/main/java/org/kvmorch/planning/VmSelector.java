package org.kvmorch.planning;

/**
 * Picks the next VM to move off an overloaded host. Called repeatedly until the host is relieved;
 * {@code candidates[0..count)} holds the VMs still eligible (never empty when called).
 */
public interface VmSelector {

    String name();

    /** Position in {@code candidates} of the VM to move next. */
    int pick(FleetSnapshot s, int[] candidates, int count, SelectionContext ctx);
}
