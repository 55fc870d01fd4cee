package org.kvmorch.planning;

/**
 * A detector's verdict on one host: the metric's value and the limit it must stay under.
 *
 * @param predicted true when value is a forecast (local regression) rather than the current level
 * @param why short explanation for logs and the API
 */
public record Assessment(boolean overloaded, Metric metric, double value, double limit, boolean predicted,
        String why) {
}
