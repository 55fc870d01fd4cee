package org.kvmorch.hypervisor;

final class Fractions {

    private Fractions() {
    }

    static void check(String field, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(field + " must be a fraction in [0, 1], was " + value);
        }
    }
}
