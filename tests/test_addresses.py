"""Addresses that never break: the manifest, redirects, canonical and hreflang,
the sitemap, robots.txt, the bilingual 404 and both deployments (a GitHub
Pages project address and a custom domain at the root).

Copies of the site (without .git) are built for the cases that change pages:
a page renamed, an activity's id changed, a heading id in one language only.
Behaviour that needs a browser (the redirects with and without JavaScript, the
404 in each language) runs in Debian's Chromium against a local server that
answers like GitHub Pages: files below the site's path, 404.html for
anything missing.
"""

from __future__ import annotations

import gzip
import http.server
import os
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGE_PREFIX, LANGUAGES, ROOT, SITE_URL, SitePage, address_of, load_data

sys.path.append(str(ROOT / "hooks"))  # after scripts/: scripts/address_manifest.py and hooks/addresses.py share a name

import address_manifest as manifest_script  # noqa: E402
from helpers import redirect_rules  # noqa: E402
from build import build_site  # noqa: E402
from helpers.published import PublishedPage, Site, languages_of  # noqa: E402

SITE_PATH = urlsplit(SITE_URL).path
CUSTOM_URL = "https://pasvaldibu-sadarbiba.example.org/"
LANGS = languages_of(ROOT)
SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# A fixed date for builds of copies without git history (2025-05-01): later
# than every date of the record, as the build requires (hooks/helpers/schema.py).
COPY_EPOCH = "1746057600"


# --- helpers -----------------------------------------------------------------

