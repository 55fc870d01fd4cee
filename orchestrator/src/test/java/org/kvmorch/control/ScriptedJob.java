package org.kvmorch.control;

import java.time.Duration;
import org.kvmorch.hypervisor.MigrationJob;
import org.kvmorch.hypervisor.MigrationListener;

/**
 * A hand-driven job for control-loop tests: VM "vm" from "a" to "b", every steering call ignored.
 * Subclasses script the statistics and override the calls their test is about.
 */
abstract class ScriptedJob implements MigrationJob {

    @Override
    public String domainName() {
        return "vm";
    }

    @Override
    public String sourceHost() {
        return "a";
    }

    @Override
    public String destinationHost() {
        return "b";
    }

    @Override
    public void setMaxDowntime(Duration maxDowntime) {
    }

    @Override
    public void setMaxBandwidth(long bytesPerSecond) {
    }

    @Override
    public void startPostCopy() {
    }

    @Override
    public void abort() {
    }

    @Override
    public void resumePostCopy() {
    }

    @Override
    public void addListener(MigrationListener listener) {
    }
}
