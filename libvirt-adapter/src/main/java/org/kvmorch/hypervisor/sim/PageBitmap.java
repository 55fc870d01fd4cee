package org.kvmorch.hypervisor.sim;

import java.util.Arrays;

/**
 * One bit per 4 KiB guest page in a {@code long[]}: 8 Mi pages (32 GiB) take 1 MiB. Range
 * operations work a word at a time so that a sequential writer or a pass over the whole memory
 * costs a few hundred thousand word operations, never one object per page. The number of set bits
 * is kept up to date so that "pages pending" is O(1).
 */
final class PageBitmap {

    private final long[] words;
    private final long pages;
    private long cardinality;

    PageBitmap(long pages) {
        if (pages <= 0 || pages > (long) Integer.MAX_VALUE * 64) {
            throw new IllegalArgumentException("page count out of range: " + pages);
        }
        this.pages = pages;
        this.words = new long[(int) ((pages + 63) >>> 6)];
    }

    long pages() {
        return pages;
    }

    long cardinality() {
        return cardinality;
    }

    boolean isEmpty() {
        return cardinality == 0;
    }

    boolean get(long page) {
        return (words[(int) (page >>> 6)] & (1L << page)) != 0;
    }

    /** Sets one bit; returns true when it was clear before. */
    boolean set(long page) {
        int w = (int) (page >>> 6);
        long bit = 1L << page;
        long old = words[w];
        if ((old & bit) != 0) {
            return false;
        }
        words[w] = old | bit;
        cardinality++;
        return true;
    }

    /** Clears one bit; returns true when it was set before. */
    boolean clear(long page) {
        int w = (int) (page >>> 6);
        long bit = 1L << page;
        long old = words[w];
        if ((old & bit) == 0) {
            return false;
        }
        words[w] = old & ~bit;
        cardinality--;
        return true;
    }

    /** Sets [from, to); returns how many bits were newly set. */
    long setRange(long from, long to) {
        long added = 0;
        while (from < to) {
            int w = (int) (from >>> 6);
            long mask = rangeMask(from, to);
            long old = words[w];
            added += Long.bitCount(mask & ~old);
            words[w] = old | mask;
            from = ((long) w + 1) << 6;
        }
        cardinality += added;
        return added;
    }

    /** Clears [from, to); returns how many bits were set before. */
    long clearRange(long from, long to) {
        long removed = 0;
        while (from < to) {
            int w = (int) (from >>> 6);
            long mask = rangeMask(from, to);
            long old = words[w];
            removed += Long.bitCount(mask & old);
            words[w] = old & ~mask;
            from = ((long) w + 1) << 6;
        }
        cardinality -= removed;
        return removed;
    }

    /** Number of set bits in [from, to). */
    long countRange(long from, long to) {
        long n = 0;
        while (from < to) {
            int w = (int) (from >>> 6);
            n += Long.bitCount(words[w] & rangeMask(from, to));
            from = ((long) w + 1) << 6;
        }
        return n;
    }

    void setAll() {
        Arrays.fill(words, -1L);
        int tail = (int) (pages & 63);
        if (tail != 0) {
            words[words.length - 1] = (1L << tail) - 1;
        }
        cardinality = pages;
    }

    void clearAll() {
        Arrays.fill(words, 0L);
        cardinality = 0;
    }

    /**
     * ORs {@code other} into this bitmap and clears {@code other}: QEMU's bitmap sync, which moves
     * the dirty log into the migration bitmap. Returns how many bits were newly set here.
     */
    long drainFrom(PageBitmap other) {
        long added = 0;
        long[] src = other.words;
        for (int i = 0; i < words.length; i++) {
            long s = src[i];
            if (s != 0) {
                long old = words[i];
                added += Long.bitCount(s & ~old);
                words[i] = old | s;
                src[i] = 0;
            }
        }
        cardinality += added;
        other.cardinality = 0;
        return added;
    }

    /**
     * Clears [from, to) and returns {cleared, cleared and also set in {@code other}}: post-copy
     * faults over a range, split into pages with data and zero pages.
     */
    long[] clearRangeSplit(long from, long to, PageBitmap other) {
        long cleared = 0;
        long alsoOther = 0;
        while (from < to) {
            int w = (int) (from >>> 6);
            long hit = words[w] & rangeMask(from, to);
            if (hit != 0) {
                cleared += Long.bitCount(hit);
                alsoOther += Long.bitCount(hit & other.words[w]);
                words[w] &= ~hit;
            }
            from = ((long) w + 1) << 6;
        }
        cardinality -= cleared;
        return new long[] {cleared, alsoOther};
    }

    /** Raw word access for scanners that work 64 pages at a time. */
    long word(int index) {
        return words[index];
    }

    int wordCount() {
        return words.length;
    }

    /** Clears the bits of {@code mask} in word {@code index}; the caller knows they were set. */
    void clearBitsOfWord(int index, long mask) {
        words[index] &= ~mask;
        cardinality -= Long.bitCount(mask);
    }

    private static long rangeMask(long from, long to) {
        long wordEnd = ((from >>> 6) + 1) << 6;
        long lo = -1L << from; // shifts use the low 6 bits
        if (to >= wordEnd) {
            return lo;
        }
        return lo & ((1L << to) - 1);
    }
}
