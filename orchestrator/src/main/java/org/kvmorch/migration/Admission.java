package org.kvmorch.migration;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.ToLongFunction;

/**
 * Decides whether one more migration may start now: each host has a limit of outgoing and of
 * incoming migrations (oVirt's 2 + 2 by default), and each host's migration link a bandwidth
 * budget; a migration is admitted only when both ends can still give it the bandwidth it needs to
 * converge, not merely when a slot is free. Not thread-safe: the executor calls it under its lock.
 */
final class Admission {

    /** What one migration reserves while it runs. */
    record Need(String source, String destination, long bytesPerSecond) {
    }

    private final IntSupplier maxOutgoing;
    private final IntSupplier maxIncoming;
    private final ToLongFunction<String> linkCapacity;
    private final Map<String, Integer> outgoing = new HashMap<>();
    private final Map<String, Integer> incoming = new HashMap<>();
    private final Map<String, Long> reserved = new HashMap<>();

    /** @param linkCapacity a host's migration-link bandwidth in bytes per second */
    Admission(IntSupplier maxOutgoing, IntSupplier maxIncoming, ToLongFunction<String> linkCapacity) {
        this.maxOutgoing = maxOutgoing;
        this.maxIncoming = maxIncoming;
        this.linkCapacity = linkCapacity;
    }

    /** Why {@code need} cannot start now, or null when it can. */
    String refusal(Need need) {
        int out = maxOutgoing.getAsInt();
        int in = maxIncoming.getAsInt();
        if (outgoing.getOrDefault(need.source(), 0) >= out) {
            return need.source() + " already sends " + out + " migrations";
        }
        if (incoming.getOrDefault(need.destination(), 0) >= in) {
            return need.destination() + " already receives " + in + " migrations";
        }
        for (String host : new String[] {need.source(), need.destination()}) {
            long capacity = linkCapacity.applyAsLong(host);
            long free = capacity - reserved.getOrDefault(host, 0L);
            // A lone migration is always admitted on an idle link, however much it asks for.
            if (need.bytesPerSecond() > free && reserved.getOrDefault(host, 0L) > 0) {
                return host + "'s link has " + free + " B/s free, the migration needs " + need.bytesPerSecond();
            }
        }
        return null;
    }

    void reserve(Need need) {
        outgoing.merge(need.source(), 1, Integer::sum);
        incoming.merge(need.destination(), 1, Integer::sum);
        reserved.merge(need.source(), need.bytesPerSecond(), Long::sum);
        reserved.merge(need.destination(), need.bytesPerSecond(), Long::sum);
    }

    void release(Need need) {
        outgoing.merge(need.source(), -1, Integer::sum);
        incoming.merge(need.destination(), -1, Integer::sum);
        reserved.merge(need.source(), -need.bytesPerSecond(), Long::sum);
        reserved.merge(need.destination(), -need.bytesPerSecond(), Long::sum);
    }

    /**
     * The bandwidth a migration needs to converge: its requested cap if any, else enough to keep
     * the convergence factor dirty-rate / bandwidth at 0.8 or below.
     */
    static long needFor(long requestedBytesPerSecond, Long dirtyRateBytesPerSecond) {
        if (requestedBytesPerSecond > 0) {
            return requestedBytesPerSecond;
        }
        long dirty = dirtyRateBytesPerSecond == null ? 0 : dirtyRateBytesPerSecond;
        return Math.max(1L << 20, (long) (dirty / 0.8));
    }
}
