package org.kvmorch.hypervisor.libvirt;

import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirt's default event loop, once per process, on a daemon thread. It must be registered before
 * the first connection opens; keepalive, the close callback and domain events all run on it, so
 * nothing dispatched from it may block (callbacks only copy data and hand it off).
 */
final class EventLoop {

    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
    private static Thread thread;
    /** Strongly held: libvirt keeps calling it for the life of the process. */
    private static final Virt.ErrorCallback QUIET = (userData, error) -> {
        // errors reach callers as exceptions (virGetLastError); no stderr noise
    };

    private EventLoop() {
    }

    static synchronized void ensureRunning() {
        if (thread != null) {
            return;
        }
        Virt.INSTANCE.virSetErrorFunc(null, QUIET);
        try {
            Library.initEventLoop();
        } catch (LibvirtException e) {
            throw new IllegalStateException("cannot start libvirt's event loop: " + e.getMessage(), e);
        }
        thread = new Thread(EventLoop::run, "libvirt-event-loop");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        while (true) {
            try {
                Library.processEvent();
            } catch (LibvirtException e) {
                LOG.warn("libvirt event loop iteration failed: {}", e.getMessage());
            } catch (Throwable t) {
                // A callback threw: keep the loop alive, or every connection of the process stalls.
                LOG.error("libvirt event callback failed", t);
            }
        }
    }
}
