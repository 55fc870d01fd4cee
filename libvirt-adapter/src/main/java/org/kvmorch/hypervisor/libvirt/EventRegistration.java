package org.kvmorch.hypervisor.libvirt;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The three domain-event callbacks of one connection (all domains). JNA callbacks must stay
 * strongly reachable for as long as libvirt may call them, or the GC frees the native trampoline
 * and the next event crashes the JVM: they are fields of this object, which lives as long as the
 * connection and is deregistered before the connection closes.
 */
final class EventRegistration {

    private final EventRouter router;
    private final Virt.LifecycleCallback lifecycle = this::onLifecycle;
    private final Virt.IterationCallback iteration = this::onIteration;
    private final Virt.JobCompletedCallback jobCompleted = this::onJobCompleted;
    private final List<Integer> ids = new ArrayList<>();

    EventRegistration(EventRouter router) {
        this.router = router;
    }

    /** Registers on {@code conn}; runs on a call worker (these are RPCs). */
    void register(Pointer conn) {
        ids.add(LibvirtCallException.check(Virt.INSTANCE.virConnectDomainEventRegisterAny(conn, null,
                Virt.EVENT_ID_LIFECYCLE, lifecycle, null, null), "register lifecycle events"));
        ids.add(LibvirtCallException.check(Virt.INSTANCE.virConnectDomainEventRegisterAny(conn, null,
                Virt.EVENT_ID_MIGRATION_ITERATION, iteration, null, null), "register migration-iteration events"));
        ids.add(LibvirtCallException.check(Virt.INSTANCE.virConnectDomainEventRegisterAny(conn, null,
                Virt.EVENT_ID_JOB_COMPLETED, jobCompleted, null, null), "register job-completed events"));
    }

    void deregister(Pointer conn) {
        for (int id : ids) {
            Virt.INSTANCE.virConnectDomainEventDeregisterAny(conn, id);
        }
        ids.clear();
    }

    // The callbacks below run on libvirt's event thread: local calls and copies only.

    private int onLifecycle(Pointer conn, Pointer dom, int event, int detail, Pointer opaque) {
        router.publish(new DomainEvent.Lifecycle(uuidOf(dom), event, detail));
        return 0;
    }

    private void onIteration(Pointer conn, Pointer dom, int iter, Pointer opaque) {
        router.publish(new DomainEvent.Iteration(uuidOf(dom), iter));
    }

    private void onJobCompleted(Pointer conn, Pointer dom, Pointer params, int nparams, Pointer opaque) {
        // libvirt frees params after the callback returns: copy now.
        router.publish(new DomainEvent.JobCompleted(uuidOf(dom), TypedParams.read(params, nparams)));
    }

    static String uuidOf(Pointer dom) {
        byte[] buf = new byte[37];
        Virt.INSTANCE.virDomainGetUUIDString(dom, buf);
        return new String(buf, 0, 36, StandardCharsets.US_ASCII);
    }
}
