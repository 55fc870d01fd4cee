package org.kvmorch.migration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.kvmorch.db.VmOverrides;

/**
 * A VM's own migration settings as operators read and replace them ({@code /api/v1/vms/{name}/settings}).
 * Every field is optional; absent = the fleet default (the fleet policy's migration policy, every
 * mode allowed, 300 ms, no bandwidth cap, no deadline, no group).
 *
 * @param policy            the migration policy for this VM (e.g. {@code adaptive} for a guest that must see
 *                          the fewest post-copy faults)
 * @param allowedModes      which of {@code precopy}, {@code postcopy}, {@code autoconverge} its migrations may
 *                          use; pre-copy is always allowed
 * @param maxDowntimeMs     the most downtime it may take
 * @param bandwidthMibps    the migration bandwidth cap
 * @param deadlineSeconds   total time after which a migration must finish (post-copy) or give up
 * @param affinityGroup     VMs of one group are kept on one host by the planner
 * @param antiAffinityGroup VMs of one group are kept on different hosts by the planner
 * @param allowCold         a drain may move it cold (shut down, moved, started) once it failed to move live
 *                          three times, as a drain with {@code allowCold=true} does for every VM; absent = false
 */
public record VmMigrationSettings(
        @Size(min = 1, max = 64) String policy,
        @Size(max = 3) List<@NotNull @Pattern(regexp = "precopy|postcopy|autoconverge",
                message = "must be one of precopy, postcopy, autoconverge") String> allowedModes,
        @Min(1) @Max(2_000_000) Integer maxDowntimeMs,
        @Min(1) @Max(1_000_000) Long bandwidthMibps,
        @Min(1) @Max(604_800) Integer deadlineSeconds,
        @Size(min = 1, max = 128) String affinityGroup,
        @Size(min = 1, max = 128) String antiAffinityGroup,
        Boolean allowCold) {

    static final String PRECOPY = "precopy";
    private static final long MIB = 1L << 20;

    /** As stored: the modes sorted, comma-separated, pre-copy always among them. */
    VmOverrides toOverrides() {
        String modes = null;
        if (allowedModes != null) {
            TreeSet<String> set = new TreeSet<>();
            allowedModes.forEach(m -> set.add(m.toLowerCase(Locale.ROOT)));
            set.add(PRECOPY);
            modes = String.join(",", set);
        }
        return new VmOverrides(policy, modes, maxDowntimeMs, bandwidthMibps == null ? null : bandwidthMibps * MIB,
                deadlineSeconds, affinityGroup, antiAffinityGroup, Boolean.TRUE.equals(allowCold));
    }

    static VmMigrationSettings of(VmOverrides o) {
        List<String> modes = o.allowedModes() == null ? null
                : List.of(o.allowedModes().split(",")).stream().map(String::trim).filter(m -> !m.isEmpty()).toList();
        return new VmMigrationSettings(o.policy(), modes, o.maxDowntimeMs(),
                o.bandwidthBytesPerSecond() == null ? null : o.bandwidthBytesPerSecond() / MIB, o.deadlineSeconds(),
                o.affinityGroup(), o.antiAffinityGroup(), o.allowCold() ? Boolean.TRUE : null);
    }
}
