package org.kvmorch.hypervisor.libvirt;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * Our own JNA view of {@code libvirt.so.0}: every domain-level call the adapter makes, plus what
 * libvirt-java 0.5.4 lacks (post-copy, max speed, abort flags, state reasons, node stats, bulk
 * domain stats, MIGRATION_ITERATION / JOB_COMPLETED events).
 *
 * <p>Domain handles are ours too ({@code virDomainLookupByUUIDString} on the binding's connection,
 * freed by {@link DomainHandle}); libvirt-java's {@code Domain} is never used, so there is one kind
 * of handle to free and none of the binding's domain bugs (getCPUStats, JobType) can bite.
 * Unsigned C ints map to Java ints; callers treat them as unsigned where it matters.
 */
interface Virt extends Library {

    Virt INSTANCE = Native.load("virt", Virt.class);

    int TYPED_PARAM_SIZE = 96;          // char field[80]; int type; union value (8-aligned)
    int NODE_STATS_SIZE = 88;           // char field[80]; unsigned long long value
    int FIELD_LENGTH = 80;

    int EVENT_ID_LIFECYCLE = 0;
    int EVENT_ID_MIGRATION_ITERATION = 20;
    int EVENT_ID_JOB_COMPLETED = 21;

    int ERR_OPERATION_ABORTED = 78;

    // ------------------------------------------------------------ errors, connections

    /** virErrorPtr: int code; int domain; char *message; ... (thread-local, read right after a failure). */
    Pointer virGetLastError();

    int virConnectIsAlive(Pointer conn);

    /** Replaces libvirt's default handler, which prints every error to stderr. */
    void virSetErrorFunc(Pointer userData, ErrorCallback handler);

    int virNodeGetCPUStats(Pointer conn, int cpuNum, Pointer params, IntByReference nparams, int flags);

    int virNodeGetMemoryStats(Pointer conn, int cellNum, Pointer params, IntByReference nparams, int flags);

    /** Returns the record count; {@code retStats} receives a NULL-terminated virDomainStatsRecordPtr array. */
    int virConnectGetAllDomainStats(Pointer conn, int stats, PointerByReference retStats, int flags);

    void virDomainStatsRecordListFree(Pointer stats);

    int virConnectDomainEventRegisterAny(Pointer conn, Pointer dom, int eventId, Callback cb, Pointer opaque,
            Pointer freeCb);

    int virConnectDomainEventDeregisterAny(Pointer conn, int callbackId);

    // ------------------------------------------------------------ domains

    Pointer virDomainLookupByUUIDString(Pointer conn, String uuid);

    Pointer virDomainLookupByName(Pointer conn, String name);

    Pointer virDomainDefineXML(Pointer conn, String xml);

    int virDomainFree(Pointer dom);

    /** Local (no RPC): safe inside event callbacks. {@code buf} needs 37 bytes. */
    int virDomainGetUUIDString(Pointer dom, byte[] buf);

    /** Local (no RPC); the string belongs to the handle. */
    String virDomainGetName(Pointer dom);

    int virDomainGetState(Pointer dom, IntByReference state, IntByReference reason, int flags);

    /** Returns a malloc'ed string the caller frees. */
    Pointer virDomainGetXMLDesc(Pointer dom, int flags);

    int virDomainCreate(Pointer dom);

    int virDomainShutdown(Pointer dom);

    int virDomainDestroy(Pointer dom);

    int virDomainUndefine(Pointer dom);

    int virDomainGetJobStats(Pointer dom, IntByReference type, PointerByReference params, IntByReference nparams,
            int flags);

    void virTypedParamsFree(Pointer params, int nparams);

    int virDomainMigrateToURI3(Pointer dom, String dconnuri, Pointer params, int nparams, int flags);

    Pointer virDomainMigrate3(Pointer dom, Pointer dconn, Pointer params, int nparams, int flags);

    int virDomainMigrateStartPostCopy(Pointer dom, int flags);

    /** Bandwidth in MiB/s. */
    int virDomainMigrateSetMaxSpeed(Pointer dom, NativeLong mibPerSecond, int flags);

    int virDomainMigrateGetMaxSpeed(Pointer dom, NativeLongByReference mibPerSecond, int flags);

    int virDomainMigrateSetMaxDowntime(Pointer dom, long millis, int flags);

    int virDomainMigrateGetMaxDowntime(Pointer dom, LongByReference millis, int flags);

    int virDomainAbortJob(Pointer dom);

    /** flags 1 = VIR_DOMAIN_ABORT_JOB_POSTCOPY: pause a post-copy migration instead of failing it. */
    int virDomainAbortJobFlags(Pointer dom, int flags);

    /** libvirt 7.2+: QEMU samples the guest's pages for {@code seconds}; flags 0 = page sampling. */
    int virDomainStartDirtyRateCalc(Pointer dom, int seconds, int flags);

    // ------------------------------------------------------------ event callbacks (run on the event loop thread)

    interface ErrorCallback extends Callback {
        void invoke(Pointer userData, Pointer error);
    }

    interface LifecycleCallback extends Callback {
        int invoke(Pointer conn, Pointer dom, int event, int detail, Pointer opaque);
    }

    interface IterationCallback extends Callback {
        void invoke(Pointer conn, Pointer dom, int iteration, Pointer opaque);
    }

    interface JobCompletedCallback extends Callback {
        void invoke(Pointer conn, Pointer dom, Pointer params, int nparams, Pointer opaque);
    }
}
