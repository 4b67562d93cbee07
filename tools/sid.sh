#!/usr/bin/env bash
# Today's runtimes on Debian 12: CPython 3.14 and 3.15 and PyPy 3.11 come from Debian's unstable
# distribution ("sid") as binary packages, which need a newer glibc than Debian 12's. This script
# keeps a Debian sid root (a chroot) that has them, and runs the spec's tox environments inside it,
# with this checkout bind-mounted, so their claims reports land in this checkout's results/.
#
#   bash tools/sid.sh setup                  make the root (debootstrap, ~2 min) and install the runtimes
#   bash tools/sid.sh tox -e py314,py315,pypy311 [tox args]
#                                            run tox environments inside the root
#   bash tools/sid.sh run CMD ...            run any command inside the root, in the checkout
#   bash tools/sid.sh versions               the interpreters the root has
#
# On a machine that has python3.14, python3.15 and pypy3.11 on PATH, none of this is needed:
# `tox -e py314,py315,pypy311` finds them there. Needs root (debootstrap, mount, chroot).
# The root lives outside the checkout: $SPEC_SID_ROOT, default /opt/spec-sid. Its packages come
# from the Debian mirror this machine's apt uses (tools/debian_mirror.sh), or $SPEC_DEBIAN_MIRROR
# ($SPEC_SID_MIRROR, its older name, wins when set).
set -euo pipefail
cd "$(dirname "$0")/.."
CHECKOUT=$(pwd)
ROOT=${SPEC_SID_ROOT:-/opt/spec-sid}
# shellcheck source=tools/debian_mirror.sh
source tools/debian_mirror.sh
INSIDE=/spec   # where the checkout appears inside the root
PACKAGES="python3 python3-venv python3.14 python3.14-venv python3.14-dev python3.15 python3.15-venv python3.15-dev
 pypy3 pypy3-dev gcc g++ make pkg-config libffi-dev ca-certificates procps util-linux"

die() { echo "sid.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root (debootstrap, mount and chroot)"

mounted() { mountpoint -q "$ROOT$1"; }

mount_all() {
    # multiprocessing needs /proc, /dev/shm (POSIX semaphores) and /sys; tests need /dev/null ...
    mounted /proc || mount -t proc proc "$ROOT/proc"
    mounted /sys || mount -t sysfs sys "$ROOT/sys"
    mounted /dev || mount --rbind /dev "$ROOT/dev"
    mkdir -p "$ROOT$INSIDE"
    mounted "$INSIDE" || mount --bind "$CHECKOUT" "$ROOT$INSIDE"
    cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
}

# Several invocations may share the root at once (tox in one, a probe in another): each holds a
# shared lock while it runs, and only the last one out, which can take the lock exclusively,
# unmounts.
hold_root() {
    exec 9>"$ROOT/.spec-sid.lock"
    flock -s 9
    trap release_root EXIT
}

release_root() {
    if flock -x -n 9; then umount_all; fi
}

umount_all() {
    for m in "$INSIDE" /dev /sys /proc; do
        if mounted "$m"; then umount -R "$ROOT$m" 2>/dev/null || umount -lR "$ROOT$m" || true; fi
    done
}

inside() {
    # a clean environment: the host's PATH and Python variables mean nothing inside the root
    local bundle=/etc/ssl/certs/ca-certificates.crt
    # the spec's own settings (SPEC_*) and CI pass through, when set
    local passed=()
    while IFS= read -r name; do passed+=("$name=${!name}"); done < <(compgen -e | grep -E '^(SPEC_|CI$)' || true)
    chroot "$ROOT" /usr/bin/env -i HOME=/root PATH=/root/tools/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        LANG=C.UTF-8 SSL_CERT_FILE=$bundle PIP_CERT=$bundle REQUESTS_CA_BUNDLE=$bundle \
        PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_DEFAULT_TIMEOUT=180 "${passed[@]}" /bin/bash -c "cd $INSIDE && $*"
}

setup() {
    if [ ! -x "$ROOT/usr/bin/apt-get" ]; then
        command -v debootstrap >/dev/null || { apt-get update -q >/dev/null; apt-get install -y -q debootstrap >/dev/null; }
        local mirror
        mirror=${SPEC_SID_MIRROR:-$(debian_mirror)} || die "no Debian mirror to make the root from: set SPEC_DEBIAN_MIRROR"
        echo "sid.sh: making a Debian sid root in $ROOT from $mirror (debootstrap, about two minutes)"
        debootstrap --variant=minbase sid "$ROOT" "$mirror" >/dev/null
    fi
    hold_root
    mount_all
    # a mirror that serves a frozen copy of sid has an expired Release file: accept it
    echo 'Acquire::Check-Valid-Until "false";' > "$ROOT/etc/apt/apt.conf.d/99spec-valid-until"
    echo "sid.sh: installing CPython 3.14, 3.15 and PyPy 3.11 in $ROOT"
    inside "apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(echo $PACKAGES) >/dev/null"
    # certificate authorities this host adds (a proxy's, say) are trusted inside the root too
    if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
        mkdir -p "$ROOT/usr/local/share/ca-certificates"
        cp /usr/local/share/ca-certificates/*.crt "$ROOT/usr/local/share/ca-certificates/"
        inside "update-ca-certificates >/dev/null"
    fi
    # tox, in a venv of its own inside the root (sid's python3 is externally managed)
    inside "[ -x /root/tools/bin/tox ] || { python3 -m venv /root/tools && /root/tools/bin/pip install -q tox; }"
    versions
}

versions() {
    inside 'for p in python3 python3.14 python3.15 pypy3.11 pypy3; do command -v $p >/dev/null && printf "%-10s %s\n" $p "$($p -c "import sys, platform; print(platform.python_implementation(), platform.python_version())")"; done; true'
}

command=${1:-}
shift || true
case "$command" in
    setup) setup ;;
    tox|run|versions)
        [ -x "$ROOT/root/tools/bin/tox" ] || die "no sid root at $ROOT yet: run 'bash tools/sid.sh setup' first"
        hold_root
        mount_all
        case "$command" in
            # tox's own folder stays inside the root: the host's .tox holds Debian 12's envs
            tox) inside "tox --workdir /root/spec-tox $(printf '%q ' "$@")" ;;
            run) inside "$*" ;;
            versions) versions ;;
        esac ;;
    *) sed -n '2,16p' "$0"; exit 2 ;;
esac
