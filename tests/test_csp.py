"""The content security policy of every HTML file the build writes (content
pages, generated pages, 404.html; redirect pages, which the real site has
none of yet, in the moved copy of tests/test_addresses.py), read from the
files with BeautifulSoup and checked against the page's own inline scripts:
the policy is first in the head after the charset, allows only the site
itself, and names exactly the hashes of the scripts the page has.
What the build refuses (markup no hash can allow) and how it hashes are
tested on the hook itself (hooks/csp.py). Chromium's view of the same pages:
tests/browser/test_csp.py.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from conftest import ROOT, copy_project

sys.path.insert(0, str(ROOT / "hooks"))

import csp  # noqa: E402

POLICY_TEMPLATE = (ROOT / "overrides" / "partials" / "csp.html").read_text(encoding="utf-8").split("-#}", 1)[1]

# Script types a browser runs; anything else (JSON-LD) is a data block,
# never run, and outside the policy.
RUN_TYPES = {"", "text/javascript", "module", "application/javascript"}
REQUIRED = {
    "default-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
IGNORED_IN_META = ("frame-ancestors", "report-uri", "sandbox")
UNSAFE = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "http:", "https:")


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def parse_policy(content: str) -> dict[str, list[str]]:
    directives = {}
    for part in content.split(";"):
        name, *sources = part.split()
        directives[name.lower()] = sources
    return directives


def policy_problems(html: str) -> list[str]:
    """What is wrong with the policy of one HTML document; [] when nothing."""
    soup = BeautifulSoup(html, "html.parser")
    metas = soup.find_all("meta", attrs={"http-equiv": lambda v: v and v.lower() == "content-security-policy"})
    if len(metas) != 1:
        return [f"{len(metas)} content security policies (one expected)"]
    meta = metas[0]
    problems = []
    # A policy governs only what comes after it: nothing but the charset before it.
    first = soup.head.find_all(True, recursive=False)[:2] if soup.head else []
    if len(first) != 2 or not (first[0].name == "meta" and first[0].has_attr("charset")) or first[1] is not meta:
        problems.append(f"the policy is not first in the head after <meta charset>: the head begins {[str(tag)[:60] for tag in first]}")
    policy = parse_policy(meta["content"])
    for name, sources in REQUIRED.items():
        if policy.get(name) != sources:
            problems.append(f"{name} is {policy.get(name)}, not {sources}")
    for name in IGNORED_IN_META:
        if name in policy:
            problems.append(f"{name} is ignored in a meta element")
    for name, sources in policy.items():
        if unsafe := [s for s in sources if s in UNSAFE]:
            problems.append(f"{name} allows {unsafe}")
    if set(policy.get("img-src", [])) - {"'self'", "data:"} or "'self'" not in policy.get("img-src", []):
        problems.append(f"img-src is {policy.get('img-src')}")
    scripts = [s for s in soup.find_all("script") if not s.has_attr("src") and s.get("type", "").lower() in RUN_TYPES]
    styles = soup.find_all("style")
    for name, inline in (("script-src", scripts), ("style-src", styles)):
        expected = ["'self'", *dict.fromkeys(sha256_source(element.string or "") for element in inline)]
        if policy.get(name) != expected:
            problems.append(f"{name} is {policy.get(name)}, the page's own inline code needs {expected}")
    for tag in soup.find_all(True):
        for attribute in tag.attrs:
            if attribute.startswith("on") or attribute == "style":
                problems.append(f"<{tag.name} {attribute}=…> (the policy blocks it)")
    referrer = soup.find("meta", attrs={"name": "referrer"})
    if not referrer or referrer.get("content") != "strict-origin-when-cross-origin":
        problems.append("no <meta name=referrer content=strict-origin-when-cross-origin>")
    return problems


def site_problems(site: Path) -> list[str]:
    return [f"{file.relative_to(site)}: {problem}"
            for file in sorted(site.rglob("*.html"))
            for problem in policy_problems(file.read_text(encoding="utf-8"))]


def test_every_html_file_has_a_policy_for_exactly_its_inline_code(site: Path) -> None:
    files = sorted(site.rglob("*.html"))
    assert len(files) > 30 and site / "404.html" in files
    assert site_problems(site) == []


def test_the_404_page_script_is_allowed_by_its_hash(site: Path) -> None:
    soup = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    policy = parse_policy(soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"])
    hashes = [s for s in policy["script-src"] if s.startswith("'sha256-")]
    assert len(hashes) == 1, "404.html has one inline script (it picks the language)"


def test_a_page_that_gains_an_inline_script_the_build_did_not_hash_is_named(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "en" / "about" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<script>document.title = 'x'</script></body>"), encoding="utf-8")
    problems = site_problems(copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith("en/about/index.html: script-src is ["), problems
    assert sha256_source("document.title = 'x'") in problems[0]


def test_markup_the_policy_would_block_stops_the_build_at_its_line(tmp_path: Path) -> None:
    copy = copy_project(tmp_path / "project")
    page = copy / "docs" / "en" / "contact.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + '\n<span style="color: red">Important</span>\n', encoding="utf-8")
    line = len(text.splitlines()) + 2
    result = subprocess.run([sys.executable, "scripts/build.py", "--site-dir", str(tmp_path / "site")],
                            cwd=copy, capture_output=True, text=True)
    assert result.returncode != 0
    assert (f'docs/en/contact.md:{line}: <span style="color: red">: the site\'s content security policy blocks a style '
            "attribute: give the element a class (in Markdown: { .name }) styled in overrides/assets/stylesheets/.") in result.stderr.splitlines(), result.stderr
    assert not (tmp_path / "site").exists(), "nothing is published"


@pytest.mark.parametrize(("markup", "why"), [
    ('<button type="button" onclick="print()">Print</button>', 'an event handler attribute: add the handler in a script file'),
    ('<a href="javascript:print()">Print</a>', "a javascript: address"),
])
def test_markup_a_template_adds_that_the_policy_would_block_names_the_page(markup: str, why: str) -> None:
    page = f'<!doctype html><html><head><meta charset="utf-8">{POLICY_TEMPLATE}</head><body>{markup}</body></html>'
    with pytest.raises(PluginError) as error:
        csp.with_policy(page, "page /en/contact/ (made from docs/en/contact.md and the templates in overrides/)")
    assert str(error.value).startswith("page /en/contact/ (made from docs/en/contact.md and the templates in overrides/): <")
    assert f"the site's content security policy blocks {why}" in str(error.value)


def test_the_build_hashes_exactly_what_it_parsed() -> None:
    scripts = ["location.replace('../x/')", "a = 1;\r\nb = 2"]
    page = (f'<!doctype html><html><head><meta charset="utf-8">{POLICY_TEMPLATE}'
            '<script type="application/ld+json">{"a": 1}</script></head><body>'
            + "".join(f"<script>{s}</script>" for s in scripts) + f"<script>{scripts[0]}</script></body></html>")
    policy = parse_policy(BeautifulSoup(csp.with_policy(page, "test"), "html.parser").find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"])
    # The browser hashes the text as parsed: CR LF becomes LF. JSON-LD is never run.
    assert policy["script-src"] == ["'self'", sha256_source(scripts[0]), sha256_source("a = 1;\nb = 2")]
    assert policy["style-src"] == ["'self'"]


def test_the_serve_preview_lets_mkdocs_live_reload_script_run() -> None:
    """MkDocs injects its live-reload script, different on every request,
    into each page `mkdocs serve` sends: the preview's policy allows inline
    scripts (no hash would), a built site's never does."""
    page = f'<!doctype html><html><head><meta charset="utf-8">{POLICY_TEMPLATE}</head><body><script>x()</script></body></html>'

    def script_sources() -> list[str]:
        filled = BeautifulSoup(csp.with_policy(page, "test"), "html.parser")
        return parse_policy(filled.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"])["script-src"]

    try:
        csp.on_startup("serve", dirty=False)
        assert script_sources() == ["'self'", "'unsafe-inline'"]
    finally:
        csp.on_startup("build", dirty=False)
    assert script_sources() == ["'self'", sha256_source("x()")]


def test_parsing_only_the_inline_parts_finds_what_parsing_the_whole_page_finds(site: Path) -> None:
    for file in sorted(site.rglob("*.html")):
        html = file.read_text(encoding="utf-8")
        whole, parts = csp._InlineCode(), csp._InlineCode()
        whole.feed(html)
        parts.feed(csp._inline_parts(html))
        assert (parts.policy_tag, parts.scripts, parts.styles) == (whole.policy_tag, whole.scripts, whole.styles), file
        assert whole.policy_tag and whole.refused == []
