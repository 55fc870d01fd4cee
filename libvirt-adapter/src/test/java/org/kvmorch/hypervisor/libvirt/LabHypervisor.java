package org.kvmorch.hypervisor.libvirt;

import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.kvmorch.hypervisor.Host;
import org.kvmorch.hypervisor.Hypervisor;

/**
 * The lab's hosts as one {@link LibvirtHypervisor} for a whole test class: connected before its
 * first test, closed after its last. Register it as a static field:
 * {@code @RegisterExtension static final LabHypervisor hypervisor = new LabHypervisor(lab, settings);}
 */
public final class LabHypervisor implements Hypervisor, BeforeAllCallback, AfterAllCallback {

    private final Lab lab;
    private final LibvirtSettings settings;
    private LibvirtHypervisor connected;

    public LabHypervisor(Lab lab, LibvirtSettings settings) {
        this.lab = Objects.requireNonNull(lab, "lab");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public LabHypervisor(Lab lab) {
        this(lab, LibvirtSettings.defaults());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        connected = new LibvirtHypervisor(lab.hostConfigs(), settings);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public List<String> hostNames() {
        return connectedOrFail().hostNames();
    }

    @Override
    public Host host(String hostName) {
        return connectedOrFail().host(hostName);
    }

    @Override
    public void close() {
        if (connected != null) {
            connected.close();
            connected = null;
        }
    }

    private LibvirtHypervisor connectedOrFail() {
        if (connected == null) {
            throw new IllegalStateException("the lab hypervisor is used outside its test class (register it with @RegisterExtension)");
        }
        return connected;
    }
}
