package org.kvmorch.planning;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Named overload detectors with validated parameters; {@link #create()} builds the detector. */
public sealed interface DetectorParams {

    String name();

    OverloadDetector create();

    /** The parameters a detector gets when configuration names it without numbers. */
    static DetectorParams defaults(String name) {
        return switch (name) {
            case "load-index" -> new LoadIndexParams(16, Duration.ofMinutes(5), EnumSet.allOf(Resource.class));
            case "thr" -> new ThresholdParams(0.8);
            case "mad" -> new MadParams(2.5, 12, 0.7);
            case "iqr" -> new IqrParams(1.5, 12, 0.7);
            case "lr" -> new LocalRegressionParams(1.2, 10, 0.7, 0.5);
            default -> throw new IllegalArgumentException("unknown overload detector '" + name
                    + "' (known: load-index, thr, mad, iqr, lr)");
        };
    }

    /** The resources seed 003's index multiplies. */
    enum Resource { CPU, MEMORY, DISK, NETWORK }

    /**
     * Seed 003: overloaded when the load index stayed above {@code threshold} for {@code duration}.
     *
     * @param resources which fractions enter the index (all four normally; CPU only for CPU-only
     *        traces such as PlanetLab)
     */
    record LoadIndexParams(double threshold, Duration duration, Set<Resource> resources) implements DetectorParams {
        public LoadIndexParams {
            if (!(threshold > 1)) {
                throw new IllegalArgumentException("load-index threshold must be > 1 (an idle host is 1), got "
                        + threshold);
            }
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("duration must be >= 0");
            }
            if (resources == null || resources.isEmpty()) {
                throw new IllegalArgumentException("load index needs at least one resource");
            }
            resources = Set.copyOf(resources);
        }

        public String name() {
            return "load-index";
        }

        public OverloadDetector create() {
            return new LoadIndexDetector(this);
        }
    }

    /** Static CPU threshold (Beloglazov's THR): overloaded when CPU demand exceeds it. */
    record ThresholdParams(double cpuThreshold) implements DetectorParams {
        public ThresholdParams {
            requireFraction("cpuThreshold", cpuThreshold);
        }

        public String name() {
            return "thr";
        }

        public OverloadDetector create() {
            return new ThresholdDetector(this);
        }
    }

    /** Median absolute deviation: threshold 1 - safety * MAD of the CPU history. */
    record MadParams(double safety, int minSamples, double fallbackCpuThreshold) implements DetectorParams {
        public MadParams {
            requireStatistics(safety, minSamples, fallbackCpuThreshold);
        }

        public String name() {
            return "mad";
        }

        public OverloadDetector create() {
            return new DeviationDetector(name(), safety, minSamples, fallbackCpuThreshold, DeviationDetector::mad);
        }
    }

    /** Interquartile range: threshold 1 - safety * IQR of the CPU history. */
    record IqrParams(double safety, int minSamples, double fallbackCpuThreshold) implements DetectorParams {
        public IqrParams {
            requireStatistics(safety, minSamples, fallbackCpuThreshold);
        }

        public String name() {
            return "iqr";
        }

        public OverloadDetector create() {
            return new DeviationDetector(name(), safety, minSamples, fallbackCpuThreshold, DeviationDetector::iqr);
        }
    }

    /**
     * Beloglazov's local regression: fit the last {@code window} CPU samples, predict where the host
     * will be once a migration could finish, overloaded if {@code safety} x prediction >= 1.
     *
     * @param migrationBandwidthShare share of the host's network a migration gets (CloudSim: half),
     *        used to turn the largest VM's memory into a number of sample intervals ahead
     */
    record LocalRegressionParams(double safety, int window, double fallbackCpuThreshold,
            double migrationBandwidthShare) implements DetectorParams {
        public LocalRegressionParams {
            if (!(safety > 0)) {
                throw new IllegalArgumentException("safety must be > 0");
            }
            if (window < 3) {
                throw new IllegalArgumentException("window must be >= 3 samples");
            }
            requireFraction("fallbackCpuThreshold", fallbackCpuThreshold);
            requireFraction("migrationBandwidthShare", migrationBandwidthShare);
        }

        public String name() {
            return "lr";
        }

        public OverloadDetector create() {
            return new LocalRegressionDetector(this);
        }
    }

    private static void requireFraction(String field, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(field + " must be in (0,1], got " + v);
        }
    }

    private static void requireStatistics(double safety, int minSamples, double fallback) {
        if (!(safety >= 0)) {
            throw new IllegalArgumentException("safety must be >= 0");
        }
        if (minSamples < 3) {
            throw new IllegalArgumentException("minSamples must be >= 3");
        }
        requireFraction("fallbackCpuThreshold", fallback);
    }
}
