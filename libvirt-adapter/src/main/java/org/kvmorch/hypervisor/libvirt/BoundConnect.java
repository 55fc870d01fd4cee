package org.kvmorch.hypervisor.libvirt;

import com.sun.jna.Pointer;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * libvirt-java's connection, plus its native virConnectPtr for our own JNA calls.
 *
 * <p>Why this way: the binding exposes no handle accessor, but {@code Connect.vcp} is a
 * <em>protected</em> field, i.e. part of the API it offers to subclasses. Reading it here needs no
 * reflection (no dependence on private names, no --add-opens), and keeps ONE connection per host:
 * one socket, one keepalive, one close callback, one reconnect state. A second native connection
 * per host would double sockets and liveness tracking and could be up while the other is down.
 * Domain handles are then looked up on this pointer through {@link Virt} and freed by us.
 */
final class BoundConnect extends Connect {

    BoundConnect(String uri) throws LibvirtException {
        super(uri);
    }

    Pointer pointer() {
        return vcp.getPointer();
    }
}
