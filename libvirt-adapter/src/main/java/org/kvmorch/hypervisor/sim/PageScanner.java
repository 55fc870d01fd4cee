package org.kvmorch.hypervisor.sim;

/**
 * QEMU's RAM sender: walks the migration bitmap in address order from where it stopped, wraps at
 * the end (a "complete round"), and sends each set page, zero pages as a short header. It works on
 * a time budget so that bandwidth, CPU cost of finding zero pages and encoding ratios fold into a
 * per-page cost; a page may overdraw the budget (the caller carries the debt). Whole words of the
 * bitmap are taken at once when they fit.
 */
final class PageScanner {

    private final PageBitmap toSend;
    private final PageBitmap nonZero;
    private long cursor;
    private boolean completedRound;

    // Results of the last call.
    long pages;
    long normalPages;
    long zeroPages;
    double usedNanos;

    PageScanner(PageBitmap toSend, PageBitmap nonZero) {
        this.toSend = toSend;
        this.nonZero = nonZero;
    }

    /** True once the scan has wrapped past the last page at least once (QEMU's complete_round). */
    boolean completedRound() {
        return completedRound;
    }

    /**
     * Sends pages while budget remains and fewer than {@code pageLimit} have been sent.
     *
     * @param normalNanos time one normal page takes
     * @param zeroNanos time one zero page takes
     */
    void send(double budgetNanos, long pageLimit, double normalNanos, double zeroNanos) {
        pages = 0;
        normalPages = 0;
        zeroPages = 0;
        usedNanos = 0;
        long total = toSend.pages();
        while (usedNanos < budgetNanos && pages < pageLimit && !toSend.isEmpty()) {
            int w = (int) (cursor >>> 6);
            long bits = toSend.word(w) & (-1L << cursor);
            if (bits == 0) {
                advanceToWord(w + 1, total);
                continue;
            }
            long nz = bits & nonZero.word(w);
            long z = bits & ~nz;
            int nNormal = Long.bitCount(nz);
            int nZero = Long.bitCount(z);
            double cost = nNormal * normalNanos + nZero * zeroNanos;
            if (usedNanos + cost <= budgetNanos && pages + nNormal + nZero <= pageLimit) {
                toSend.clearBitsOfWord(w, bits);
                take(nNormal, nZero, cost);
                advanceToWord(w + 1, total);
                continue;
            }
            // Page by page inside this word until the budget or the limit runs out.
            while (bits != 0 && usedNanos < budgetNanos && pages < pageLimit) {
                long low = bits & -bits;
                boolean isNormal = (nz & low) != 0;
                toSend.clearBitsOfWord(w, low);
                if (isNormal) {
                    take(1, 0, normalNanos);
                } else {
                    take(0, 1, zeroNanos);
                }
                bits &= ~low;
                cursor = ((long) w << 6) + Long.numberOfTrailingZeros(low) + 1;
            }
            if (bits == 0) {
                advanceToWord(w + 1, total);
            }
        }
    }

    private void take(int nNormal, int nZero, double cost) {
        pages += nNormal + nZero;
        normalPages += nNormal;
        zeroPages += nZero;
        usedNanos += cost;
    }

    private void advanceToWord(int word, long total) {
        cursor = (long) word << 6;
        if (cursor >= total) {
            cursor = 0;
            completedRound = true;
        }
    }
}
