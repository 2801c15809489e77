"""Browser fixtures: the session's built site served on 127.0.0.1 under the
project sub-path, and Debian's chromium driven by Playwright.

One browser for this package (scope "package": Playwright's sync API allows
one running instance at a time, and other test modules start their own
after this package has finished), one context per viewport; each page is
visited once per viewport (`visit`), and that single visit records every
request, runs axe-core and reads what the page stored, so the checks of
test_pages.py share it.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import LANGUAGE_PREFIX, LANGUAGES, SITE_URL, address_of, page_sources

CHROMIUM = "/usr/bin/chromium"
# Flags that keep Debian's chromium from calling home (updates, sync, field
# trials) and working headless in a container. Playwright itself adds
# --headless and a fresh temporary --user-data-dir for every launch.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SITE_PATH = urlsplit(SITE_URL).path  # "/pasvaldibu-sadarbiba/"
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2},
}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# Reports each securitypolicyviolation event to the test (through a binding
# Playwright adds; init scripts and bindings are outside the page's policy).
_REPORT_VIOLATIONS = """document.addEventListener("securitypolicyviolation", (e) => window.__reportViolation(
  `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`));"""


def watch_policy(page) -> list[str]:
    """Record on `page` every content security policy violation and every
    console error (with JavaScript off, the console still reports what the
    policy blocked); returns the list they are added to, each with its URL."""
    found: list[str] = []
    page.expose_binding("__reportViolation", lambda source, text: found.append(f"{source['frame'].url}: {text}"))
    page.add_init_script(_REPORT_VIOLATIONS)
    def console(message) -> None:
        url = message.location.get("url") or page.url
        # Chromium asks for /favicon.ico by itself on a page naming no icon
        # (a redirect page, gone at once): not the page's doing.
        if message.type == "error" and not url.endswith("/favicon.ico"):
            found.append(f"{url}: console: {message.text}")

    page.on("console", console)
    return found


def all_pages() -> list[tuple[str, str]]:
    """(lang, path below the site root) of every page, known at collection time."""
    return [(lang, LANGUAGE_PREFIX[lang] + address_of(source)) for source in page_sources() for lang in LANGUAGES]


def page_id(lang: str, path: str) -> str:
    return f"{lang}:/{path}"


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site at SITE_PATH, as GitHub Pages does (404.html for
    a missing page), and nothing else."""

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if not path.startswith(SITE_PATH):
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + path[len(SITE_PATH):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def server(site: Path):
    """The base URL of the built site on a free port of 127.0.0.1."""
    handler = functools.partial(_SiteHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{SITE_PATH}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="package")
def browser():
    if not Path(CHROMIUM).is_file() and not shutil.which("chromium"):
        pytest.fail("Debian's chromium is missing: run `make test` (it installs it) or `apt-get install chromium`.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="package")
def contexts(browser):
    """One browser context per viewport, JavaScript on."""
    made = {name: browser.new_context(**options) for name, options in VIEWPORTS.items()}
    for context in made.values():
        context.set_default_timeout(10_000)  # a static local site answers in milliseconds
    yield made
    for context in made.values():
        context.close()


@dataclass
class Visit:
    url: str
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # "404 url" of every failed response
    errors: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)
    local_storage: dict[str, str] = field(default_factory=dict)
    session_storage: dict[str, str] = field(default_factory=dict)
    cookies: list[dict] = field(default_factory=list)
    status: int | None = None
    # content security policy violations and console errors (watch_policy)
    policy: list[str] = field(default_factory=list)
    # (absolute href, text, visible) of every link in the EEA Grants block
    footer_links: list[tuple[str, str, bool]] = field(default_factory=list)


@pytest.fixture(scope="package")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()  # runs the axe-core bundled in the package: nothing is downloaded


@pytest.fixture(scope="package")
def visit(server: str, contexts, axe):
    """visit(lang, path, viewport) -> Visit, made once per page and viewport."""
    done: dict[tuple[str, str], Visit] = {}

    def run(path: str, viewport: str) -> Visit:
        key = (path, viewport)
        if key not in done:
            context = contexts[viewport]
            context.clear_cookies()
            page = context.new_page()
            record = Visit(url=server + path)
            record.policy = watch_policy(page)
            page.on("request", lambda request: record.requests.append(request.url))
            page.on("pageerror", lambda error: record.errors.append(str(error)))
            page.on("response", lambda response: response.status >= 400 and record.failed.append(f"{response.status} {response.url}"))
            page.on("requestfailed", lambda request: record.failed.append(f"{request.failure} {request.url}"))
            response = page.goto(record.url, wait_until="load")
            record.status = response.status if response else None
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
            record.violations = results.response["violations"]
            record.local_storage = page.evaluate("Object.fromEntries(Object.entries(localStorage))")
            record.session_storage = page.evaluate("Object.fromEntries(Object.entries(sessionStorage))")
            record.cookies = context.cookies()
            # One round trip for all links; checkVisibility() is the DOM's own test
            # (display, visibility, content-visibility, opacity 0).
            record.footer_links = [tuple(link) for link in page.locator(".eea-block a").evaluate_all(
                "links => links.map(a => [a.href, a.innerText.trim(),"
                " a.checkVisibility({visibilityProperty: true, opacityProperty: true})"
                " && a.getClientRects().length > 0])")]
            page.evaluate("localStorage.clear(); sessionStorage.clear()")
            page.close()
            done[key] = record
        return done[key]

    return run
