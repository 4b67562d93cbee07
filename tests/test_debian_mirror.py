"""tools/debian_mirror.sh finds the Debian mirror in a machine's apt sources (one-line and deb822 forms),
passing over comments, disabled files and entries, security, updates and third-party repositories, and
$SPEC_DEBIAN_MIRROR overrides it; the tools that fetch from Debian use it, and the project names no
mirror or registry host of its own. Hosts here end in .invalid, a name reserved never to resolve."""
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from claimspec import LONG

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tools" / "debian_mirror.sh"
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"

pytestmark = pytest.mark.skipif(not (shutil.which("bash") and shutil.which("awk")),
                                reason="needs bash and awk (Debian: apt-get install bash mawk)")


def mirror(apt_dir, env=None, sourced=False):
    """Run the script (or source it and call debian_mirror) against the sources in ``apt_dir``."""
    environment = {k: v for k, v in os.environ.items() if k not in ("SPEC_DEBIAN_MIRROR", "SPEC_SID_MIRROR")}
    environment.update(SPEC_APT_DIR=str(apt_dir), **(env or {}))
    command = ["bash", "-c", f'source "{SCRIPT}" && debian_mirror'] if sourced else ["bash", str(SCRIPT)]
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=LONG)


def write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_deb822_file_gives_the_main_suites_mirror_not_the_security_one_listed_first(tmp_path):
    """In a deb822 `.sources` file, the stanza of `bookworm` is chosen over a `bookworm-security` stanza before it"""
    # Red if the first URIs: line won (the security archive), or a comment line inside a stanza broke it.
    write(tmp_path, "sources.list.d/debian.sources", f"""\
# the security archive, first on purpose
Types: deb
URIs: http://security.invalid/debian-security
Suites: bookworm-security
Components: main
Signed-By: {KEYRING}

Types: deb
# http://frozen.invalid/archive/debian/20250520T000000Z
URIs: http://mirror.invalid/debian/
Suites: bookworm bookworm-updates
Components: main
Signed-By: {KEYRING}
""")
    for sourced in (False, True):
        ran = mirror(tmp_path, sourced=sourced)
        assert (ran.returncode, ran.stdout) == (0, "http://mirror.invalid/debian\n"), ran


def test_the_one_line_form_passes_over_comments_security_and_cdrom_entries(tmp_path):
    """In `sources.list`, commented-out lines, trailing comments, security, cdrom and non-main entries are passed over"""
    # Red if a commented-out line, a trailing comment's words, or the security line were taken, or
    # an entry with options in [...] misread.
    write(tmp_path, "sources.list", """\
# deb http://commented.invalid/debian bookworm main
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://security.invalid/debian-security bookworm-security main
deb cdrom:[Debian GNU/Linux 12]/ bookworm main
deb http://contrib-only.invalid/debian bookworm contrib # no main component here
deb [ arch=amd64 ] http://one-line.invalid/debian bookworm main contrib # the main archive
deb-src http://later.invalid/debian bookworm main
""")
    ran = mirror(tmp_path)
    assert (ran.returncode, ran.stdout) == (0, "http://one-line.invalid/debian\n"), ran


def test_disabled_files_disabled_stanzas_and_third_party_repositories_are_passed_over(tmp_path):
    """A `.disabled` file, an `Enabled: no` stanza and a vendor's repository are passed over for the Debian archive"""
    # Red if every file in sources.list.d were read, Enabled: no ignored, or any bookworm/main entry taken.
    write(tmp_path, "sources.list.d/00-vendor.list", "deb https://vendor.invalid/apt bookworm main\n")
    write(tmp_path, "sources.list.d/10-old.sources.disabled-by-someone",
          "Types: deb\nURIs: http://disabled.invalid/debian\nSuites: bookworm\nComponents: main\n")
    write(tmp_path, "sources.list.d/20-nodistro.sources",
          "Types: deb\nURIs: https://node.invalid/node_20.x\nSuites: nodistro\nComponents: main\n")
    write(tmp_path, "sources.list.d/30-debian.sources", f"""\
Types: deb
URIs: http://switched-off.invalid/debian
Suites: trixie
Components: main
Signed-By: {KEYRING}
Enabled: no

Types: deb deb-src
URIs: https://trixie.invalid/debian
Suites: trixie trixie-updates
Components: main non-free-firmware
Signed-By: {KEYRING}
""")
    ran = mirror(tmp_path)
    assert (ran.returncode, ran.stdout) == (0, "https://trixie.invalid/debian\n"), ran


