#!/usr/bin/env bash
# lab.sh - a real multi-host libvirt/QEMU lab on one Linux machine, for kvmorch tests.
#
# Each "host" hostK is a private libvirtd running in its own network namespace and its own mount
# namespace (private /etc/libvirt, /run/libvirt, /var/lib/libvirt, /var/cache/libvirt,
# /var/log/libvirt), so several daemons coexist with each other and with a system libvirtd.
# Hosts are joined by veth pairs to a bridge that lives in a separate "switch" namespace; each
# host has 10.77.0.K. Migration data flows over that bridge (cut/throttle-able); clients and the
# peer-to-peer control connection use the daemons' unix sockets, reachable from every namespace.
#
# See deploy/lab/README.md. Run as root. Subcommands: install up status guest guest-xml cut heal
# throttle unthrottle reset smoke down test.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LAB_DIR="${LAB_DIR:-/var/tmp/kvmorch-lab}"
# Namespace names and the subnet are global (not per LAB_DIR): one lab per machine at a time.
LAB_NS_PREFIX="${LAB_NS_PREFIX:-kvmlab}"
LAB_SUBNET="${LAB_SUBNET:-10.77.0}"          # /24 that exists only inside our namespaces
SWITCH_NS="${LAB_NS_PREFIX}-sw"
BRIDGE=br0
EMULATOR="${LAB_EMULATOR:-/usr/bin/qemu-system-x86_64}"
IMAGES="$LAB_DIR/images"
PACKAGES=(qemu-system-x86 qemu-utils libvirt-daemon-system libvirt-clients libvirt0
          gcc libc6-dev iproute2 cpio gzip util-linux)

# ---------------------------------------------------------------------------------------------
# helpers

log() { printf 'lab: %s\n' "$*" >&2; }
die() { printf 'lab: ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
    cat >&2 <<EOF
usage: $(basename "$0") SUBCOMMAND [args]
  install                      apt-get install everything the lab needs (idempotent)
  up [N]                       start N libvirt hosts (default 2, N >= 2), build guest image
  status                       show hosts, URIs, IPs, links, domains; non-zero if a host is down
  guest NAME HOST [opts]       define + start a test guest on HOST (host1 or 1); prints NAME
  guest-xml NAME [opts]        print the guest's domain XML
      opts: --mem-mib 256 --wss-mib 64 --dirty-mibps 20 --pattern seq|random --report-s 5
  cut HOST | heal HOST         take HOST's link to the lab switch down / up
  reset HOST                   abort HOST's TCP connections (as a TCP timeout would)
  throttle HOST RATE_MBIT      limit HOST's link (both directions) with tc tbf
  unthrottle HOST              remove the limit
  smoke                        end-to-end check: pre-copy p2p migration host1->host2,
                               post-copy back, with timings (uses virsh only)
  down                         destroy guests, stop daemons, remove namespaces (idempotent)
  test                         install, up 2, smoke, Maven lab suite (-Plab), down (down always runs)
Environment: LAB_DIR (default /var/tmp/kvmorch-lab), LAB_KERNEL (guest kernel to use),
             LAB_MVN_ARGS (extra Maven arguments for 'test', e.g. -o).
EOF
}

need_root() {
    [ "$(id -u)" = 0 ] || die "must run as root (network/mount namespaces, libvirtd); try: sudo $0 $*"
}

need_cmd() {
    local c
    for c in "$@"; do
        command -v "$c" >/dev/null 2>&1 || die "'$c' not found; run: $0 install"
    done
}

host_ns()   { echo "${LAB_NS_PREFIX}-host$1"; }
host_dir()  { echo "$LAB_DIR/host$1"; }
host_ip()   { echo "$LAB_SUBNET.$1"; }
host_sock() { echo "$(host_dir "$1")/run/libvirt/libvirt-sock"; }
host_uri()  { echo "qemu+unix:///system?socket=$(host_sock "$1")"; }
host_pidfile() { echo "$(host_dir "$1")/libvirtd.pid"; }
# libvirt refuses to migrate to "the same host" by comparing host UUIDs (all our daemons share
# one machine and its SMBIOS UUID), so every daemon gets its own fixed, distinct host_uuid.
host_uuid() { printf '6b766d6f-7263-4c61-8200-%012x' "$1"; }

# "host2" / "2" -> 2
host_index() {
    local h="${1:-}"
    h="${h#host}"
    [[ "$h" =~ ^[0-9]+$ ]] && [ "$h" -ge 1 ] || die "bad host '${1:-}': expected hostK or K (K >= 1)"
    echo "$h"
}

host_count() {
    local n=0
    [ -f "$LAB_DIR/state" ] && n="$(sed -n 's/^LAB_HOST_COUNT=//p' "$LAB_DIR/state")"
    echo "${n:-0}"
}

