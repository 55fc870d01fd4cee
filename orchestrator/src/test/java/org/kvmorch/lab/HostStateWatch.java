package org.kvmorch.lab;

import java.util.Set;
import java.util.TreeSet;
import org.kvmorch.db.HostEntity;
import org.kvmorch.db.HostRepository;
import org.kvmorch.db.HostState;
import org.springframework.context.ConfigurableApplicationContext;

/** Watches the hosts' recorded states twice a second and remembers every host seen DOWN. */
final class HostStateWatch {

    private final Set<String> seenDown = new TreeSet<>();
    private final Thread thread;
    private volatile boolean running = true;

    private HostStateWatch(HostRepository hosts) {
        thread = new Thread(() -> {
            while (running) {
                for (HostEntity h : hosts.findAll()) {
                    if (h.getState() == HostState.DOWN) {
                        synchronized (seenDown) {
                            seenDown.add(h.getName());
                        }
                    }
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "host-state-watch");
        thread.setDaemon(true);
    }

    static HostStateWatch start(ConfigurableApplicationContext app) {
        HostStateWatch watch = new HostStateWatch(app.getBean(HostRepository.class));
        watch.thread.start();
        return watch;
    }

    /** Stops watching; the hosts seen DOWN meanwhile. */
    Set<String> stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
        synchronized (seenDown) {
            return Set.copyOf(seenDown);
        }
    }
}
