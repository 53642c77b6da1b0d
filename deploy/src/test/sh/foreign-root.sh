#!/usr/bin/env bash
# A Debian bookworm root of a foreign architecture (arm64, armhf), run under qemu-user emulation, for
# installing the package the way a Raspberry Pi would. Used by ForeignArchInstallIT; needs root and the
# Debian packages debootstrap, qemu-user-static and binfmt-support (./test.sh installs them).
#
#   foreign-root.sh prepare ARCH    build the cached root of ARCH if it is not there yet
#   foreign-root.sh up ARCH DIR     mount a throw-away copy of the cached root of ARCH at DIR
#   foreign-root.sh down DIR        unmount it again (and everything mounted inside it)
#
# The base root (debootstrap minbase plus the package's dependencies) is built once per machine into
# $PLM_ROOT_CACHE (default /var/cache/plm-monitor-tests) and never written to afterwards: each run gets
# an overlay on top of it, so an installation test always starts from the same clean system.
set -euo pipefail

cache="${PLM_ROOT_CACHE:-/var/cache/plm-monitor-tests}"
suite=bookworm
# What the package depends on, resolved from the archive of that architecture.
include=openjdk-17-jre-headless,adduser

die() {
    echo "foreign-root.sh: $*" >&2
    exit 1
}

qemu_handler() {
    case "$1" in
        arm64) echo qemu-aarch64 ;;
        armhf) echo qemu-arm ;;
        *) die "unknown architecture '$1': expected arm64 or armhf" ;;
    esac
}

# The kernel runs foreign binaries through qemu only with binfmt_misc mounted and the handler enabled;
# a container or a machine without systemd may have neither.
enable_emulation() {
    local handler="$1"
    # Two roots may be prepared at once: one mounts and registers, the other waits.
    exec 9>"${TMPDIR:-/tmp}/plm-foreign-root.lock"
    flock 9
    if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
        mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc \
            || die "cannot mount binfmt_misc (the kernel lacks it, or this is an unprivileged container)"
    fi
    if [ ! -e "/proc/sys/fs/binfmt_misc/$handler" ]; then
        command -v update-binfmts >/dev/null || die "update-binfmts not found: apt-get install binfmt-support qemu-user-static"
        update-binfmts --enable "$handler" >/dev/null 2>&1 || true
    fi
    [ -e "/proc/sys/fs/binfmt_misc/$handler" ] || die "no binfmt handler $handler: apt-get install qemu-user-static"
    grep -q '^enabled' "/proc/sys/fs/binfmt_misc/$handler" || echo 1 > "/proc/sys/fs/binfmt_misc/$handler"
    # The F flag makes the kernel hold the emulator open, so it works inside a chroot that lacks it.
    grep -q '^flags:.*F' "/proc/sys/fs/binfmt_misc/$handler" \
        || die "binfmt handler $handler lacks the F flag: the emulator would not be found inside the root"
    exec 9>&-
}

build_base() {
    local arch="$1" base="$2"
    local stamp="$base/.plm-root-complete"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$suite $arch $include" ]; then
        return 0
    fi
    command -v debootstrap >/dev/null || die "debootstrap not found: apt-get install debootstrap"
    rm -rf "$base" "$base.tmp"
    mkdir -p "$(dirname "$base")"
    echo "foreign-root.sh: building the $suite $arch root in $base (a few minutes under emulation)" >&2
    # Two stages: the download and unpacking run natively, the configuration under qemu.
    debootstrap --foreign --arch="$arch" --variant=minbase --include="$include" "$suite" "$base.tmp" \
        >"$base.log" 2>&1 || die "debootstrap (first stage) of $arch failed; see $base.log"
    chroot "$base.tmp" /debootstrap/debootstrap --second-stage >>"$base.log" 2>&1 \
        || die "debootstrap (second stage, emulated) of $arch failed; see $base.log"
    echo "$suite $arch $include" > "$base.tmp/.plm-root-complete"
    mv "$base.tmp" "$base"
}

prepare() {
    local arch="$1"
    enable_emulation "$(qemu_handler "$arch")"
    build_base "$arch" "$cache/$suite-$arch"
}

up() {
    local arch="$1" dir="$2"
    local base="$cache/$suite-$arch"
    prepare "$arch"
    # Everything a run writes goes to a tmpfs. Besides being thrown away at the end, this sidesteps a
    # qemu-user limit: the kernel sees the emulator as a 64-bit process and hands it ext4's 64-bit
    # directory cookies, which a 32-bit (armhf) program's readdir cannot hold (EOVERFLOW, "Value too
    # large for defined data type"). On a Pi, a 32-bit process gets 32-bit cookies from the kernel.
    mkdir -p "$dir"
    mount -t tmpfs -o size=4g,mode=0755 tmpfs "$dir"
    mkdir -p "$dir/root" "$dir/upper" "$dir/work"
    if ! mount -t overlay overlay -o "lowerdir=$base,upperdir=$dir/upper,workdir=$dir/work" "$dir/root" 2>/dev/null; then
        # No overlayfs here: a plain copy does the same, only slower.
        cp -a "$base/." "$dir/root/"
    fi
    local r="$dir/root"
    mount -t proc proc "$r/proc"
    mount --bind /dev "$r/dev"
    mount --bind /dev/pts "$r/dev/pts"
    mount -t tmpfs tmpfs "$r/tmp"
    chmod 1777 "$r/tmp"
    # No init system in the root: keep package scripts from starting services.
    printf '#!/bin/sh\nexit 101\n' > "$r/usr/sbin/policy-rc.d"
    chmod +x "$r/usr/sbin/policy-rc.d"
}

down() {
    local dir="$1"
    local r="$dir/root"
    [ -d "$dir" ] || return 0
    # Innermost first; lazily if something still holds a mount, so that a failed test never wedges.
    local m
    for m in "$r/tmp" "$r/dev/pts" "$r/dev" "$r/proc" "$r" "$dir"; do
        if mountpoint -q "$m"; then
            umount "$m" 2>/dev/null || umount -l "$m"
        fi
    done
    rm -rf --one-file-system "$dir"
}

[ "$(id -u)" -eq 0 ] || die "needs root (chroot, mount)"
case "${1:-}" in
    prepare) [ $# -eq 2 ] || die "usage: foreign-root.sh prepare ARCH"; prepare "$2" ;;
    up) [ $# -eq 3 ] || die "usage: foreign-root.sh up ARCH DIR"; up "$2" "$3" ;;
    down) [ $# -eq 2 ] || die "usage: foreign-root.sh down DIR"; down "$2" ;;
    *) die "usage: foreign-root.sh prepare ARCH | up ARCH DIR | down DIR" ;;
esac