def soup_of(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def head_links(soup: BeautifulSoup) -> tuple[list[str], dict[str, str], list]:
    canonical = [link["href"] for link in soup.find_all("link", rel="canonical")]
    # The language versions of the page; not the feed (rel=alternate with a type, tests/test_feeds.py).
    alternates = soup.find_all("link", rel="alternate", hreflang=True, type=False)
    return canonical, {link["hreflang"]: link["href"] for link in alternates}, alternates


def copy_site(destination: Path) -> Path:
    """The project as a fresh checkout would have it, without .git: the files
    git tracks or would track (not what it ignores, such as the virtual
    environments, caches and builds, hundreds of MB)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():  # not a tracked file deleted in the working tree
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    return destination


def run_in(copy: Path, *args: str, site_url: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", SOURCE_DATE_EPOCH=COPY_EPOCH)
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, *args], cwd=copy, env=env, capture_output=True, text=True)


def replace_in(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, (file, old)
    file.write_text(text.replace(old, new), encoding="utf-8")


def replace_in_data(copy: Path, old: str, new: str) -> None:
    """In every data file that has it (at least one must)."""
    files = [file for file in (copy / "data").glob("*.yml") if old in file.read_text(encoding="utf-8")]
    assert files, old
    for file in files:
        replace_in(file, old, new)


def rename_networks_page(copy: Path) -> None:
    """networks.md -> cooperation-networks.md in both languages (and the navs,
    the data's links to it, the `see:` of evidence and highlights, and the
    home page's way in to it)."""
    for lang in LANGUAGES:
        (copy / "docs" / lang / "networks.md").rename(copy / "docs" / lang / "cooperation-networks.md")
        for page in (copy / "docs" / lang).rglob("*.md"):
            text = page.read_text(encoding="utf-8")
            page.write_text(text.replace("](networks.md)", "](cooperation-networks.md)"), encoding="utf-8")
    replace_in(copy / "mkdocs.yml", "- networks.md", "- cooperation-networks.md")
    replace_in_data(copy, "see: networks.md", "see: cooperation-networks.md")
    replace_in(copy / "overrides" / "content" / "home-ways.md", '("networks.md", "networks")', '("cooperation-networks.md", "networks")')


def change_activity_id(copy: Path) -> None:
    """The activity "study-visits" becomes "visits-abroad" (its result and
    the links to its page follow)."""
    replace_in(copy / "data" / "activities.yml", "- id: study-visits", "- id: visits-abroad")
    replace_in(copy / "data" / "results.yml", "activity: study-visits", "activity: visits-abroad")
    replace_in_data(copy, "see: activities/study-visits.md", "see: activities/visits-abroad.md")


class GitHubPagesHandler(http.server.SimpleHTTPRequestHandler):
    """Answers like GitHub Pages: the site below `base`, 404.html (status 404)
    for anything missing, a redirect to the slash form of a folder."""

    site: Path
    base: str

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        relative = path[len(self.base):] if path.startswith(self.base) else None
        target = self.site / relative if relative is not None else None
        if target is not None and target.is_dir() and not path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.end_headers()
            return
        if target is not None and target.is_dir():
            target = target / "index.html"
        if target is None or not target.is_file() or ".." in path:
            self._send(404, self.site / "404.html")
        else:
            self._send(200, target)

    def _send(self, status: int, file: Path) -> None:
        body = file.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up before the body came: nobody to send it to


@pytest.fixture(scope="module")
def serve():
    """serve(site_dir, site_url) -> the local address standing for site_url."""
    servers = []

    def start(site: Path, site_url: str) -> str:
        base = urlsplit(site_url).path
        handler = type("Handler", (GitHubPagesHandler,), {"site": site, "base": base})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}{base}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium (Playwright starts it with a fresh temporary profile)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def browser(chromium):
    context = chromium.new_context()
    yield context
    context.close()


@pytest.fixture(scope="module")
def no_js_browser(chromium):
    context = chromium.new_context(java_script_enabled=False)
    yield context
    context.close()


# --- builds ------------------------------------------------------------------

@pytest.fixture(scope="session")
def custom_domain_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site as published at a custom domain's root."""
    return build_site(tmp_path_factory.mktemp("custom") / "site", CUSTOM_URL)


@pytest.fixture(scope="session")
def moved_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy in which a page was renamed and an activity's id changed, with
    redirects for their old addresses, and the manifest left as committed."""
    copy = copy_site(tmp_path_factory.mktemp("moved") / "project")
    rename_networks_page(copy)
    change_activity_id(copy)
    replace_in(copy / "data" / "redirects.yml", "redirects: []", (
        "redirects:\n"
        "  - from: networks/\n"
        "    to: cooperation-networks/\n"
        "  - from: /activities/study-visits\n"
        "    to: activities/visits-abroad.md\n"
    ))
    return copy


@pytest.fixture(scope="session")
def moved_sites(moved_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """The moved copy built for both deployments: {name: (site_dir, site_url)}."""
    sites = {}
    for name, url in (("project", SITE_URL), ("custom", CUSTOM_URL)):
        site_dir = tmp_path_factory.mktemp(f"moved-{name}") / "site"
        result = run_in(moved_copy, "scripts/build.py", "--site-dir", str(site_dir), "--site-url", url)
        assert result.returncode == 0, result.stderr
        sites[name] = (site_dir, url)
    return sites


# --- the manifest ------------------------------------------------------------

def test_manifest_lists_exactly_what_the_build_publishes(site: Path, site_pages: list[SitePage]) -> None:
    assert manifest_script.check_manifest() == []
    listed = set(manifest_script.manifest_addresses())
    assert {page.path for page in site_pages} <= listed
    assert "" in listed and "en/" in listed


def test_every_lost_address_is_named_with_the_redirect_to_add(site_pages: list[SitePage]) -> None:
    """Whatever page disappears, the build's guard names its address."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("addresses_hook", ROOT / "hooks" / "addresses.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    produced = set(manifest_script.manifest_addresses())  # pages, feeds and files: all produced (test above)
    for page in site_pages:
        messages = hook.lost_addresses(ROOT, produced - {page.path}, Site(LANGS, SITE_URL))
        assert len(messages) == 1, page.path
        assert f" /{page.path}:" in messages[0] and "data/redirects.yml" in messages[0], messages[0]
        assert f"- from: {page.path.removeprefix(LANGUAGE_PREFIX[page.lang])}\n" in messages[0]
        if page.lang == "en":
            assert "languages: [en]" in messages[0]


def test_renamed_page_without_redirect_fails_make_check(tmp_path: Path) -> None:
    copy = copy_site(tmp_path / "project")
    rename_networks_page(copy)
    result = run_in(copy, "scripts/check.py")
    assert result.returncode != 0
    assert "/networks/" in result.stderr and "/en/networks/" in result.stderr, result.stderr
    assert "data/addresses.txt:" in result.stderr
    assert "- from: networks/\n    to: cooperation-networks/" in result.stderr, result.stderr


def test_changed_id_without_redirect_stops_the_build(tmp_path: Path) -> None:
    copy = copy_site(tmp_path / "project")
    change_activity_id(copy)
    result = run_in(copy, "scripts/build.py", "--site-dir", str(tmp_path / "site"))
    assert result.returncode != 0
    assert "/activities/study-visits/" in result.stderr and "/en/activities/study-visits/" in result.stderr
    assert "data/activities.yml" in result.stderr and '"study-visits"' in result.stderr
    assert not (tmp_path / "site").exists()


def test_new_page_makes_the_manifest_stale_until_make_addresses(tmp_path: Path) -> None:
    copy = copy_site(tmp_path / "project")
    page = {"lv": "---\ntitle: Terminu vārdnīca\ndescription: Termini.\n---\n\n# Terminu vārdnīca\n\nTeksts.\n",
            "en": "---\ntitle: Glossary\ndescription: Terms.\n---\n\n# Glossary\n\nText.\n"}  # spelt right in each language
    for lang in LANGUAGES:
        (copy / "docs" / lang / "glossary.md").write_text(page[lang], encoding="utf-8")
    replace_in(copy / "mkdocs.yml", "- contact.md", "- contact.md\n            - glossary.md")
    result = run_in(copy, "scripts/check.py")
    assert result.returncode != 0
    assert "stale" in result.stderr and "/glossary/" in result.stderr and "make addresses" in result.stderr
    assert run_in(copy, "scripts/address_manifest.py", "--write").returncode == 0
    assert "/en/glossary/\n" in (copy / "data" / "addresses.txt").read_text(encoding="utf-8")
    result = run_in(copy, "scripts/check.py")
    assert result.returncode == 0, result.stderr


def test_changing_a_title_keeps_every_address(tmp_path: Path) -> None:
    copy = copy_site(tmp_path / "project")
    replace_in(copy / "data" / "activities.yml", "title:\n      lv: Mācību vizītes", "title:\n      lv: Pieredzes apmaiņas braucieni")
    replace_in(copy / "data" / "activities.yml", "      en: Study visits\n", "      en: Visits to learn from others\n")
    result = run_in(copy, "scripts/check.py")
    assert result.returncode == 0, result.stderr


def test_heading_ids_must_match_across_languages(tmp_path: Path) -> None:
    copy = copy_site(tmp_path / "project")
    with (copy / "docs" / "lv" / "about.md").open("a", encoding="utf-8") as page:
        page.write("\n## Mērķis\n\nTeksts.\n")
    result = run_in(copy, "scripts/build.py", "--site-dir", str(tmp_path / "site"))
    assert result.returncode != 0
    assert "docs/lv/about.md" in result.stderr or "docs/en/about.md" in result.stderr
    assert "merkis" in result.stderr and "{#" in result.stderr


def test_deep_linkable_headings_have_the_same_ids_in_both_languages(site: Path, site_pages: list[SitePage]) -> None:
    by_source: dict[str, dict[str, set[str]]] = {}
    for page in site_pages:
        ids = {h["id"] for h in page.soup.select("article :is(h2, h3, h4, h5, h6)[id]")}
        by_source.setdefault(page.source, {})[page.lang] = ids
    for source, ids in by_source.items():
        assert ids["lv"] == ids["en"], source
    assert by_source["activities/index.md"]["lv"] >= {a["id"] for a in load_data("activities")["activities"]}


def test_generated_pages_live_at_their_ids(site: Path) -> None:
    listed = set(manifest_script.manifest_addresses())
    for kind in ("activities", "partners"):
        for item in load_data(kind)[kind]:
            for lang in LANGUAGES:
                assert f"{LANGUAGE_PREFIX[lang]}{kind}/{item['id']}/" in listed


# --- redirects ---------------------------------------------------------------

def _published() -> Site:
    site = Site(LANGS, SITE_URL)
    for source in ("index.md", "about.md", "activities/new.md"):
        for lang in LANGS:
            site.pages.append(PublishedPage(lang.code, source, lang.prefix + address_of(source), f"docs/{lang.code}/{source}"))
    site.pages.append(PublishedPage("lv", "only-lv.md", "only-lv/", "docs/lv/only-lv.md"))
    return site


def _rules(tmp_path: Path, entries: str) -> list[redirect_rules.Redirect]:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "redirects.yml").write_text("# comment\nredirects:\n" + entries, encoding="utf-8")
    return redirect_rules.load(tmp_path, LANGS)