def test_an_entry_signed_by_the_debian_keyring_at_a_debian_path_wins_over_a_weaker_one_before_it(tmp_path):
    """A sid entry at a /debian path and signed by the Debian keyring wins over an earlier one that has only the path"""
    # Red if the first acceptable entry always won, or the keyring counted for nothing.
    write(tmp_path, "sources.list", "deb http://path-only.invalid/debian sid main\n")
    write(tmp_path, "sources.list.d/debian.sources",
          f"Types: deb\nURIs: http://both.invalid/debian\nSuites: sid\nComponents: main\nSigned-By: {KEYRING}\n")
    ran = mirror(tmp_path)
    assert (ran.returncode, ran.stdout) == (0, "http://both.invalid/debian\n"), ran


def test_spec_debian_mirror_overrides_the_sources_and_no_entry_is_an_error_that_names_it(tmp_path):
    """`SPEC_DEBIAN_MIRROR` is used as it is; with no Debian entry and no override the script fails, naming the variable"""
    # Red if the override were ignored, or a machine without a Debian entry got an empty mirror and exit 0.
    write(tmp_path, "sources.list", "deb https://vendor.invalid/apt bookworm main\n")
    ran = mirror(tmp_path, env={"SPEC_DEBIAN_MIRROR": "http://override.invalid/debian/"})
    assert (ran.returncode, ran.stdout) == (0, "http://override.invalid/debian\n"), ran
    ran = mirror(tmp_path)
    assert ran.returncode == 1 and ran.stdout == "" and "SPEC_DEBIAN_MIRROR" in ran.stderr, ran
    ran = mirror(tmp_path / "no-such-folder")
    assert ran.returncode == 1 and "SPEC_DEBIAN_MIRROR" in ran.stderr, ran


def test_the_tools_that_fetch_from_debian_read_the_mirror_through_the_script():
    """tools/sid.sh and tools/build_py313t.sh source tools/debian_mirror.sh; sid.sh still honours `SPEC_SID_MIRROR`"""
    # Red if either tool went back to a mirror of its own.
    for tool in ("sid.sh", "build_py313t.sh"):
        text = (ROOT / "tools" / tool).read_text(encoding="utf-8")
        assert re.search(r"^source .*debian_mirror\.sh", text, re.MULTILINE), tool
        assert "$(debian_mirror)" in text, tool
    assert "${SPEC_SID_MIRROR:-$(debian_mirror)}" in (ROOT / "tools" / "sid.sh").read_text(encoding="utf-8")


SKIPPED_FOLDERS = {".git", ".venv", ".tox", "results", "__pycache__", ".pytest_cache", ".hypothesis", "node_modules"}
URL = re.compile(r"\b(?:https?|ftp)://([A-Za-z0-9.-]+)")
#: Links a reader follows to CPython's own word on a fact (a claim's `changed_in`), not hosts the
#: project fetches anything from: the docs, the PEPs, CPython's issues and pull requests.
REFERENCE = re.compile(r"https://(?:docs\.python\.org/|peps\.python\.org/pep-\d+|"
                       r"github\.com/python/cpython/(?:issues|pull)/\d+)")


def test_the_project_names_no_host_to_fetch_from():
    """No file of the project names a network host in a URL (mirrors, package indexes ...), apart from .invalid
    examples and links to CPython's documentation, PEPs and issues (what a claim's `changed_in` cites)"""
    # Red on a URL such as a hard-coded Debian mirror or package index in a tool, a doc or a test.
    found = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [d for d in subfolders if d not in SKIPPED_FOLDERS]
        for name in files:
            path = Path(folder) / name
            try:
                text = path.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue  # pictures and other binary files
            for number, line in enumerate(text.splitlines(), 1):
                for match in URL.finditer(line):
                    host = match.group(1)
                    if not host.endswith(".invalid") and not REFERENCE.match(line, match.start()):
                        found.append(f"{path.relative_to(ROOT)}:{number}: {host}")
    assert not found, "\n".join(found)
