"""Render the site's sharing image: scripts/og-image.svg -> overrides/assets/images/og-image.png.

    python scripts/og_image.py           # render the PNG
    python scripts/og_image.py --check   # fail when the PNG is older than the SVG

Run it after editing the SVG and commit both files. Social networks want a
1200x630 PNG or JPEG, not SVG; the picture is drawn by Debian's chromium (the
browser the tests use) through Playwright, then Pillow stores it as a
64-colour palette PNG (flat colours and text: a quarter of the size, no
visible difference).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from PIL import Image, PngImagePlugin
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
# The source stays out of overrides/: no reader loads the SVG.
SVG = ROOT / "scripts" / "og-image.svg"
PNG = ROOT / "overrides" / "assets" / "images" / "og-image.png"
CHROMIUM = "/usr/bin/chromium"
DIGEST_KEY = "source-sha256"


def source_digest() -> str:
    return hashlib.sha256(SVG.read_bytes()).hexdigest()


def stored_digest() -> str | None:
    """The digest of the SVG the committed PNG was made from (a PNG text chunk)."""
    with Image.open(PNG) as picture:
        return picture.text.get(DIGEST_KEY)


def render() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.goto(SVG.as_uri())
        page.screenshot(path=str(PNG), type="png")
        browser.close()
    info = PngImagePlugin.PngInfo()
    info.add_text(DIGEST_KEY, source_digest())
    with Image.open(PNG) as picture:
        picture.convert("RGB").quantize(colors=64).save(PNG, optimize=True, pnginfo=info)


def main() -> int:
    parser = argparse.ArgumentParser(description="Render or check the sharing image.")
    parser.add_argument("--check", action="store_true", help="only check that the PNG was made from the current SVG")
    if parser.parse_args().check:
        if stored_digest() != source_digest():
            print(f"{PNG.relative_to(ROOT)} is stale: {SVG.name} changed since it was made. "
                  "Run: python scripts/og_image.py, and commit the PNG.", file=sys.stderr)
            return 1
        print(f"{PNG.relative_to(ROOT)} matches {SVG.name}.")
        return 0
    render()
    print(f"Wrote {PNG.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