# Hosts that exist in any form (state file, directories or namespaces), for cleanup.
known_hosts() {
    {
        local n k
        n="$(host_count)"
        for ((k = 1; k <= n; k++)); do echo "$k"; done
        if [ -d "$LAB_DIR" ]; then
            for d in "$LAB_DIR"/host*; do
                [ -d "$d" ] && basename "$d" | sed -n 's/^host\([0-9][0-9]*\)$/\1/p'
            done
        fi
        ip netns list 2>/dev/null | awk '{print $1}' | sed -n "s/^${LAB_NS_PREFIX}-host\([0-9][0-9]*\)$/\1/p"
    } | sort -n -u
}

virsh_h() { local k="$1"; shift; virsh -q -c "$(host_uri "$k")" "$@"; }

# running (not a zombie: PID 1 of a container may be slow to reap our orphans)
proc_alive() {
    local st
    st="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
    st="${st##*) }"
    [ "${st%% *}" != Z ]
}

daemon_pid() {
    local pf pid
    pf="$(host_pidfile "$1")"
    [ -f "$pf" ] || return 1
    pid="$(cat "$pf" 2>/dev/null)" || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = libvirtd ] && proc_alive "$pid" || return 1
    echo "$pid"
}

daemon_alive() {
    daemon_pid "$1" >/dev/null && timeout 10 virsh -q -c "$(host_uri "$1")" version >/dev/null 2>&1
}

netns_exists() { ip netns list 2>/dev/null | awk '{print $1}' | grep -qx "$1"; }

# ---------------------------------------------------------------------------------------------
# install

cmd_install() {
    need_root install
    command -v dpkg-query >/dev/null || die "install needs a Debian/Ubuntu system (apt/dpkg); install ${PACKAGES[*]} by hand"
    local missing=() p
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    log "installing: ${missing[*]}"
    # Keep package scripts from starting the system libvirtd/virtlogd (there may be no systemd
    # at all here, and we never want the system daemon: the lab runs its own). policy-rc.d is
    # honoured by invoke-rc.d and deb-systemd-invoke; we only add it if none is present.
    local guard=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        guard=1
    fi
    local rc=0
    {
        apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            -o Dpkg::Use-Pty=0 "${missing[@]}"
    } >"${TMPDIR:-/tmp}/kvmorch-lab-apt.log" 2>&1 || rc=$?
    [ -n "$guard" ] && rm -f /usr/sbin/policy-rc.d
    if [ "$rc" -ne 0 ]; then
        tail -n 30 "${TMPDIR:-/tmp}/kvmorch-lab-apt.log" >&2
        die "apt-get install failed (rc=$rc); full log: ${TMPDIR:-/tmp}/kvmorch-lab-apt.log"
    fi
    log "install done"
}

# ---------------------------------------------------------------------------------------------
# guest image: kernel + initramfs with our static /init