def test_a_good_redirect_is_made_in_every_language(tmp_path: Path) -> None:
    redirects = _rules(tmp_path, "  - from: /old/\n    to: /about\n  - from: x.html\n    to: ''\n")
    assert [(r.lang, r.source, r.target) for r in redirects] == [
        ("lv", "old/", "about/"), ("en", "en/old/", "en/about/"), ("lv", "x.html", ""), ("en", "en/x.html", "en/"),
    ]
    assert redirect_rules.check(redirects, _published()) == []


@pytest.mark.parametrize(
    "entries,expected",
    [
        ("  - from: old/\n    to: nowhere/\n", ['data/redirects.yml:3: redirect from "old/"', "/nowhere/ is not a published page"]),
        ("  - from: old/\n    to: only-lv/\n", ["/en/only-lv/ is not a published page", "languages:"]),
        ("  - from: about/\n    to: ''\n", ['data/redirects.yml:3: redirect from "about/"', "/about/ is still a published page"]),
        ("  - from: old/\n    to: about/\n  - from: /old\n    to: ''\n", ["data/redirects.yml:5:", "already redirects (line 3)"]),
        ("  - from: a/\n    to: b/\n  - from: b/\n    to: about/\n", ["data/redirects.yml:3:", "redirect chain", "/b/ is itself redirected (line 5)", "/about/"]),
        ("  - from: a/\n    to: a/\n", ["data/redirects.yml:3:", "redirect loop"]),
    ],
    ids=["target-missing", "target-missing-in-one-language", "source-still-published", "duplicate", "chain", "loop"],
)
def test_redirect_contradicting_the_site_is_an_error(tmp_path: Path, entries: str, expected: list[str]) -> None:
    errors = redirect_rules.check(_rules(tmp_path, entries), _published())
    text = "\n".join(errors)
    for part in expected:
        assert part in text, text


