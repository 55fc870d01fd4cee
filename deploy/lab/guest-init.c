/*
 * guest-init.c - /init of the lab's tiny test guest (static binary, no libc deps at runtime).
 *
 * The guest exists only to give live migration something realistic to move: a working set of
 * non-zero pages that is re-dirtied at a controlled rate. Parameters come from the kernel
 * command line (set by lab.sh / the domain XML):
 *
 *   wss_mib=N       working set size in MiB (default 64)
 *   dirty_mibps=R   dirty rate in MiB/s, one byte written per 4 KiB page (default 20, 0 = idle)
 *   pattern=seq|random   page order of the writes (default seq)
 *   report_s=S      seconds between progress lines on the console (default 5, 0 = none)
 *
 * Build: gcc -static -O2 -o init guest-init.c
 *
 * PID 1 must never exit (the kernel would panic), so every error path ends in an idle loop.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL
#define SLICE_NS 5000000L /* pace in 5 ms slices */

static void say(const char *fmt, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0) {
        if ((size_t)n >= sizeof buf) n = sizeof buf - 1;
        ssize_t w = write(1, buf, (size_t)n);
        (void)w;
    }
}

static void idle_forever(void) {
    for (;;) pause();
}

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* Make sure fds 0/1/2 are the console even if /dev/console was missing from the initramfs. */
static void setup_console(void) {
    if (fcntl(1, F_GETFD) != -1) return;
    mkdir("/dev", 0755);
    mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
    int fd = open("/dev/console", O_RDWR | O_NOCTTY);
    if (fd < 0) return;
    dup2(fd, 0);
    dup2(fd, 1);
    dup2(fd, 2);
    if (fd > 2) close(fd);
}

/* Value of "key=" from the kernel command line, or from init's environment (the kernel also
 * hands unknown key=value parameters to init as environment variables). */
static const char *param(const char *cmdline, const char *key, char *out, size_t outlen) {
    size_t klen = strlen(key);
    const char *p = cmdline;
    while (p && *p) {
        while (*p == ' ' || *p == '\n') p++;
        if (strncmp(p, key, klen) == 0 && p[klen] == '=') {
            const char *v = p + klen + 1;
            size_t n = strcspn(v, " \n");
            if (n >= outlen) n = outlen - 1;
            memcpy(out, v, n);
            out[n] = 0;
            return out;
        }
        p = strchr(p, ' ');
    }
    const char *e = getenv(key);
    if (e) {
        snprintf(out, outlen, "%s", e);
        return out;
    }
    return NULL;
}

int main(void) {
    setup_console();
    mkdir("/proc", 0555);
    mount("proc", "/proc", "proc", 0, NULL);

    char cmdline[4096] = "";
    int fd = open("/proc/cmdline", O_RDONLY);
    if (fd >= 0) {
        ssize_t n = read(fd, cmdline, sizeof cmdline - 1);
        if (n > 0) cmdline[n] = 0;
        close(fd);
    }

    char v[64];
    long wss_mib = param(cmdline, "wss_mib", v, sizeof v) ? atol(v) : 64;
    double rate_mibps = param(cmdline, "dirty_mibps", v, sizeof v) ? atof(v) : 20.0;
    int random_pattern = param(cmdline, "pattern", v, sizeof v) ? strcmp(v, "random") == 0 : 0;
    long report_s = param(cmdline, "report_s", v, sizeof v) ? atol(v) : 5;
    if (wss_mib < 1) wss_mib = 1;
    if (rate_mibps < 0) rate_mibps = 0;

    say("kvmorch-guest: start wss_mib=%ld dirty_mibps=%.1f pattern=%s\n", wss_mib, rate_mibps,
        random_pattern ? "random" : "seq");

    size_t bytes = (size_t)wss_mib << 20;
    size_t pages = bytes / PAGE;
    unsigned char *mem = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (mem == MAP_FAILED) {
        say("kvmorch-guest: cannot allocate %ld MiB: %s; idling\n", wss_mib, strerror(errno));
        idle_forever();
    }
    /* Touch every page with non-zero data so migration has to send it (zero pages are nearly
     * free on the wire). */
    for (size_t i = 0; i < pages; i++) memset(mem + i * PAGE, (int)(i % 251) + 1, PAGE);
    say("kvmorch-guest: working set ready (%zu pages)\n", pages);

    if (rate_mibps == 0) {
        say("kvmorch-guest: dirty_mibps=0, idle\n");
        idle_forever();
    }

    const double pages_per_ns = rate_mibps * (1048576.0 / PAGE) / 1e9;
    const uint64_t max_backlog = (uint64_t)(pages_per_ns * 100e6) + 1; /* at most 100 ms of debt */
    /* written = pages scheduled so far (the pacing clock), actual = pages really written */
    uint64_t start = now_ns(), written = 0, actual = 0, last_report = start, actual_at_report = 0;
    uint64_t rng = 0x9E3779B97F4A7C15ULL;
    size_t next = 0;
    unsigned char stamp = 1;

    for (;;) {
        uint64_t t = now_ns();
        uint64_t due = (uint64_t)((double)(t - start) * pages_per_ns);
        if (due > written + max_backlog) written = due - max_backlog; /* fell behind: do not burst */
        while (written < due) {
            size_t idx;
            if (random_pattern) {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                idx = (size_t)(rng % pages);
            } else {
                idx = next++;
                if (next == pages) {
                    next = 0;
                    stamp = (unsigned char)(stamp == 255 ? 1 : stamp + 1);
                }
            }
            mem[idx * PAGE + (idx % 64) * 8] = stamp;
            written++;
            actual++;
        }
        if (report_s > 0 && t - last_report >= (uint64_t)report_s * 1000000000ULL) {
            double secs = (double)(t - last_report) / 1e9;
            double mibps = (double)(actual - actual_at_report) * PAGE / 1048576.0 / secs;
            say("kvmorch-guest: t=%.0fs dirtied %.1f MiB/s\n", (double)(t - start) / 1e9, mibps);
            last_report = t;
            actual_at_report = actual;
        }
        struct timespec sl = {0, SLICE_NS};
        nanosleep(&sl, NULL);
    }
}
