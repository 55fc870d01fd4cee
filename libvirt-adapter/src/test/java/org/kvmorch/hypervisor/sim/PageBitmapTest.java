package org.kvmorch.hypervisor.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageBitmapTest {

    @Test
    void rangesAcrossWordsCountNewBitsOnly() {
        PageBitmap b = new PageBitmap(200);
        assertThat(b.setRange(10, 130)).isEqualTo(120);
        assertThat(b.setRange(100, 140)).isEqualTo(10); // 130..139 are new
        assertThat(b.cardinality()).isEqualTo(130);
        assertThat(b.countRange(0, 64)).isEqualTo(54);
        assertThat(b.clearRange(0, 200)).isEqualTo(130);
        assertThat(b.isEmpty()).isTrue();
    }

    @Test
    void setAllLeavesNoBitsPastTheEnd() {
        PageBitmap b = new PageBitmap(70);
        b.setAll();
        assertThat(b.cardinality()).isEqualTo(70);
        assertThat(b.countRange(0, 70)).isEqualTo(70);
    }

    @Test
    void drainMovesTheDirtyLogIntoTheMigrationBitmap() {
        PageBitmap toSend = new PageBitmap(128);
        PageBitmap log = new PageBitmap(128);
        toSend.set(5);
        log.set(5);
        log.set(77);
        assertThat(toSend.drainFrom(log)).isEqualTo(1); // page 5 was already pending
        assertThat(toSend.cardinality()).isEqualTo(2);
        assertThat(log.isEmpty()).isTrue();
    }

    @Test
    void scannerSendsInAddressOrderAndWraps() {
        PageBitmap toSend = new PageBitmap(256);
        PageBitmap data = new PageBitmap(256);
        data.setRange(0, 128); // pages 128.. are zero pages
        toSend.setAll();
        PageScanner scanner = new PageScanner(toSend, data);
        // 10 ns per data page, 1 ns per zero page: 100 ns buys exactly 10 data pages.
        scanner.send(100, Long.MAX_VALUE, 10, 1);
        assertThat(scanner.normalPages).isEqualTo(10);
        assertThat(toSend.get(9)).isFalse();
        assertThat(toSend.get(10)).isTrue();
        scanner.send(1e9, Long.MAX_VALUE, 10, 1);
        assertThat(scanner.normalPages).isEqualTo(118);
        assertThat(scanner.zeroPages).isEqualTo(128);
        assertThat(scanner.completedRound()).isTrue();
        toSend.set(3);
        scanner.send(1e9, Long.MAX_VALUE, 10, 1);
        assertThat(scanner.pages).isEqualTo(1);
    }
}
