"""Render the site's sharing image: overrides/assets/images/og-image.svg -> og-image.png.

    python scripts/og_image.py

Run it after editing the SVG and commit both files. Social networks want a
1200x630 PNG or JPEG, not SVG; the PNG is made by Debian's chromium (the
browser the tests use) through Playwright, so no image library is needed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "overrides" / "assets" / "images" / "og-image.svg"
PNG = SVG.with_suffix(".png")
CHROMIUM = "/usr/bin/chromium"


def main() -> int:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.goto(SVG.as_uri())
        page.screenshot(path=str(PNG), type="png")
        browser.close()
    print(f"Wrote {PNG.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
