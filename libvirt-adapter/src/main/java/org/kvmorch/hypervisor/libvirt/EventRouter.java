package org.kvmorch.hypervisor.libvirt;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host's domain events, handed from libvirt's event thread to a dispatcher thread of this host
 * through a bounded queue: the event thread never waits on a listener (if the queue is full the
 * event is dropped and logged; job trackers also poll, so a lost event only delays them).
 * Survives reconnects: subscriptions are by domain UUID, not by connection.
 */
final class EventRouter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventRouter.class);

    private final String hostName;
    private final Map<String, List<Consumer<DomainEvent>>> byUuid = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor dispatcher;

    EventRouter(String hostName) {
        this.hostName = hostName;
        this.dispatcher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4096), r -> {
            Thread t = new Thread(r, "libvirt-" + hostName + "-events");
            t.setDaemon(true);
            return t;
        }, (r, pool) -> LOG.warn("{}: event queue full, dropping a domain event", hostName));
    }

    /** Called on libvirt's event thread: enqueue only. */
    void publish(DomainEvent event) {
        if (!byUuid.containsKey(event.uuid())) {
            return;
        }
        dispatcher.execute(() -> deliver(event));
    }

    private void deliver(DomainEvent event) {
        for (Consumer<DomainEvent> c : byUuid.getOrDefault(event.uuid(), List.of())) {
            try {
                c.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("{}: domain event listener failed", hostName, e);
            }
        }
    }

    AutoCloseable subscribe(String uuid, Consumer<DomainEvent> consumer) {
        byUuid.computeIfAbsent(uuid, k -> new CopyOnWriteArrayList<>()).add(consumer);
        return () -> byUuid.computeIfPresent(uuid, (k, list) -> {
            list.remove(consumer);
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public void close() {
        dispatcher.shutdownNow();
    }
}
