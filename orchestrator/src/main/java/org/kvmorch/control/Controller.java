package org.kvmorch.control;

/**
 * Controls one migration: called with each new observation, answers what to do. One instance per
 * migration, driven from one thread; it may keep state between calls but never reads a clock.
 */
@FunctionalInterface
public interface Controller {
    Decision decide(Observation observation);
}
