"""The engine canary: ProperDocs, the maintained fork of MkDocs 1.x, builds
the same site.

ProperDocs 1.6.7 lives in its own environment, .venv-properdocs, installed
from requirements-properdocs.lock (`make properdocs`; `make test` does it
first), which holds the same versions of every other package and no MkDocs
at all. The site is built there as a maintainer would try it, `properdocs
build -f mkdocs.yml` in the project folder, and must give the files of the
MkDocs build (the session's site), byte for byte apart from a generator
tag naming the engine, should a template print one (ours prints none).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SITE_URL

sys.path.insert(0, str(ROOT / "scripts"))

import build  # noqa: E402

VENV = ROOT / ".venv-properdocs"
PROPERDOCS = VENV / "bin" / "properdocs"
VERSION = "1.6.7"
# A generator tag names the engine: the one difference allowed.
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not PROPERDOCS.exists():
        pytest.fail(f"{PROPERDOCS.relative_to(ROOT)} is missing: run `make properdocs` (`make test` runs it).")
    out = tmp_path_factory.mktemp("properdocs") / "site"
    result = subprocess.run([str(PROPERDOCS), "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(out)],
                            cwd=ROOT, env=build.mkdocs_env(SITE_URL), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_the_canary_environment_is_properdocs_without_mkdocs() -> None:
    if not PROPERDOCS.exists():
        pytest.fail(f"{PROPERDOCS.relative_to(ROOT)} is missing: run `make properdocs` (`make test` runs it).")
    version = subprocess.run([str(PROPERDOCS), "--version"], capture_output=True, text=True).stdout
    assert version.startswith(f"properdocs, version {VERSION} "), version
    # Material, i18n and macros import `mkdocs`: ProperDocs answers for it.
    found = subprocess.run([str(VENV / "bin" / "python"), "-c", "import importlib.util; print(importlib.util.find_spec('mkdocs'))"],
                           capture_output=True, text=True).stdout.strip()
    assert found == "None", f"MkDocs is installed in {VENV.name}: {found}"


def test_properdocs_builds_the_same_files(site: Path, properdocs_site: Path) -> None:
    ours = {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(properdocs_site).as_posix(): p for p in properdocs_site.rglob("*") if p.is_file()}
    assert sorted(theirs) == sorted(ours)
    different = [name for name, path in ours.items()
                 if GENERATOR.sub(b"", path.read_bytes()) != GENERATOR.sub(b"", theirs[name].read_bytes())]
    assert not different, f"files that differ under ProperDocs (apart from a generator tag): {different}"
