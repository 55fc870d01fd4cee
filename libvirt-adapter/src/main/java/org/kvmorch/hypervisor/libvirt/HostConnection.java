package org.kvmorch.hypervisor.libvirt;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.kvmorch.hypervisor.HostUnreachableException;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one libvirt connection to a host, and the only way to call it. Every call runs on a worker
 * thread and is waited for at most {@code callTimeout}: a host that stops answering costs the
 * caller a {@link HostUnreachableException}, never a hang (the stuck worker is abandoned; at most
 * {@link #MAX_STUCK} may pile up before calls fail fast).
 *
 * <p>Liveness: libvirt keepalive probes run on the event loop; when they go unanswered, or the
 * daemon goes away, libvirt closes the connection and the close callback marks it dead. The next
 * call reconnects, with a back-off doubling from 1 s to {@code reconnectBackoffMax}; during the
 * back-off calls fail fast. Domain events are registered again on every new connection.
 */
final class HostConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HostConnection.class);
    static final int MAX_STUCK = 8;

    /** A call against the native connection pointer; runs on a worker thread. */
    @FunctionalInterface
    interface NativeCall<T> {
        T run(BoundConnect conn) throws LibvirtException;
    }

    private final String hostName;
    private final String uri;
    private final LibvirtSettings settings;
    private final EventRouter router;
    private final ExecutorService workers;
    private final AtomicInteger inFlight = new AtomicInteger();

    private Session session;
    private long nextAttemptNanos;
    private long backoffNanos;
    private String lastFailure = "not connected yet";
    private volatile boolean closed;

    /** An open connection with its event registration; {@code dead} is set from the close callback. */
    private static final class Session {
        final BoundConnect connect;
        final EventRegistration events;
        volatile boolean dead;
        volatile String deathReason = "";

        Session(BoundConnect connect, EventRegistration events) {
            this.connect = connect;
            this.events = events;
        }
    }

    HostConnection(String hostName, String uri, LibvirtSettings settings, EventRouter router) {
        this.hostName = hostName;
        this.uri = uri;
        this.settings = settings;
        this.router = router;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "libvirt-" + hostName + "-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    String hostName() {
        return hostName;
    }

    String uri() {
        return uri;
    }

    /** Runs {@code call} with the call timeout; connects first if needed. */
    <T> T call(String what, NativeCall<T> call) {
        return call(what, settings.callTimeout(), call);
    }

    <T> T call(String what, Duration timeout, NativeCall<T> call) {
        Session s = ensureSession();
        return submit(what, timeout, () -> {
            try {
                return call.run(s.connect);
            } catch (LibvirtCallException | LibvirtException e) {
                if (Virt.INSTANCE.virConnectIsAlive(s.connect.pointer()) != 1) {
                    markDead(s, e.getMessage());
                    throw new HostUnreachableException(hostName, what + ": connection lost: " + e.getMessage(), e);
                }
                throw e;
            }
        });
    }

    /**
     * Runs a call that may legitimately take long (a migration) on the CALLER's thread, without a
     * timeout: only for threads that exist to wait on that one call.
     */
    <T> T callBlocking(String what, NativeCall<T> call) throws LibvirtException {
        Session s = ensureSession();
        return call.run(s.connect);
    }

    /** True while the connection is open and libvirt considers it alive (no network round trip). */
    boolean isUp() {
        Session s;
        synchronized (this) {
            s = session;
        }
        return s != null && !s.dead && Virt.INSTANCE.virConnectIsAlive(s.connect.pointer()) == 1;
    }

    private synchronized Session ensureSession() {
        if (closed) {
            throw new HostUnreachableException(hostName, "connection closed", null);
        }
        if (session != null && !session.dead) {
            return session;
        }
        if (session != null) {
            lastFailure = "connection lost: " + session.deathReason;
            discard(session);
            session = null;
        }
        long now = System.nanoTime();
        if (now < nextAttemptNanos) {
            throw new HostUnreachableException(hostName, lastFailure + "; next reconnect attempt in "
                    + TimeUnit.NANOSECONDS.toMillis(nextAttemptNanos - now) + " ms", null);
        }
        try {
            session = submit("connect to " + uri, settings.callTimeout(), this::open);
            backoffNanos = 0;
            LOG.info("{}: connected to {}", hostName, uri);
            return session;
        } catch (RuntimeException e) {
            backoffNanos = backoffNanos == 0 ? TimeUnit.SECONDS.toNanos(1)
                    : Math.min(backoffNanos * 2, settings.reconnectBackoffMax().toNanos());
            nextAttemptNanos = System.nanoTime() + backoffNanos;
            lastFailure = e.getMessage();
            throw e instanceof HostUnreachableException h ? h
                    : new HostUnreachableException(hostName, "cannot connect to " + uri + ": " + e.getMessage(), e);
        }
    }

    private Session open() throws LibvirtException {
        EventLoop.ensureRunning();
        BoundConnect c = new BoundConnect(uri);
        EventRegistration events = new EventRegistration(router);
        Session s = new Session(c, events);
        try {
            c.setKeepAlive((int) Math.max(1, settings.keepAliveInterval().toSeconds()), settings.keepAliveCount());
            c.registerCloseListener((conn, reason) -> markDead(s, "closed by libvirt: " + reason));
            events.register(c.pointer());
            return s;
        } catch (LibvirtException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** May run on libvirt's event thread (close callback): flags only. */
    private void markDead(Session s, String reason) {
        if (!s.dead) {
            s.deathReason = reason;
            s.dead = true;
            LOG.warn("{}: libvirt connection lost ({})", hostName, reason);
        }
    }

    /** Closes a dead session in the background: virConnectClose may itself block on a hung daemon. */
    private void discard(Session s) {
        workers.execute(() -> {
            try {
                s.events.deregister(s.connect.pointer());
                s.connect.unregisterCloseListener();
                s.connect.close();
            } catch (LibvirtException | RuntimeException e) {
                LOG.debug("{}: closing a dead connection: {}", hostName, e.getMessage());
            }
        });
    }

    private <T> T submit(String what, Duration timeout, java.util.concurrent.Callable<T> task) {
        if (inFlight.get() >= MAX_STUCK) {
            throw new HostUnreachableException(hostName, what + ": " + inFlight.get()
                    + " earlier calls still have no answer", null);
        }
        inFlight.incrementAndGet();
        Future<T> f;
        try {
            f = workers.submit(() -> {
                try {
                    return task.call();
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            throw new HostUnreachableException(hostName, what + ": " + e.getMessage(), e);
        }
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true); // native code ignores the interrupt; the worker is abandoned, not waited on
            throw new HostUnreachableException(hostName, what + " did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostUnreachableException(hostName, what + ": interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof LibvirtException l) {
                throw new LibvirtCallException(what, l.getError() == null ? -1 : l.getError().getCode().ordinal(),
                        l.getMessage());
            }
            throw new IllegalStateException(what + ": " + cause, cause);
        }
    }

    @Override
    public void close() {
        Session s;
        synchronized (this) {
            closed = true;
            s = session;
            session = null;
        }
        if (s != null) {
            discard(s);
        }
        workers.shutdown();
    }
}
