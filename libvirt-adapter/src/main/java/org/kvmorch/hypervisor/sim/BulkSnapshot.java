package org.kvmorch.hypervisor.sim;

/**
 * Seed 002's StaticData channel: a snapshot of every page, written in address order over the
 * storage path and merged at the destination. Like the RAM sender it works on a time budget and
 * sends zero pages as headers; unlike it, it walks a plain range, not a bitmap.
 */
final class BulkSnapshot {

    private final PageBitmap nonZero;
    private final long total;
    private long cursor;

    long pages;
    long normalPages;
    long zeroPages;
    double usedNanos;

    BulkSnapshot(PageBitmap nonZero) {
        this.nonZero = nonZero;
        this.total = nonZero.pages();
    }

    long cursor() {
        return cursor;
    }

    boolean done() {
        return cursor >= total;
    }

    /** The rest is handed to post-copy: the snapshot stops here. */
    long abandon() {
        long from = cursor;
        cursor = total;
        return from;
    }

    void send(double budgetNanos, double normalNanos, double zeroNanos) {
        pages = 0;
        normalPages = 0;
        zeroPages = 0;
        usedNanos = 0;
        while (usedNanos < budgetNanos && cursor < total) {
            long wordEnd = Math.min(total, ((cursor >>> 6) + 1) << 6);
            long n = wordEnd - cursor;
            long nNormal = nonZero.countRange(cursor, wordEnd);
            double cost = nNormal * normalNanos + (n - nNormal) * zeroNanos;
            if (usedNanos + cost <= budgetNanos) {
                take(nNormal, n - nNormal, cost);
                cursor = wordEnd;
                continue;
            }
            while (cursor < wordEnd && usedNanos < budgetNanos) {
                if (nonZero.get(cursor)) {
                    take(1, 0, normalNanos);
                } else {
                    take(0, 1, zeroNanos);
                }
                cursor++;
            }
        }
    }

    private void take(long nNormal, long nZero, double cost) {
        pages += nNormal + nZero;
        normalPages += nNormal;
        zeroPages += nZero;
        usedNanos += cost;
    }
}