@pytest.mark.parametrize(
    "entries,expected",
    [
        ("  - from: old/\n", ["data/redirects.yml:3:", "'to' is a required property"]),
        ("  - from: old/\n    to: about/\n    lang: en\n", ["data/redirects.yml:3:", "lang"]),
        ("  - from: old/?x=1\n    to: about/\n", ["data/redirects.yml:3:", 'from "old/?x=1" is not an address']),
        ("  - from: report.pdf\n    to: about/\n", ['from "report.pdf" is not an address']),
        ("  - from: en/old/\n    to: about/\n", ["data/redirects.yml:3:", "without the language folder", "languages: [en]"]),
        ("  - from: old/\n    to: about/\n    languages: [de]\n", ["data/redirects.yml:5:", "unknown language de"]),
        ("  - from: old/\n   to: about/\n", ["data/redirects.yml:4:", "YAML syntax error"]),
    ],
    ids=["no-target", "unknown-field", "query", "file", "language-folder", "unknown-language", "yaml"],
)
def test_malformed_redirect_file_is_an_error(tmp_path: Path, entries: str, expected: list[str]) -> None:
    with pytest.raises(redirect_rules.DataError) as error:
        _rules(tmp_path, entries)
    text = "\n".join(error.value.messages)
    for part in expected:
        assert part in text, text


def test_bad_redirect_stops_the_build(tmp_path: Path) -> None:
    copy = copy_site(tmp_path / "project")
    replace_in(copy / "data" / "redirects.yml", "redirects: []", "redirects:\n  - from: old-page/\n    to: no-such-page/\n")
    result = run_in(copy, "scripts/build.py", "--site-dir", str(tmp_path / "site"))
    assert result.returncode != 0
    assert 'data/redirects.yml:' in result.stderr and 'redirect from "old-page/"' in result.stderr
    assert "/no-such-page/ is not a published page" in result.stderr


