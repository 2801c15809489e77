"""Content security policy hook: each page's policy allows exactly the inline
scripts and styles that page has.

Events: on_startup (is this `mkdocs serve`?), on_post_page and
on_post_template (each page's and 404.html's finished HTML, after every
other hook), on_post_build (the redirect pages hooks/redirects.py writes
straight into site_dir). Reads and rewrites only built HTML.

overrides/partials/csp.html puts the policy first in every page's head, with
two placeholders; here they become the SHA-256 hashes of the inline script
and style elements of the finished page, found with an HTML parser, so a
template change needs no list of hashes kept by hand. A data block (such as
the JSON-LD, type="application/ld+json") is never run, so the policy does
not cover it. What a policy can allow only with 'unsafe-inline' or
'unsafe-hashes' stops the build instead, naming the page and the fix: an
event handler attribute (onclick=…), a javascript: address, a style
attribute.

Under `mkdocs serve` (the preview, never published) scripts get
'unsafe-inline' instead of hashes: MkDocs injects its live-reload script into
every page it serves, different on every request, so no hash can allow it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

POLICY_META = "content-security-policy"
SCRIPT_HASHES = "'inline-script-hashes'"
STYLE_HASHES = "'inline-style-hashes'"
# Types that make a <script> run (HTML: "JavaScript MIME type essence match").
JAVASCRIPT_TYPES = {
    "", "module", "text/javascript", "application/javascript", "application/ecmascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript1.0", "text/javascript1.1", "text/javascript1.2",
    "text/javascript1.3", "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript",
    "text/x-ecmascript", "text/x-javascript",
}
ADDRESS_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}
PREVIEW_SCRIPTS = "'unsafe-inline'"  # `mkdocs serve` only (see above)
HEAD_BYTES = 4096
LAST = -2000  # after every other hook (hooks/compact_html.py runs at -1000)


_preview = False


def on_startup(command: str, dirty: bool) -> None:
    global _preview
    _preview = command == "serve"


def source_hash(text: str) -> str:
    """The CSP hash source of an inline element's text, as a browser
    computes it (the HTML parser turns every CR LF and CR into LF)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@dataclass(frozen=True)
class Refused:
    attribute: str  # as written: name="value"
    element: str  # <tag name="value"> (shortened)
    why: str


class _InlineCode(HTMLParser):
    """The policy's meta tag, the inline scripts and styles, and what no
    hash can allow, of one HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.policy_tag: str | None = None
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.refused: list[Refused] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta" and values.get("http-equiv", "").lower() == POLICY_META and self.policy_tag is None:
            self.policy_tag = self.get_starttag_text()
        if tag == "script" and "src" not in values and values.get("type", "").strip().lower() in JAVASCRIPT_TYPES:
            self._open = self.scripts
            self.scripts.append("")
        elif tag == "style":
            self._open = self.styles
            self.styles.append("")
        for name, value in values.items():
            if name.startswith("on"):
                why = "an event handler attribute: add the handler in a script file under overrides/assets/javascripts/"
            elif name == "style":
                why = "a style attribute: give the element a class (in Markdown: { .name }) styled in overrides/assets/stylesheets/"
            elif name in ADDRESS_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                why = "a javascript: address: link to a page, or add the behaviour in a script file"
            else:
                continue
            self.refused.append(Refused(f'{name}="{value}"', f'<{tag} {name}="{value[:60]}">', why))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._open = None


def with_policy(html: str, where: str, source: tuple[str, Path] | None = None) -> str:
    """`html` with its policy's placeholders replaced by the hashes of its
    inline scripts and styles; PluginError for what the policy cannot allow,
    at its line of `source` (the page's Markdown: its name in messages and
    its path) when written there, else naming `where`."""
    found = _InlineCode()
    found.feed(html if _REFUSABLE.search(html.lower()) else _inline_parts(html))
    found.close()
    if found.refused:
        raise PluginError("\n".join(dict.fromkeys(_place(item, where, source) + f"{item.element}: the site's content "
                                                   f"security policy blocks {item.why}." for item in found.refused)))
    if found.policy_tag is None:
        raise PluginError(f"{where}: no content security policy; its template must include partials/csp.html first in <head>")
    tag = found.policy_tag
    script_sources = [PREVIEW_SCRIPTS] if _preview else list(dict.fromkeys(map(source_hash, found.scripts)))
    style_sources = list(dict.fromkeys(map(source_hash, found.styles)))
    filled = tag
    for placeholder, sources in ((SCRIPT_HASHES, script_sources), (STYLE_HASHES, style_sources)):
        filled = filled.replace(" " + placeholder, "".join(" " + source for source in sources))
    return html.replace(tag, filled, 1)


# Where a page may hold markup the policy cannot allow (case folded). Most
# pages hold none: then only the parts the policy is about are parsed (the
# policy's meta element, each script and style element), not the whole page
# (a tenth of the time). The browser enforces the policy either way.
_REFUSABLE = re.compile(r"\s(?:on[a-z]+|style)\s*=|javascript:")


def _inline_parts(html: str) -> str:
    """The policy's meta tag and every script and style element of `html`,
    cut out as they stand (the whole page if one is not closed)."""
    lowered = html.lower()
    parts = []
    at = lowered.find(POLICY_META)
    if at >= 0:
        parts.append(html[lowered.rfind("<meta", 0, at):lowered.find(">", at) + 1])
    for tag in ("script", "style"):
        start = lowered.find("<" + tag)
        while start >= 0:
            end = lowered.find("</" + tag, start)
            if end < 0:
                return html
            end = lowered.find(">", end) + 1
            parts.append(html[start:end])
            start = lowered.find("<" + tag, end)
    return "".join(parts)


def _place(item: Refused, where: str, source: tuple[str, Path] | None) -> str:
    if source is not None and source[1].is_file():
        for number, line in enumerate(source[1].read_text(encoding="utf-8").splitlines(), 1):
            if item.attribute in line or item.attribute.replace('"', "'") in line:
                return f"{source[0]}:{number}: "
    return f"{where}: "


@event_priority(LAST)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    generated = page.meta.get("generated_from")
    source = generated or f"docs/{page.file.src_uri}"
    markdown = None if generated or not page.file.abs_src_path else (source, Path(page.file.abs_src_path))
    return with_policy(output, f"page /{page.url} (made from {source} and the templates in overrides/)", markdown)


@event_priority(LAST)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html") or not output_content:
        return output_content
    return with_policy(output_content, f"overrides/{template_name}")


@event_priority(LAST)
def on_post_build(config: MkDocsConfig) -> None:
    # Pages written without a template event (hooks/redirects.py): those
    # whose head still carries the placeholder (the policy is in the first
    # few hundred bytes, so a large site's pages are not read whole).
    placeholder = SCRIPT_HASHES.encode("utf-8")
    for file in sorted(Path(config.site_dir).rglob("*.html")):
        with file.open("rb") as start:
            if placeholder not in start.read(HEAD_BYTES):
                continue
        html = file.read_text(encoding="utf-8")
        file.write_text(with_policy(html, f"{file.relative_to(config.site_dir)} (written by the build)"), encoding="utf-8")
