package org.kvmorch.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Shutting down while the database is unreachable: a lease call waiting for a connection (the
 * pool waits 30 s) must not hold up close() — it used to, and every test JVM then waited 30 s for
 * its contexts to close after the test PostgreSQL had stopped.
 */
class MigrationLeasesCloseTest {

    @Test
    void closeDoesNotWaitForALeaseCallStuckOnTheDatabase() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        DataSource unreachable = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        asked.countDown();
                        released.await(30, TimeUnit.SECONDS); // as Hikari waits for a dead database
                        throw new java.sql.SQLTransientConnectionException("database unreachable");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        MigrationLeases leases = new MigrationLeases(unreachable);
        CompletableFuture<Boolean> sweep = CompletableFuture.supplyAsync(() -> leases.tryAcquire(42));
        assertThat(asked.await(5, TimeUnit.SECONDS)).as("the sweep is waiting for the database").isTrue();

        long t0 = System.nanoTime();
        leases.close();
        long closeMillis = (System.nanoTime() - t0) / 1_000_000;
        released.countDown();

        assertThat(closeMillis).isBetween(MigrationLeases.CLOSE_WAIT_MILLIS - 100, MigrationLeases.CLOSE_WAIT_MILLIS + 3000);
        assertThat(sweep).failsWithin(5, TimeUnit.SECONDS); // its own call fails; nothing else waits
        assertThat(leases.tryAcquire(43)).as("closed").isFalse();
    }
}