# The guest kernel: $LAB_KERNEL, else the newest /boot/vmlinuz-*, else the Debian
# linux-image-amd64 kernel fetched with apt-get download and unpacked into $LAB_DIR (we do not
# install a kernel package: that would rewrite the machine's boot configuration).
ensure_kernel() {
    local k="$IMAGES/vmlinuz"
    [ -s "$k" ] && return 0
    mkdir -p "$IMAGES"
    local src="${LAB_KERNEL:-}"
    if [ -z "$src" ]; then
        src="$(ls -1 /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1 || true)"
    fi
    if [ -n "$src" ]; then
        [ -r "$src" ] || die "guest kernel $src is not readable"
        cp "$src" "$k.tmp" && mv "$k.tmp" "$k"
        log "guest kernel: $src"
        return 0
    fi
    need_cmd apt-get apt-cache dpkg-deb
    local pkg tmp
    pkg="$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')"
    [ -n "$pkg" ] || { apt-get update -qq >/dev/null 2>&1 || true;
        pkg="$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')"; }
    [ -n "$pkg" ] || die "no guest kernel: /boot/vmlinuz-* is absent and apt knows no linux-image-amd64; set LAB_KERNEL=/path/to/bzImage"
    tmp="$(mktemp -d "$IMAGES/kernel.XXXXXX")"
    log "downloading guest kernel package $pkg"
    (cd "$tmp" && apt-get download -qq "$pkg" >/dev/null 2>&1) ||
        { rm -rf "$tmp"; die "apt-get download $pkg failed; set LAB_KERNEL=/path/to/bzImage"; }
    dpkg-deb --fsys-tarfile "$tmp"/*.deb | tar -x -C "$tmp" --wildcards './boot/vmlinuz-*'
    mv "$(ls -1 "$tmp"/boot/vmlinuz-* | head -n 1)" "$k"
    rm -rf "$tmp"
    log "guest kernel: $pkg"
}

ensure_initramfs() {
    local init="$IMAGES/init" rd="$IMAGES/initramfs.cpio.gz" src="$SCRIPT_DIR/guest-init.c"
    [ -f "$src" ] || die "missing $src"
    mkdir -p "$IMAGES"
    if [ ! -x "$init" ] || [ "$src" -nt "$init" ]; then
        need_cmd gcc
        gcc -static -O2 -Wall -o "$init.tmp" "$src" ||
            die "cannot build the guest /init; needs gcc and libc6-dev (static libc): run $0 install"
        mv "$init.tmp" "$init"
        rm -f "$rd"
    fi
    if [ ! -s "$rd" ]; then
        need_cmd cpio gzip
        local st
        st="$(mktemp -d "$IMAGES/rootfs.XXXXXX")"
        mkdir -p "$st/dev" "$st/proc"
        cp "$init" "$st/init"
        # /dev/console lets the kernel give /init a console before anything is mounted
        # (guest-init.c falls back to devtmpfs if this node is missing).
        mknod -m 600 "$st/dev/console" c 5 1 2>/dev/null || true
        (cd "$st" && find . | cpio -o -H newc -R 0:0 --quiet) | gzip -9 >"$rd.tmp"
        mv "$rd.tmp" "$rd"
        rm -rf "$st"
        log "guest initramfs: $rd"
    fi
}

ensure_images() { ensure_kernel; ensure_initramfs; }

# ---------------------------------------------------------------------------------------------
# network: switch namespace with a bridge, one veth per host

ensure_switch() {
    netns_exists "$SWITCH_NS" || ip netns add "$SWITCH_NS"
    ip -n "$SWITCH_NS" link show "$BRIDGE" >/dev/null 2>&1 ||
        ip -n "$SWITCH_NS" link add "$BRIDGE" type bridge
    ip -n "$SWITCH_NS" link set lo up
    ip -n "$SWITCH_NS" link set "$BRIDGE" up
}

ensure_host_net() {
    local k="$1" ns
    ns="$(host_ns "$k")"
    netns_exists "$ns" || ip netns add "$ns"
    ip -n "$ns" link set lo up
    if ! ip -n "$ns" link show eth0 >/dev/null 2>&1; then
        ip -n "$SWITCH_NS" link del "vh$k" >/dev/null 2>&1 || true
        ip -n "$SWITCH_NS" link add "vh$k" type veth peer name eth0 netns "$ns"
    fi
    ip -n "$SWITCH_NS" link set "vh$k" master "$BRIDGE"
    ip -n "$SWITCH_NS" link set "vh$k" up
    ip -n "$ns" addr replace "$(host_ip "$k")/24" dev eth0
    ip -n "$ns" link set eth0 up
}

# ---------------------------------------------------------------------------------------------
# daemons

write_host_config() {
    local k="$1" d
    d="$(host_dir "$k")"
    mkdir -p "$d"/etc/libvirt "$d"/run/libvirt "$d"/lib/libvirt "$d"/cache/libvirt "$d"/log/libvirt/qemu
    cat >"$d/etc/libvirt/libvirtd.conf" <<EOF
# generated by deploy/lab/lab.sh for lab host$k
host_uuid = "$(host_uuid "$k")"
listen_tls = 0
listen_tcp = 0
unix_sock_group = "root"
unix_sock_ro_perms = "0777"
unix_sock_rw_perms = "0770"
auth_unix_ro = "none"
auth_unix_rw = "none"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
EOF
    # root QEMU without SELinux/AppArmor labels, cgroups, per-domain /dev namespaces or virtlogd:
    # none of those work (or are wanted) for several private daemons in namespaces.
    cat >"$d/etc/libvirt/qemu.conf" <<EOF
# generated by deploy/lab/lab.sh for lab host$k
user = "root"
group = "root"
dynamic_ownership = 0
remember_owner = 0
security_driver = "none"
cgroup_controllers = [ ]
namespaces = [ ]
stdio_handler = "file"
EOF
}

# Starts host K's daemon in the background; returns 1 if it was already running.
start_host() {
    local k="$1" d ns pf sock
    d="$(host_dir "$k")"; ns="$(host_ns "$k")"; pf="$(host_pidfile "$k")"; sock="$(host_sock "$k")"
    if daemon_alive "$k"; then
        log "host$k: libvirtd already running (pid $(daemon_pid "$k"))"
        return 1
    fi
    local old
    if old="$(daemon_pid "$k")"; then
        log "host$k: libvirtd pid $old does not answer; restarting it"
        kill -9 "$old" 2>/dev/null || true
    fi
    write_host_config "$k"
    rm -f "$pf" "$sock" "$d/run/libvirt/libvirt-sock-ro" "$d/run/libvirt/libvirt-admin-sock"
    mkdir -p /etc/libvirt /run/libvirt /var/lib/libvirt /var/cache/libvirt /var/log/libvirt
    # ip netns exec: network namespace; unshare -m: our own mount namespace where the private
    # directories are bind-mounted over the standard libvirt paths (nothing leaks to the host).
    setsid ip netns exec "$ns" unshare --mount --propagation private /bin/sh -c '
        set -e
        d="$1"; pf="$2"
        mount --bind "$d/etc/libvirt"   /etc/libvirt
        mount --bind "$d/run/libvirt"   /run/libvirt
        mount --bind "$d/lib/libvirt"   /var/lib/libvirt
        mount --bind "$d/cache/libvirt" /var/cache/libvirt
        mount --bind "$d/log/libvirt"   /var/log/libvirt
        exec taskset -c 0 libvirtd --config /etc/libvirt/libvirtd.conf --pid-file "$pf"
    ' lab-libvirtd "$d" "$pf" </dev/null >>"$d/libvirtd.out" 2>&1 9>&- &
}

# The first start of a daemon probes QEMU's capabilities (a few seconds under TCG), so all
# daemons are started first and waited for afterwards.
wait_host() {
    local k="$1" d sock i
    d="$(host_dir "$k")"; sock="$(host_sock "$k")"
    for ((i = 0; i < 300; i++)); do
        if [ -S "$sock" ] && daemon_alive "$k"; then
            log "host$k: libvirtd up (pid $(daemon_pid "$k")) ns=$(host_ns "$k") ip=$(host_ip "$k")"
            return 0
        fi
        sleep 0.2
    done
    tail -n 20 "$d/libvirtd.out" "$d/log/libvirt/libvirtd.log" >&2 2>/dev/null || true
    die "host$k: libvirtd did not come up within 60 s (logs: $d/libvirtd.out, $d/log/libvirt/libvirtd.log)"
}

write_hosts_env() {
    local n="$1" k f="$LAB_DIR/hosts.env" j="$LAB_DIR/hosts.json" names=()
    for ((k = 1; k <= n; k++)); do names+=("host$k"); done
    {
        echo "# kvmorch libvirt lab, written by deploy/lab/lab.sh up; shell-sourceable and"
        echo "# java.util.Properties-readable (no quoting, no spaces in values)"
        echo "LAB_DIR=$LAB_DIR"
        echo "LAB_HOST_COUNT=$n"
        echo "LAB_HOSTS=$(IFS=,; echo "${names[*]}")"
        echo "LAB_SWITCH_NETNS=$SWITCH_NS"
        echo "LAB_KERNEL=$IMAGES/vmlinuz"
        echo "LAB_INITRD=$IMAGES/initramfs.cpio.gz"
        echo "LAB_EMULATOR=$EMULATOR"
        echo "LAB_GUEST_TEMPLATE=$SCRIPT_DIR/guest.xml.template"
        for ((k = 1; k <= n; k++)); do
            echo "HOST${k}_NAME=host$k"
            echo "HOST${k}_URI=$(host_uri "$k")"
            echo "HOST${k}_IP=$(host_ip "$k")"
            echo "HOST${k}_MIGRATE_URI=tcp://$(host_ip "$k")"
            echo "HOST${k}_NETNS=$(host_ns "$k")"
            echo "HOST${k}_SWITCH_PORT=vh$k"
            echo "HOST${k}_HOST_UUID=$(host_uuid "$k")"
            echo "HOST${k}_DIR=$(host_dir "$k")"
            echo "HOST${k}_SERIAL_LOG_DIR=$(host_dir "$k")/log/libvirt/qemu"
        done
    } >"$f.tmp"
    mv "$f.tmp" "$f"
    {
        printf '{\n  "labDir": "%s",\n  "kernel": "%s",\n  "initrd": "%s",\n  "emulator": "%s",\n' \
            "$LAB_DIR" "$IMAGES/vmlinuz" "$IMAGES/initramfs.cpio.gz" "$EMULATOR"
        printf '  "guestTemplate": "%s",\n  "switchNetns": "%s",\n  "hosts": [\n' \
            "$SCRIPT_DIR/guest.xml.template" "$SWITCH_NS"
        for ((k = 1; k <= n; k++)); do
            printf '    {"name": "host%s", "uri": "%s", "ip": "%s", "migrateUri": "tcp://%s", "netns": "%s", "switchPort": "vh%s", "hostUuid": "%s", "serialLogDir": "%s"}%s\n' \
                "$k" "$(host_uri "$k")" "$(host_ip "$k")" "$(host_ip "$k")" "$(host_ns "$k")" "$k" \
                "$(host_uuid "$k")" "$(host_dir "$k")/log/libvirt/qemu" "$([ "$k" -lt "$n" ] && echo ,)"
        done
        printf '  ]\n}\n'
    } >"$j.tmp"
    mv "$j.tmp" "$j"
}

lock_lab() {
    mkdir -p "$LAB_DIR"
    exec 9>"$LAB_DIR/.lock"
    flock -w 300 9 || die "another lab.sh up/down holds $LAB_DIR/.lock"
}

unlock_lab() { exec 9>&-; }

cmd_up() {
    local n="${1:-2}"
    [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 2 ] && [ "$n" -le 200 ] || die "up: N must be a number >= 2 (got '$n')"
    need_root up
    need_cmd ip tc virsh libvirtd unshare setsid flock "$EMULATOR"
    case "$LAB_DIR" in /etc/libvirt*|/run/libvirt*|/var/lib/libvirt*|/var/cache/libvirt*|/var/log/libvirt*)
        die "LAB_DIR must not lie under a libvirt directory (it is bind-mounted over those)";; esac
    lock_lab
    local have
    have="$(host_count)"
    if [ "$have" -eq 0 ]; then
        # Namespace names are per machine, not per LAB_DIR: refuse to adopt another lab's hosts.
        local ns
        for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^${LAB_NS_PREFIX}-host" || true); do
            [ -z "$(ip netns pids "$ns" 2>/dev/null)" ] ||
                die "namespace $ns is in use by another lab (other LAB_DIR?); stop it with 'LAB_DIR=... $0 down' or set LAB_NS_PREFIX"
        done
    fi
    [ "$have" -gt "$n" ] && n="$have"   # never shrink a running lab
    ensure_images
    ensure_switch
    local k
    local started=()
    for ((k = 1; k <= n; k++)); do
        ensure_host_net "$k"
        if start_host "$k"; then started+=("$k"); fi
    done
    for k in "${started[@]}"; do wait_host "$k"; done
    echo "LAB_HOST_COUNT=$n" >"$LAB_DIR/state"
    write_hosts_env "$n"
    unlock_lab
    log "lab up: $n hosts; see $LAB_DIR/hosts.env"
}

stop_host() {
    local k="$1" ns pid d i dom
    ns="$(host_ns "$k")"; d="$(host_dir "$k")"
    if daemon_alive "$k"; then
        for dom in $(virsh_h "$k" list --all --name 2>/dev/null); do
            virsh_h "$k" destroy "$dom" >/dev/null 2>&1 || true
            virsh_h "$k" undefine "$dom" >/dev/null 2>&1 || true
        done
    fi
    if pid="$(daemon_pid "$k")"; then
        kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < 50; i++)); do proc_alive "$pid" || break; sleep 0.2; done
        proc_alive "$pid" && kill -9 "$pid" 2>/dev/null || true
    fi
    # Whatever still runs in the host's namespace (QEMU processes) is ours: kill it.
    if netns_exists "$ns"; then
        local pids
        for ((i = 0; i < 50; i++)); do
            pids="$(ip netns pids "$ns" 2>/dev/null || true)"
            [ -z "$pids" ] && break
            # shellcheck disable=SC2086
            kill -9 $pids 2>/dev/null || true
            sleep 0.1
        done
        ip netns del "$ns" 2>/dev/null || true   # also removes the veth pair
    fi
    # The bind mounts lived only in the daemon's mount namespace, which died with it. Keep the
    # QEMU capability cache (faster next start) and logs; drop configs, domains and sockets.
    rm -rf "$d/etc" "$d/run" "$d/lib" "$d/libvirtd.pid"
}

cmd_down() {
    need_root down
    [ -d "$LAB_DIR" ] && lock_lab
    local k
    for k in $(known_hosts); do stop_host "$k"; done
    if netns_exists "$SWITCH_NS"; then
        local pids
        pids="$(ip netns pids "$SWITCH_NS" 2>/dev/null || true)"
        # shellcheck disable=SC2086
        [ -n "$pids" ] && kill -9 $pids 2>/dev/null || true
        ip netns del "$SWITCH_NS" 2>/dev/null || true
    fi
    rm -f "$LAB_DIR/state" "$LAB_DIR/hosts.env" "$LAB_DIR/hosts.json"
    unlock_lab
    log "lab down"
}

cmd_status() {
    local n k bad=0 dom
    n="$(host_count)"
    if [ "$n" -eq 0 ]; then
        echo "lab is down (no $LAB_DIR/state); start it with: $0 up"
        return 1
    fi
    echo "lab dir: $LAB_DIR  hosts: $n  switch netns: $SWITCH_NS"
    for ((k = 1; k <= n; k++)); do
        local state="DOWN" link qd
        daemon_alive "$k" && state="up (pid $(daemon_pid "$k"))"
        link="$(ip -n "$SWITCH_NS" -o link show "vh$k" 2>/dev/null || true)"
        case "$link" in *"state UP"*) link=up;; "") link=missing;; *) link=CUT;; esac
        qd="$(tc -n "$SWITCH_NS" qdisc show dev "vh$k" root 2>/dev/null || true)"
        qd="$(printf '%s' "$qd" | sed -n 's/.* rate \([^ ]*\).*/throttled \1/p')"
        echo "host$k: libvirtd $state"
        echo "  uri:   $(host_uri "$k")"
        echo "  ip:    $(host_ip "$k") (netns $(host_ns "$k"), link $link${qd:+, $qd})"
        if [ "$state" = DOWN ]; then
            bad=1
        else
            echo "  domains:"
            virsh_h "$k" list --all | sed 's/^/   /' || true
        fi
    done
    return "$bad"
}

