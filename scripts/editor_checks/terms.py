"""Terms: each Latvian administrative term has one English rendering.

data/terms.yml lists the terms the site uses, each with its rendering in
both languages and, per language, the renderings to avoid ("county" where
the site says "municipality", "inhabitants" where it says "residents").
Every page and every data text is read in its language (a part marked
<span lang="…"> in its own), and a rendering to avoid is reported at its
file, line and column with the one to write instead.

Quoted text is left alone, since a quotation keeps the words its author
wrote: in a page, <q>…</q>, <blockquote>…</blockquote> and Markdown quote
lines ("> …"); in data, the fields terms.yml lists under `quotations`
("results.*.registered.text", * for each item of a list); and the names a
term lists under `names`, which contain a rendering to avoid but are right
as they are. terms.yml itself, which names the renderings to avoid, is not
read.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path

from .prose import DataText, Page, data_pairs, pages, sitedata

TERMS = "data/terms.yml"
QUOTED_HTML = re.compile(r"<(?P<tag>q|blockquote)\b[^>]*>.*?</(?P=tag)\s*>", re.S | re.I)
QUOTED_MARKDOWN = re.compile(r"^[ \t]{0,3}>.*$", re.M)


@dataclass(frozen=True)
class Avoid:
    pattern: re.Pattern
    form: str  # as terms.yml writes it
    preferred: str
    term: str  # the Latvian term, which names the entry in messages
    names: tuple[str, ...] = ()  # names in which the form is right ("Association of Polish Counties")

    def found(self, text: str) -> list[re.Match]:
        """The matches of the form in text, outside the term's names."""
        spans = [m.span() for name in self.names for m in re.finditer(re.escape(name), text)]
        return [m for m in self.pattern.finditer(text) if not any(start <= m.start() < end for start, end in spans)]


def read_terms(root: Path) -> tuple[dict[str, list[Avoid]], list[str]]:
    """({language: renderings to avoid}, quotation field patterns); nothing
    when terms.yml does not parse (the data check reports it)."""
    try:
        document, _ = sitedata.read_yaml(root / TERMS, TERMS)
    except sitedata.DataError:
        return {}, []
    avoid: dict[str, list[Avoid]] = {}
    for term in (document or {}).get("terms") or []:
        if not isinstance(term, dict) or not isinstance(term.get("avoid"), dict):
            continue
        for lang, forms in term["avoid"].items():
            for form in forms or []:
                if isinstance(form, str) and isinstance(term.get(lang), str):
                    pattern = re.compile(r"(?<![\w-])" + re.escape(form).replace(r"\ ", r"\s+") + r"(?![\w-])", re.I)
                    names = tuple(n for n in term.get("names") or [] if isinstance(n, str))
                    avoid.setdefault(lang, []).append(Avoid(pattern, form, term[lang], str(term.get("lv")), names))
    quotations = [str(q) for q in (document or {}).get("quotations") or []]
    return avoid, quotations


def _message(shown: str, line: int, column: int, prefix: str, found: str, avoid: Avoid) -> str:
    whose = "the site's term" if avoid.preferred == avoid.term else f"the site's one rendering of \"{avoid.term}\""
    return (f"{shown}:{line}:{column}: {prefix}\"{found}\" is a rendering to avoid: write \"{avoid.preferred}\" "
            f"({whose}, {TERMS}), unless it is quoted as published.")


def _quoted(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in QUOTED_HTML.finditer(text)] + [m.span() for m in QUOTED_MARKDOWN.finditer(text)]


def page_messages(page: Page, avoid: dict[str, list[Avoid]]) -> list[str]:
    quoted = _quoted(page.source.text)
    messages = []
    for lang, entries in avoid.items():
        for entry in entries:
            for match in entry.found(page.text):
                at = match.start()
                if page.lang_at(at) != lang or any(start <= at < end for start, end in quoted):
                    continue
                line, column = page.source.where(at)
                messages.append(_message(page.source.shown, line, column, "", match.group(0), entry))
    return messages


def _dotted(text: DataText) -> str:
    """'results.*.registered.text' for a data text's place in its file."""
    name = Path(text.source.shown).stem
    steps = [step if isinstance(step, str) else "*" for step in text.path]
    return ".".join([name, *steps])


def data_messages(text: DataText, avoid: dict[str, list[Avoid]], quotations: list[str]) -> list[str]:
    if text.source.shown == TERMS or any(fnmatch.fnmatchcase(_dotted(text), q) for q in quotations):
        return []
    messages = []
    for entry in avoid.get(text.lang, []):
        matches = entry.found(text.value)
        for match, at in zip(matches, text.locate([m.group(0) for m in matches])):
            line, column = text.source.where(at)
            prefix = f"{text.label}{text.name}: "
            messages.append(_message(text.source.shown, line, column, prefix, match.group(0), entry))
    return messages


def check(root: Path) -> list[str]:
    avoid, quotations = read_terms(root)
    if not avoid:
        return []
    messages = [m for page in pages(root) for m in page_messages(page, avoid)]
    for pair in data_pairs(root):
        for text in pair:
            messages += data_messages(text, avoid, quotations)
    return messages
