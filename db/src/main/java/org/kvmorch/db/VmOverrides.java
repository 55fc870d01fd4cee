package org.kvmorch.db;

/**
 * A VM's migration overrides as stored; null = the fleet default. {@code allowedModes} is the
 * comma-separated list the policies read ("precopy,postcopy,autoconverge"); null allows every mode.
 * {@code allowCold}: a drain may move the VM cold (shut down, moved, started) once it failed to move live.
 */
public record VmOverrides(String policy, String allowedModes, Integer maxDowntimeMs, Long bandwidthBytesPerSecond,
                          Integer deadlineSeconds, String affinityGroup, String antiAffinityGroup, boolean allowCold) {

    public static VmOverrides of(VmEntity vm) {
        return new VmOverrides(vm.getMigrationPolicy(), vm.getAllowedModes(), vm.getMaxDowntimeMs(),
                vm.getBandwidthBytesPerSecond(), vm.getDeadlineSeconds(), vm.getAffinityGroup(),
                vm.getAntiAffinityGroup(), vm.isAllowCold());
    }
}