# ---------------------------------------------------------------------------------------------
# guests

GUEST_MEM=256 GUEST_WSS=64 GUEST_RATE=20 GUEST_PATTERN=seq GUEST_REPORT=5

parse_guest_opts() {
    while [ $# -gt 0 ]; do
        case "$1" in
            --mem-mib) GUEST_MEM="${2:?--mem-mib needs a value}"; shift 2;;
            --wss-mib) GUEST_WSS="${2:?--wss-mib needs a value}"; shift 2;;
            --dirty-mibps) GUEST_RATE="${2:?--dirty-mibps needs a value}"; shift 2;;
            --pattern) GUEST_PATTERN="${2:?--pattern needs a value}"; shift 2;;
            --report-s) GUEST_REPORT="${2:?--report-s needs a value}"; shift 2;;
            *) usage; die "unknown guest option '$1'";;
        esac
    done
    [[ "$GUEST_MEM" =~ ^[0-9]+$ ]] && [ "$GUEST_MEM" -ge 64 ] || die "--mem-mib must be an integer >= 64"
    [[ "$GUEST_WSS" =~ ^[0-9]+$ ]] && [ "$GUEST_WSS" -ge 1 ] || die "--wss-mib must be an integer >= 1"
    [[ "$GUEST_RATE" =~ ^[0-9]+([.][0-9]+)?$ ]] || die "--dirty-mibps must be a number >= 0"
    [[ "$GUEST_PATTERN" =~ ^(seq|random)$ ]] || die "--pattern must be seq or random"
    [[ "$GUEST_REPORT" =~ ^[0-9]+$ ]] || die "--report-s must be an integer >= 0"
    # the kernel and page tables need ~50 MiB of the guest's RAM
    [ $((GUEST_WSS + 56)) -le "$GUEST_MEM" ] || die "--wss-mib $GUEST_WSS does not fit in --mem-mib $GUEST_MEM (leave 56 MiB)"
}

