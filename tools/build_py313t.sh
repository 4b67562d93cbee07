#!/usr/bin/env bash
# Build the free-threaded CPython 3.13 (3.13t) that tox's py313t environments look for, from
# Debian trixie's source package, into /opt/py313t (or $SPEC_PY313T_PREFIX). About 5 minutes
# on 2 cores; does nothing if it is there already. Needs root (apt-get) on Debian. The deb-src
# entry it adds points at the Debian mirror this machine's apt uses (tools/debian_mirror.sh), or
# $SPEC_DEBIAN_MIRROR.
#
#   bash tools/build_py313t.sh && .venv/bin/python -m tox -e py313t,py313t-speed
set -euo pipefail
# shellcheck source=tools/debian_mirror.sh
source "$(dirname "$0")/debian_mirror.sh"
prefix=${SPEC_PY313T_PREFIX:-/opt/py313t}
if [ -x "$prefix/bin/python3.13t" ]; then
    echo "free-threaded 3.13 already at $prefix/bin/python3.13t"; exit 0
fi
src=/etc/apt/sources.list.d/spec-trixie-src.sources
if ! grep -rqs "trixie" /etc/apt/sources.list.d/*src* 2>/dev/null; then
    mirror=$(debian_mirror)
    printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
        "$mirror" > "$src"
fi
apt-get update -q >/dev/null
# the tools and headers the standard library's C modules need (ssl, ctypes, sqlite3, lzma ...)
apt-get install -y -q dpkg-dev build-essential pkg-config libssl-dev zlib1g-dev libbz2-dev libffi-dev \
    liblzma-dev libsqlite3-dev libreadline-dev libncurses-dev libgdbm-dev uuid-dev >/dev/null
work=$(mktemp -d /tmp/build-py313t.XXXXXX)
cd "$work"
apt-get source -q --download-only python3.13 >/dev/null
tar -xf python3.13_*.orig.tar.xz
cd Python-3.13.*
./configure -q --disable-gil --prefix="$prefix" >/dev/null
make -s -j"$(nproc)" >/dev/null 2>&1
make -s install >/dev/null 2>&1
"$prefix/bin/python3.13t" -c 'import sys, ssl, ctypes, sqlite3; assert not sys._is_gil_enabled(); print("built", sys.version)'
cd / && rm -rf "$work"