@pytest.mark.parametrize("deployment", ["project", "custom"])
@pytest.mark.parametrize(
    "old,new",
    [
        ("networks/", "cooperation-networks/"),
        ("en/networks/", "en/cooperation-networks/"),
        ("activities/study-visits/", "activities/visits-abroad/"),
        ("en/activities/study-visits/", "en/activities/visits-abroad/"),
    ],
)
def test_redirect_page_markup(moved_sites: dict, deployment: str, old: str, new: str) -> None:
    site_dir, url = moved_sites[deployment]
    soup = soup_of(site_dir / old / "index.html")
    lang = "en" if old.startswith("en/") else "lv"
    assert soup.html["lang"] == lang
    canonical, alternates, _ = head_links(soup)
    assert canonical == [url + new]
    assert alternates == {}, "a redirect page carries no hreflang alternates"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh.startswith("0; url=")
    old_url = url + old
    assert urljoin(old_url, refresh.removeprefix("0; url=")) == url + new
    link = soup.select_one("body a")
    assert urljoin(old_url, link["href"]) == url + new
    text = {"lv": "Lapa ir pārcelta", "en": "This page has moved"}[lang]
    assert soup.h1.get_text(strip=True) == text


def test_every_html_file_of_a_site_with_redirect_pages_has_its_policy_first(moved_sites: dict) -> None:
    """The policy check of tests/test_csp.py on a site that has redirect
    pages (the real one has none yet): a page without a policy causes no
    violation a browser could report, so only its file can show it is gone."""
    from test_csp import site_problems

    site_dir, _ = moved_sites["project"]
    redirects = [file for file in site_dir.rglob("*.html") if soup_of(file).find("meta", attrs={"http-equiv": "refresh"})]
    assert len(redirects) == 4 and (site_dir / "404.html").is_file()
    assert site_problems(site_dir) == []


def test_redirect_pages_are_not_in_the_sitemap(moved_sites: dict) -> None:
    site_dir, url = moved_sites["project"]
    locs = {loc.text for loc in ET.parse(site_dir / "sitemap.xml").getroot().iterfind("sm:url/sm:loc", SITEMAP)}
    assert url + "networks/" not in locs and url + "cooperation-networks/" in locs


