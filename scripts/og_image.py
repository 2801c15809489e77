"""Render the site's sharing image: scripts/og-image.svg -> overrides/assets/images/og-image.png.

    python scripts/og_image.py

Run it after editing the SVG and commit both files. Social networks want a
1200x630 PNG or JPEG, not SVG; the picture is drawn by Debian's chromium (the
browser the tests use) through Playwright, then Pillow stores it as a
64-colour palette PNG (flat colours and text: a quarter of the size, no
visible difference).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
# The source stays out of overrides/: no reader loads the SVG.
SVG = ROOT / "scripts" / "og-image.svg"
PNG = ROOT / "overrides" / "assets" / "images" / "og-image.png"
CHROMIUM = "/usr/bin/chromium"


def main() -> int:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.goto(SVG.as_uri())
        page.screenshot(path=str(PNG), type="png")
        browser.close()
    with Image.open(PNG) as picture:
        picture.convert("RGB").quantize(colors=64).save(PNG, optimize=True)
    print(f"Wrote {PNG.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