render_guest_xml() {
    local name="$1"
    [[ "$name" =~ ^[A-Za-z0-9][A-Za-z0-9_.-]*$ ]] || die "bad guest name '$name' (letters, digits, _ . -)"
    sed -e "s|@NAME@|$name|g" -e "s|@MEM_MIB@|$GUEST_MEM|g" -e "s|@EMULATOR@|$EMULATOR|g" \
        -e "s|@KERNEL@|$IMAGES/vmlinuz|g" -e "s|@INITRD@|$IMAGES/initramfs.cpio.gz|g" \
        -e "s|@WSS_MIB@|$GUEST_WSS|g" -e "s|@DIRTY_MIBPS@|$GUEST_RATE|g" \
        -e "s|@PATTERN@|$GUEST_PATTERN|g" -e "s|@REPORT_S@|$GUEST_REPORT|g" \
        "$SCRIPT_DIR/guest.xml.template"
}

cmd_guest_xml() {
    [ $# -ge 1 ] || { usage; exit 2; }
    local name="$1"; shift
    parse_guest_opts "$@"
    render_guest_xml "$name"
}

cmd_guest() {
    [ $# -ge 2 ] || { usage; exit 2; }
    local name="$1" k
    k="$(host_index "$2")"; shift 2
    parse_guest_opts "$@"
    need_root guest
    daemon_alive "$k" || die "host$k is not running; start the lab with: $0 up"
    ensure_images
    if virsh_h "$k" dominfo "$name" >/dev/null 2>&1; then
        die "domain '$name' already exists on host$k; remove it: virsh -c '$(host_uri "$k")' destroy $name; ... undefine $name"
    fi
    local xml
    xml="$(mktemp "${TMPDIR:-/tmp}/kvmorch-guest.XXXXXX.xml")"
    render_guest_xml "$name" >"$xml"
    : >"$(host_dir "$k")/log/libvirt/qemu/$name.serial.log"
    if ! virsh_h "$k" define "$xml" >/dev/null || ! virsh_h "$k" start "$name" >/dev/null; then
        rm -f "$xml"
        die "could not define/start '$name' on host$k (see $(host_dir "$k")/log/libvirt/qemu/$name.log)"
    fi
    rm -f "$xml"
    log "guest $name running on host$k (${GUEST_MEM} MiB, wss ${GUEST_WSS} MiB, dirty ${GUEST_RATE} MiB/s); console: $(host_dir "$k")/log/libvirt/qemu/$name.serial.log"
    echo "$name"
}

# ---------------------------------------------------------------------------------------------
# link faults

cmd_cut() {
    local k; k="$(host_index "${1:-}")"; need_root cut
    ip -n "$SWITCH_NS" link set "vh$k" down || die "cannot cut host$k: is the lab up?"
    log "host$k link cut (switch port vh$k down)"
}

cmd_heal() {
    local k; k="$(host_index "${1:-}")"; need_root heal
    ip -n "$SWITCH_NS" link set "vh$k" up || die "cannot heal host$k: is the lab up?"
    log "host$k link healed"
}

# A cut link leaves idle TCP connections ESTABLISHED forever (no keepalive on migration sockets):
# e.g. a post-copy destination waiting for pages never notices. This aborts every TCP connection
# of HOST (ss -K), i.e. what a TCP timeout would eventually do.
cmd_reset() {
    local k; k="$(host_index "${1:-}")"; need_root reset
    netns_exists "$(host_ns "$k")" || die "cannot reset host$k: is the lab up?"
    ip netns exec "$(host_ns "$k")" ss -K -tn state established >/dev/null ||
        die "ss -K failed (kernel without CONFIG_INET_DIAG_DESTROY?)"
    log "host$k TCP connections reset"
}

cmd_throttle() {
    local k rate burst; k="$(host_index "${1:-}")"; rate="${2:-}"; need_root throttle
    [[ "$rate" =~ ^[0-9]+$ ]] && [ "$rate" -ge 1 ] || die "throttle: RATE_MBIT must be an integer >= 1"
    # tbf needs a bucket of at least rate/HZ; use 10 ms worth, at least 64 KiB
    burst=$((rate * 1000000 / 8 / 100)); [ "$burst" -lt 65536 ] && burst=65536
    # both directions: host egress on its eth0, host ingress on the switch port
    tc -n "$(host_ns "$k")" qdisc replace dev eth0 root tbf rate "${rate}mbit" burst "$burst" latency 50ms ||
        die "cannot throttle host$k: is the lab up?"
    tc -n "$SWITCH_NS" qdisc replace dev "vh$k" root tbf rate "${rate}mbit" burst "$burst" latency 50ms
    log "host$k link throttled to ${rate} Mbit/s each way"
}

cmd_unthrottle() {
    local k; k="$(host_index "${1:-}")"; need_root unthrottle
    tc -n "$(host_ns "$k")" qdisc del dev eth0 root 2>/dev/null || true
    tc -n "$SWITCH_NS" qdisc del dev "vh$k" root 2>/dev/null || true
    log "host$k link unthrottled"
}

# ---------------------------------------------------------------------------------------------
# smoke test (virsh only)

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

wait_for_serial() { # host name pattern timeout_s
    local f i
    f="$(host_dir "$1")/log/libvirt/qemu/$2.serial.log"
    for ((i = 0; i < $4 * 5; i++)); do
        grep -q "$3" "$f" 2>/dev/null && return 0
        sleep 0.2
    done
    tail -n 20 "$f" >&2 2>/dev/null || true
    die "guest $2 on host$1: '$3' did not appear in $f within $4 s"
}

dom_state() { virsh_h "$1" domstate "$2" 2>/dev/null | head -n 1 || true; }

check_moved() { # dom from to
    local s
    s="$(dom_state "$3" "$1")"
    [ "$s" = running ] || die "after migration '$1' is '$s' on host$3 (expected running)"
    virsh_h "$2" dominfo "$1" >/dev/null 2>&1 && die "after migration '$1' still exists on host$2"
    return 0
}

# guest alive on the destination: its console keeps printing progress lines there
check_guest_progress() { # host dom
    local f before i
    f="$(host_dir "$1")/log/libvirt/qemu/$2.serial.log"
    before="$(grep -c 'dirtied' "$f" 2>/dev/null || true)"
    for ((i = 0; i < 50; i++)); do
        [ "$(grep -c 'dirtied' "$f" 2>/dev/null || true)" -gt "${before:-0}" ] && {
            log "guest $2 runs on host$1: $(grep 'dirtied' "$f" | tail -n 1)"; return 0; }
        sleep 0.2
    done
    die "guest $2 prints no progress on host$1 after migration ($f)"
}

# The source's JOB_COMPLETED event carries the final statistics of a migration (the source
# domain is gone afterwards, and after post-copy the destination keeps no completed job info).
watch_job_completed() { # host dom outfile
    virsh -c "$(host_uri "$1")" event --domain "$2" --event job-completed --timeout 300 >"$3" 2>&1 &
    EVENT_PID=$!
    sleep 0.5   # let virsh register the callback before the migration starts
}

report_job_completed() { # label outfile
    local i
    for ((i = 0; i < 100; i++)); do kill -0 "$EVENT_PID" 2>/dev/null || break; sleep 0.1; done
    kill "$EVENT_PID" 2>/dev/null || true
    wait "$EVENT_PID" 2>/dev/null || true
    grep -q "event 'job-completed'" "$2" || { cat "$2" >&2; die "$1: no job-completed event from the source"; }
    sed -n 's/^[[:space:]]*\([a-z_]*\): \(.*\)$/\1=\2/p' "$2" >"$2.kv"
    awk -F= -v label="$1" '{ v[$1] = $2 } END {
        printf "%s: time %d ms, downtime %d ms, data %.1f MiB of %.1f MiB RAM, %d syncs, %.1f MiB/s, postcopy requests %d\n",
            label, v["time_elapsed"], v["downtime"], v["data_processed"] / 1048576, v["memory_total"] / 1048576,
            v["memory_iteration"], v["memory_bps"] / 1048576, v["memory_postcopy_requests"] }' "$2.kv"
}

cmd_smoke() {
    need_root smoke
    cmd_up 2
    local dom="smoke-$$" u1 u2 t0 t1 pid rc ev="$LAB_DIR/smoke-events" summary=()
    u1="$(host_uri 1)"; u2="$(host_uri 2)"
    SMOKE_DOM="$dom"
    trap 'for k in 1 2; do virsh_h $k destroy "$SMOKE_DOM" >/dev/null 2>&1 || true; virsh_h $k undefine "$SMOKE_DOM" >/dev/null 2>&1 || true; done' EXIT
    t0="$(now)"
    cmd_guest "$dom" host1 --mem-mib 256 --wss-mib 64 --dirty-mibps 20 --report-s 1 >/dev/null
    wait_for_serial 1 "$dom" 'dirtied' 90
    log "guest booted and dirtying after $(elapsed "$t0" "$(now)") s"

    echo "== pre-copy: host1 -> host2 (live, peer-to-peer, tcp://$(host_ip 2))"
    watch_job_completed 1 "$dom" "$ev.1"
    t0="$(now)"
    virsh -c "$u1" migrate --live --p2p --persistent --undefinesource "$dom" "$u2" "tcp://$(host_ip 2)" ||
        die "pre-copy migration host1 -> host2 failed (logs: $(host_dir 1)/log/libvirt/)"
    t1="$(now)"
    check_moved "$dom" 1 2
    echo "pre-copy wall time: $(elapsed "$t0" "$t1") s; destination's completed job info:"
    virsh -c "$u2" domjobinfo "$dom" --completed
    summary+=("$(report_job_completed pre-copy "$ev.1")")
    check_guest_progress 2 "$dom"

    echo "== post-copy: host2 -> host1 (live, peer-to-peer, --postcopy, bandwidth 32 MiB/s before the switch)"
    watch_job_completed 2 "$dom" "$ev.2"
    t0="$(now)"
    virsh -c "$u2" migrate --live --p2p --persistent --undefinesource --postcopy --bandwidth 32 \
        "$dom" "$u1" "tcp://$(host_ip 1)" &
    pid=$!
    local i switched=""
    for ((i = 0; i < 100; i++)); do
        if virsh -c "$u2" domjobinfo "$dom" 2>/dev/null | grep -q '^Job type: *Unbounded' &&
           virsh -c "$u2" domjobinfo "$dom" 2>/dev/null | grep -Eq '^Memory processed: *[1-9]'; then
            sleep 0.5
            local ts; ts="$(now)"
            virsh -c "$u2" migrate-postcopy "$dom" && switched="$(elapsed "$t0" "$ts")"
            break
        fi
        sleep 0.1
    done
    rc=0; wait "$pid" || rc=$?
    t1="$(now)"
    [ "$rc" -eq 0 ] || die "post-copy migration host2 -> host1 failed (rc=$rc; logs: $(host_dir 2)/log/libvirt/)"
    [ -n "$switched" ] || die "could not switch to post-copy (migration job never seen running on host2)"
    check_moved "$dom" 2 1
    echo "post-copy wall time: $(elapsed "$t0" "$t1") s (switch requested at $switched s); source's job-completed event:"
    sed -n '2,/^events received/p' "$ev.2" | grep -v '^events received'
    summary+=("$(report_job_completed post-copy "$ev.2")")
    grep -Eq '^memory_postcopy_requests=[1-9]' "$ev.2.kv" ||
        log "note: no post-copy page requests (the guest touched no missing page before the background push finished)"
    check_guest_progress 1 "$dom"
    rm -f "$ev".*
    printf '%s\n' "${summary[@]}"
    echo "smoke OK"
}

# CI entry point: packages, a fresh 2-host lab, the virsh smoke test, then the Maven lab suite
# (JUnit tests tagged "lab": libvirt adapter scenarios, the port contract on libvirt, the policies
# through the control loop). The lab always goes down afterwards; any failure fails the script.
cmd_test() {
    need_root test
    cmd_install
    trap 'rc=$?; trap - EXIT; "$0" down || true; exit $rc' EXIT
    cmd_up 2
    "$0" smoke
    local repo t0
    repo="$(cd "$SCRIPT_DIR/../.." && pwd)"
    [ -x "$repo/mvnw" ] || die "no ./mvnw in $repo"
    t0="$(now)"
    log "Maven lab suite: ./mvnw -B -ntp -Plab ${LAB_MVN_ARGS:+$LAB_MVN_ARGS }verify (in $repo)"
    # shellcheck disable=SC2086
    (cd "$repo" && LAB_DIR="$LAB_DIR" ./mvnw -B -ntp -Plab ${LAB_MVN_ARGS:-} verify)
    log "Maven lab suite passed in $(elapsed "$t0" "$(now)") s"
    grep -h '^LAB-RESULT' "$repo"/*/target/surefire-reports/*-output.txt 2>/dev/null || true
}

# ---------------------------------------------------------------------------------------------

main() {
    local cmd="${1:-}"
    [ $# -gt 0 ] && shift
    case "$cmd" in
        install) cmd_install "$@";;
        up) cmd_up "$@";;
        down) cmd_down "$@";;
        status) cmd_status "$@";;
        guest) cmd_guest "$@";;
        guest-xml) cmd_guest_xml "$@";;
        cut) cmd_cut "$@";;
        heal) cmd_heal "$@";;
        reset) cmd_reset "$@";;
        throttle) cmd_throttle "$@";;
        unthrottle) cmd_unthrottle "$@";;
        smoke) cmd_smoke "$@";;
        test) cmd_test "$@";;
        -h|--help|help) usage;;
        *) usage; exit 2;;
    esac
}

main "$@"
