package org.kvmorch.planning;

/**
 * Which hosts consolidation tries to empty (least loaded first). A host is only emptied when every
 * VM on it fits elsewhere; otherwise nothing moves.
 */
public sealed interface UnderloadParams {

    String name();

    boolean isCandidate(FleetSnapshot s, int host);

    static UnderloadParams defaults(String name) {
        return switch (name) {
            case "off" -> new Off();
            case "below-load-index" -> new BelowLoadIndex(1.25);
            case "below-cpu" -> new BelowCpu(0.2);
            case "least-utilized" -> new LeastUtilizedFirst();
            default -> throw new IllegalArgumentException("unknown underload rule '" + name
                    + "' (known: off, below-load-index, below-cpu, least-utilized)");
        };
    }

    /** No consolidation. */
    record Off() implements UnderloadParams {
        public String name() {
            return "off";
        }

        public boolean isCandidate(FleetSnapshot s, int host) {
            return false;
        }
    }

    /** Seed 003's low threshold on the load index. */
    record BelowLoadIndex(double threshold) implements UnderloadParams {
        public BelowLoadIndex {
            if (!(threshold > 1)) {
                throw new IllegalArgumentException("underload load-index threshold must be > 1, got " + threshold);
            }
        }

        public String name() {
            return "below-load-index";
        }

        public boolean isCandidate(FleetSnapshot s, int host) {
            return s.loadIndex(host) < threshold;
        }
    }

    /** A low CPU share. */
    record BelowCpu(double cpuFraction) implements UnderloadParams {
        public BelowCpu {
            if (!(cpuFraction > 0 && cpuFraction < 1)) {
                throw new IllegalArgumentException("cpuFraction must be in (0,1), got " + cpuFraction);
            }
        }

        public String name() {
            return "below-cpu";
        }

        public boolean isCandidate(FleetSnapshot s, int host) {
            return s.cpuUsed[host] < cpuFraction * s.cpuCap[host];
        }
    }

    /** CloudSim: every non-idle host is a candidate, least utilized first. */
    record LeastUtilizedFirst() implements UnderloadParams {
        public String name() {
            return "least-utilized";
        }

        public boolean isCandidate(FleetSnapshot s, int host) {
            return s.cpuUsed[host] > 0;
        }
    }
}
