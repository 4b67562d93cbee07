#!/usr/bin/env bash
# The Debian mirror this machine's apt uses, for the tools that fetch from Debian themselves
# (tools/sid.sh: debootstrap; tools/build_py313t.sh: a deb-src entry). The project names no mirror:
# it reads the machine's apt sources.
#
#   source tools/debian_mirror.sh && debian_mirror     prints the mirror's URL (no trailing slash)
#   bash tools/debian_mirror.sh                        the same, as a command
#
# $SPEC_DEBIAN_MIRROR, when set, is used as it is. Otherwise the entries of /etc/apt/sources.list
# and /etc/apt/sources.list.d/*.list (one-line form: `deb [options] URL suite component...`) and
# /etc/apt/sources.list.d/*.sources (deb822 stanzas: Types:, URIs:, Suites:, Components:,
# Enabled:) are read in apt's order; comments, files with other endings (disabled ones), stanzas
# with `Enabled: no` and entries that are not the Debian archive are passed over. The Debian archive
# is an entry with a main Debian suite (bookworm, trixie, sid, stable ...: not bookworm-security,
# not -updates), the main component, and either a URL path ending in /debian or the Debian archive
# keyring in Signed-By; the first entry with both wins over one with only one of them.
# $SPEC_APT_DIR (default /etc/apt) reads another folder's sources (the tests use it).

debian_mirror() {
    if [ -n "${SPEC_DEBIAN_MIRROR:-}" ]; then
        printf '%s\n' "${SPEC_DEBIAN_MIRROR%/}"
        return 0
    fi
    local dir=${SPEC_APT_DIR:-/etc/apt}
    local files=() f
    [ -f "$dir/sources.list" ] && files+=("$dir/sources.list")
    for f in "$dir"/sources.list.d/*.list "$dir"/sources.list.d/*.sources; do
        [ -f "$f" ] && files+=("$f")
    done
    local found=""
    if [ ${#files[@]} -gt 0 ]; then
        found=$(awk '
            BEGIN {
                split("buster bullseye bookworm trixie forky duke sid oldoldstable oldstable stable testing unstable", s, " ")
                for (i in s) suite_ok[s[i]] = 1
                best = 0
            }
            function consider(uris, suites, comps, signed,    u, n, i, ok, has_main, score, path) {
                ok = 0; has_main = 0
                n = split(suites, list, /[ \t]+/)
                for (i = 1; i <= n; i++) if (list[i] in suite_ok) ok = 1
                n = split(comps, list, /[ \t]+/)
                for (i = 1; i <= n; i++) if (list[i] == "main") has_main = 1
                if (!ok || !has_main) return
                n = split(uris, list, /[ \t]+/)
                for (i = 1; i <= n; i++) {
                    u = list[i]
                    if (u !~ /^(https?|ftp|file):\/\//) continue
                    sub(/\/+$/, "", u)
                    path = u; sub(/^[a-z]+:\/\/[^\/]*/, "", path)
                    score = (path ~ /\/debian$/) + (signed ~ /debian-archive-keyring/)
                    if (score > best) { best = score; chosen = u }
                }
            }
            function flush() {
                if (types ~ /(^|[ \t])deb(-src)?([ \t]|$)/ && tolower(enabled) !~ /^(no|false|0)$/)
                    consider(uris, suites, comps, signed)
                types = uris = suites = comps = signed = enabled = ""; field = ""
            }
            FNR == 1 { flush(); deb822 = (FILENAME ~ /\.sources$/) }
            deb822 {
                if ($0 ~ /^[ \t]*#/) next
                if ($0 ~ /^[ \t]*$/) { flush(); next }
                if ($0 ~ /^[ \t]/) {        # a continuation line belongs to the field before it
                    value = $0; sub(/^[ \t]+/, "", value)
                    if (field == "uris") uris = uris " " value
                    else if (field == "suites") suites = suites " " value
                    else if (field == "components") comps = comps " " value
                    next
                }
                key = tolower($0); sub(/:.*/, "", key)
                value = $0; sub(/^[^:]*:[ \t]*/, "", value); sub(/[ \t]+$/, "", value)
                field = key
                if (key == "types") types = value
                else if (key == "uris") uris = value
                else if (key == "suites") suites = value
                else if (key == "components") comps = value
                else if (key == "signed-by") signed = value
                else if (key == "enabled") enabled = value
                next
            }
            {
                line = $0
                sub(/#.*/, "", line)
                options = ""
                if (match(line, /\[[^]]*\]/)) { options = substr(line, RSTART, RLENGTH); line = substr(line, 1, RSTART - 1) " " substr(line, RSTART + RLENGTH) }
                n = split(line, w, /[ \t]+/)
                j = 0
                for (i = 1; i <= n; i++) if (w[i] != "") word[++j] = w[i]
                if (j < 4 || (word[1] != "deb" && word[1] != "deb-src")) next
                comps = ""
                for (i = 4; i <= j; i++) comps = comps " " word[i]
                consider(word[2], word[3], comps, options)
            }
            END { flush(); if (best > 0) print chosen }
        ' "${files[@]}")
    fi
    if [ -z "$found" ]; then
        echo "debian_mirror: no Debian archive entry in $dir/sources.list or $dir/sources.list.d/*.list, *.sources;" \
            "set SPEC_DEBIAN_MIRROR to the mirror's URL" >&2
        return 1
    fi
    printf '%s\n' "$found"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    debian_mirror
fi
