package org.kvmorch.planning;

import java.util.Arrays;

/** The small statistics the detectors need, on the tail of a history (oldest first). */
final class Stats {

    private Stats() {
    }

    static double[] tail(double[] history, int n) {
        return Arrays.copyOfRange(history, Math.max(0, history.length - n), history.length);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static double mad(double[] values) {
        double m = median(values);
        double[] dev = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            dev[i] = Math.abs(values[i] - m);
        }
        return median(dev);
    }

    /** CloudSim's quartile rule: positions round(0.25(n+1)) and round(0.75(n+1)), one-based. */
    static double iqr(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int q1 = (int) Math.round(0.25 * (v.length + 1)) - 1;
        int q3 = (int) Math.round(0.75 * (v.length + 1)) - 1;
        return v[Math.min(q3, v.length - 1)] - v[Math.max(q1, 0)];
    }

    /**
     * Ordinary least squares on x = 1..n over the last n samples, evaluated at x = n + ahead.
     * CloudSim's "loess" passes tricube weights that are never zero, so its weighted branch is never
     * taken and the fit is plain OLS; we do the same, without allocating.
     */
    static double predictLinear(double[] history, int n, double ahead) {
        int start = history.length - n;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            double x = i + 1;
            double y = history[start + i];
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double denom = n * sxx - sx * sx;
        double slope = (n * sxy - sx * sy) / denom;
        double intercept = (sy - slope * sx) / n;
        return intercept + slope * (n + ahead);
    }
}