@pytest.mark.parametrize("deployment", ["project", "custom"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_old_address_leads_the_reader_to_the_new_page(
    moved_sites: dict, serve, browser, no_js_browser, deployment: str, javascript: bool
) -> None:
    site_dir, url = moved_sites[deployment]
    local = serve(site_dir, url)
    context = browser if javascript else no_js_browser
    page = context.new_page()
    try:
        for old, new, lang in [
            ("networks/", "cooperation-networks/", "lv"),
            ("en/networks/", "en/cooperation-networks/", "en"),
            ("en/activities/study-visits/#partners", "en/activities/visits-abroad/", "en"),
        ]:
            page.goto(local + old)
            # The script keeps a #fragment; a meta refresh (no JavaScript) cannot.
            fragment = "#partners" if "#" in old and javascript else ""
            page.wait_for_url(local + new + fragment, timeout=10_000)
            page.wait_for_load_state()
            assert page.evaluate("document.documentElement.lang") == lang
            assert page.locator("link[rel=canonical]").get_attribute("href") == url + new
    finally:
        page.close()


# --- canonical and hreflang --------------------------------------------------

def alternates_problems(site_dir: Path, url: str) -> tuple[list[str], int, int]:
    """What is wrong with the hreflang alternates and canonical links of
    every HTML file of a built site published at `url`; and how many pages
    and how many pages without a twin (404.html, redirect pages) were read.

    A page with a twin in every other language has exactly one `<link
    rel="alternate" hreflang>` per language and one x-default (any other
    link with hreflang, such as a feed's, is one too many), each the absolute
    address of an HTML page of this site in that language that names this
    page back; its canonical link is its own alternate. A page without a
    twin has none."""
    default = LANGS[0]
    codes = sorted([lang.code for lang in LANGS] + ["x-default"])
    problems: list[str] = []
    soups: dict[str, BeautifulSoup] = {}  # address below url -> page
    without_twin = 0
    for file in sorted(site_dir.rglob("*.html")):
        name = file.relative_to(site_dir).as_posix()
        text = file.read_text(encoding="utf-8")
        soup = BeautifulSoup(text[: text.find("</head>") + len("</head>")], "html.parser")  # <html lang> and the head
        links = soup.find_all("link", rel="alternate", hreflang=True)
        if name == "404.html" or soup.find("meta", attrs={"http-equiv": "refresh"}):
            without_twin += 1
            if links:
                problems.append(f"{name}: has no twin, but carries hreflang alternates {[str(link) for link in links]}")
            continue
        assert name.endswith("index.html"), name
        soups[name.removesuffix("index.html")] = soup

    def alternates(soup: BeautifulSoup) -> dict[str, str]:
        return {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate", hreflang=True)}

    for address, soup in soups.items():
        lang = next((lang for lang in LANGS if lang.prefix and address.startswith(lang.prefix)), default)
        rest = address.removeprefix(lang.prefix)
        if soup.html.get("lang") != lang.code:
            problems.append(f"/{address}: lang is {soup.html.get('lang')!r}, not {lang.code!r}")
        twins = [other.prefix + rest for other in LANGS if other is not lang]
        if missing := [twin for twin in twins if twin not in soups]:
            problems.append(f"/{address}: no twin at {['/' + twin for twin in missing]}")
            continue
        links = soup.find_all("link", rel="alternate", hreflang=True)
        if sorted(link["hreflang"] for link in links) != codes:
            problems.append(f"/{address}: the alternates are {[(link['hreflang'], link['href']) for link in links]}, "
                            f"not one each of {codes}")
        own = url + address
        for hreflang, href in alternates(soup).items():
            target = href.removeprefix(url) if href.startswith(url) else None
            if target not in soups:
                problems.append(f"/{address}: the {hreflang} alternate {href} is not an HTML page of this site")
                continue
            expected = default.code if hreflang == "x-default" else hreflang
            if soups[target].html.get("lang") != expected:
                problems.append(f"/{address}: the {hreflang} alternate {href} is in {soups[target].html.get('lang')!r}")
            if alternates(soups[target]).get(lang.code) != own:
                problems.append(f"/{address}: the {hreflang} alternate {href} does not name this page back "
                                f"(its {lang.code} alternate is {alternates(soups[target]).get(lang.code)})")
        canonical = [link["href"] for link in soup.find_all("link", rel="canonical")]
        if canonical != [own] or alternates(soup).get(lang.code) != own:
            problems.append(f"/{address}: canonical {canonical} and own alternate {alternates(soup).get(lang.code)} are not {own}")
    return problems, len(soups), without_twin


@pytest.mark.parametrize("deployment", ["project", "custom", "moved"])
def test_every_page_has_one_alternate_per_language_each_naming_it_back(
    request: pytest.FixtureRequest, site: Path, site_pages: list[SitePage], deployment: str
) -> None:
    """The session's site (a GitHub Pages project address), the same at a
    custom domain's root, and the moved copy, which has redirect pages."""
    if deployment == "project":
        root, url = site, SITE_URL
    elif deployment == "custom":
        root, url = request.getfixturevalue("custom_domain_site"), CUSTOM_URL
    else:
        root, url = request.getfixturevalue("moved_sites")["project"]
    problems, pages, without_twin = alternates_problems(root, url)
    assert problems == []
    # Not vacuous: every page was read, and so were the pages without a twin.
    assert pages == len(site_pages)
    assert without_twin == (5 if deployment == "moved" else 1)


def test_a_feed_link_with_hreflang_is_one_alternate_too_many(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "en" / "about" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</head>", f'<link rel="alternate" type="application/atom+xml" hreflang="en" href="{SITE_URL}en/feed.xml"></head>'),
        encoding="utf-8")
    problems, _, _ = alternates_problems(copy, SITE_URL)
    assert {problem.split(":")[0] for problem in problems} == {"/en/about/"}
    assert "not one each of ['en', 'lv', 'x-default']" in problems[0]


# --- sitemap and robots.txt --------------------------------------------------

def _git_time(path: str) -> int:
    result = subprocess.run(["git", "log", "-1", "--format=%ct", "--", path], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip(), f"{path} was never committed"
    return int(result.stdout)


def _sitemap(site: Path) -> dict[str, ET.Element]:
    root = ET.parse(site / "sitemap.xml").getroot()
    return {url.findtext("sm:loc", namespaces=SITEMAP): url for url in root.iterfind("sm:url", SITEMAP)}


@pytest.mark.parametrize("deployment", ["project", "custom"])
def test_sitemap_lists_every_page_with_its_alternates(
    site: Path, custom_domain_site: Path, site_pages: list[SitePage], deployment: str
) -> None:
    root, url = (site, SITE_URL) if deployment == "project" else (custom_domain_site, CUSTOM_URL)
    urls = _sitemap(root)
    assert set(urls) == {url + page.path for page in site_pages}
    for page in site_pages:
        links = urls[url + page.path].findall("xhtml:link", SITEMAP)
        assert all(link.get("rel") == "alternate" for link in links)
        stem = page.path.removeprefix(LANGUAGE_PREFIX[page.lang])
        expected = {lang: url + LANGUAGE_PREFIX[lang] + stem for lang in LANGUAGES}
        expected["x-default"] = expected["lv"]
        assert {link.get("hreflang"): link.get("href") for link in links} == expected
    assert gzip.decompress((root / "sitemap.xml.gz").read_bytes()) == (root / "sitemap.xml").read_bytes()


def test_sitemap_lastmod_is_the_last_commit_of_the_source(site: Path, site_pages: list[SitePage]) -> None:
    urls = _sitemap(site)
    for page in site_pages:
        folder = page.source.split("/")[0]
        generated = folder in ("activities", "partners") and not page.source.endswith("index.md")
        source = f"data/{folder}.yml" if generated else f"docs/{page.lang}/{page.source}"
        lastmod = datetime.fromisoformat(urls[SITE_URL + page.path].findtext("sm:lastmod", namespaces=SITEMAP))
        assert lastmod == datetime.fromtimestamp(_git_time(source), timezone.utc), (page.path, source)


def test_sitemap_without_git_history_takes_source_date_epoch(moved_sites: dict) -> None:
    site_dir, _ = moved_sites["project"]
    expected = datetime.fromtimestamp(int(COPY_EPOCH), timezone.utc)
    for url in _sitemap(site_dir).values():
        assert datetime.fromisoformat(url.findtext("sm:lastmod", namespaces=SITEMAP)) == expected


@pytest.mark.parametrize("deployment", ["project", "custom"])
def test_robots_txt_points_to_the_sitemap(site: Path, custom_domain_site: Path, deployment: str) -> None:
    root, url = (site, SITE_URL) if deployment == "project" else (custom_domain_site, CUSTOM_URL)
    lines = (root / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines and f"Sitemap: {url}sitemap.xml" in lines
    assert not any(line.startswith("Disallow: /") and line != "Disallow:" for line in lines)


def test_two_builds_of_one_commit_are_byte_identical(site: Path, tmp_path: Path) -> None:
    again = build_site(tmp_path / "site", SITE_URL)
    first = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert first == second
    different = [str(p) for p in first if (site / p).read_bytes() != (again / p).read_bytes()]
    assert not different


# --- the 404 page ------------------------------------------------------------

@pytest.mark.parametrize("deployment", ["project", "custom"])
def test_404_holds_both_languages(site: Path, custom_domain_site: Path, deployment: str) -> None:
    root, url = (site, SITE_URL) if deployment == "project" else (custom_domain_site, CUSTOM_URL)
    base = urlsplit(url).path
    soup = soup_of(root / "404.html")
    assert soup.html["lang"] == "lv"
    canonical, alternates, _ = head_links(soup)
    assert canonical == [] and alternates == {}
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    sections = {s["lang"]: s for s in soup.select("section.not-found__version")}
    assert set(sections) == {"lv", "en"}
    assert sections["lv"].h1.get_text(strip=True) == "Lapa nav atrasta"
    assert sections["en"].h1.get_text(strip=True) == "Page not found"
    for lang, section in sections.items():
        home = base + LANGUAGE_PREFIX[lang]
        assert not section.has_attr("hidden")
        assert home in {a["href"] for a in section.find_all("a")}
        form = section.find("form")
        assert form["action"] == home and form.find("input", attrs={"name": "q"}) is not None
    switcher = {a["hreflang"]: a["href"] for a in soup.select(".md-select__list a[hreflang]")}
    assert switcher == {"lv": base, "en": base + "en/"}, "the 404 switcher leads to the two home pages"


@pytest.mark.parametrize("deployment", ["project", "custom"])
@pytest.mark.parametrize("missing,lang", [("no-such-page/", "lv"), ("en/no-such-page/", "en"), ("activities/x/y", "lv")])
def test_404_speaks_the_language_of_the_missing_address(
    site: Path, custom_domain_site: Path, serve, browser, deployment: str, missing: str, lang: str
) -> None:
    root, url = (site, SITE_URL) if deployment == "project" else (custom_domain_site, CUSTOM_URL)
    local = serve(root, url)
    page = browser.new_page()
    try:
        response = page.goto(local + missing)
        assert response.status == 404
        assert page.evaluate("document.documentElement.lang") == lang
        visible = [s.get_attribute("lang") for s in page.locator("section.not-found__version").all() if s.is_visible()]
        assert visible == [lang]
        title = {"lv": "Lapa nav atrasta", "en": "Page not found"}[lang]
        assert page.title().startswith(title)
        home = page.locator(f"section[lang={lang}] a", has_text={"lv": "sākumlapu", "en": "home page"}[lang])
        home.click()
        page.wait_for_url(local + LANGUAGE_PREFIX[lang])
        assert page.evaluate("document.documentElement.lang") == lang
        page.goto(local + missing)
        page.fill(f"#not-found-q-{lang}", "pašvaldību")
        page.locator(f"section[lang={lang}] form button").click()
        page.wait_for_url(local + LANGUAGE_PREFIX[lang] + "?q=*")
        assert page.evaluate("document.documentElement.lang") == lang
    finally:
        page.close()


def test_404_without_javascript_shows_both_languages(site: Path, serve, no_js_browser) -> None:
    local = serve(site, SITE_URL)
    page = no_js_browser.new_page()
    try:
        assert page.goto(local + "en/no-such-page/").status == 404
        visible = [s.get_attribute("lang") for s in page.locator("section.not-found__version").all() if s.is_visible()]
        assert visible == ["lv", "en"]
    finally:
        page.close()


# --- both deployments --------------------------------------------------------

def test_custom_domain_build_writes_cname_and_project_build_does_not(site: Path, custom_domain_site: Path) -> None:
    assert (custom_domain_site / "CNAME").read_text(encoding="utf-8") == urlsplit(CUSTOM_URL).hostname + "\n"
    assert not (site / "CNAME").exists()


@pytest.mark.parametrize("deployment", ["project", "custom"])
def test_every_internal_link_resolves(site: Path, custom_domain_site: Path, deployment: str) -> None:
    """Links in every page (404 and redirect pages included) land on a file of
    the same build, at either deployment's base path."""
    root, url = (site, SITE_URL) if deployment == "project" else (custom_domain_site, CUSTOM_URL)
    base = urlsplit(url)
    broken = []
    for file in root.rglob("*.html"):
        path = file.relative_to(root).as_posix()
        page_url = url + (path.removesuffix("index.html") if path != "404.html" else "no-such-page/")
        for element in soup_of(file).find_all(["a", "link", "script", "img"]):
            href = element.get("href") or element.get("src")
            if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
                continue
            target = urlsplit(urljoin(page_url, href))
            if target.netloc != base.netloc:
                continue
            assert target.path.startswith(base.path), (path, href)
            local = root / target.path.removeprefix(base.path)
            if not (local.is_file() or (local / "index.html").is_file()):
                broken.append((path, href))
    assert not broken
