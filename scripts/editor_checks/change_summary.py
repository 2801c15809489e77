"""The difference a change makes, written for people: Markdown and a terminal's short form.

`markdown()` is the part of the pull request's job summary (and of
build-output/changes.md) that shows what the change does to the published
site: a Latvian section headed in Latvian, an English section headed in
English, each with a count first, then every changed page as a collapsible
<details> block (open when there are few) with its title, its published
address and its changed passages, deletions as ~~old~~ and insertions as
**new**; then new, removed and redirected addresses, the navigation and
footer changes shared by many pages (once), the feed's entries, new
documents and the one line for the whole-record page.

What it quotes is escaped (Markdown and HTML), long passages are cut with
a count of the words left out, each page shows at most MAX_PASSAGES, and
the whole part stays below BUDGET bytes (GitHub takes 1 MiB per step
summary): past it, pages are named without their passages, and past
MAX_LINES not at all, with a count of what was left out.

`terminal()` is what `make check` prints: one line per changed page (its
first passage, marked [-old-]{+new+} as `git diff --word-diff` does), at
most TERMINAL_PAGES of them in each language.
"""

from __future__ import annotations

import html
import re

from .difference import Difference, Language
from .word_diff import Passage

MAX_WORDS = 30  # of one deleted or inserted run
MAX_PASSAGES = 10  # per page
OPEN_UP_TO = 5  # pages shown open; more are collapsed
BUDGET = 300_000  # bytes of the whole part
MAX_LINES = 400  # pages named (title and address) once the budget is spent
TERMINAL_PAGES = 4  # per language
TERMINAL_WIDTH = 150

# Each language's section is written in that language.
TEXT = {
    "lv": {
        "heading": "Latviski",
        "pages": "Mainītās lapas",
        "places": "izmaiņu vietas",
        "more_places": "Vēl izmaiņu vietas šajā lapā: {n}.",
        "description": "Apraksts meklētājiem",
        "new": "Jaunas adreses",
        "removed": "Vairs nepublicētas adreses",
        "redirected": "Pāradresētas adreses",
        "frame": "Navigācija, galvene vai kājene",
        "every_page": "visās lapās ({n})",
        "some_pages": "{n} no {of} lapām",
        "feed": "Jaunumu plūsma",
        "feed_entries": "Plūsmas ieraksti",
        "added": "pievienots",
        "changed": "mainīts",
        "removed_entry": "izņemts",
        "documents": "Jauni dokumenti",
        "record": "Arī visa arhīva lapā",
        "nothing": "Neviena lasītājam redzama teksta izmaiņa.",
        "cut": "izlaisti vārdi: {n}",
        "named_only": "Pārējās mainītās lapas (bez izmaiņu vietām, lai kopsavilkums nebūtu pārāk garš):",
        "more_pages": "Un vēl mainītas lapas: {n}.",
    },
    "en": {
        "heading": "English",
        "pages": "Changed pages",
        "places": "changed places",
        "more_places": "More changed places on this page: {n}.",
        "description": "Description for search engines",
        "new": "New addresses",
        "removed": "Addresses no longer published",
        "redirected": "Redirected addresses",
        "frame": "Navigation, header or footer",
        "every_page": "on every page ({n})",
        "some_pages": "on {n} of {of} pages",
        "feed": "News feed",
        "feed_entries": "Feed entries",
        "added": "added",
        "changed": "changed",
        "removed_entry": "removed",
        "documents": "New documents",
        "record": "Also in the whole record",
        "nothing": "No text a reader sees has changed.",
        "cut": "{n} words left out",
        "named_only": "The other changed pages (without their passages, to keep the summary short enough):",
        "more_pages": "And more changed pages: {n}.",
    },
}
HEADING = "### Ko izmaiņas dara vietnē · What the change does to the site"


# --- Markdown ----------------------------------------------------------------------------

_MARKDOWN = re.compile(r"([\\`*_\[\]|~#])")


def escape(text: str, line_start: bool = False) -> str:
    """Text shown as typed in Markdown and HTML; at the start of a line, not
    read as a list item ("- …", "2022. …")."""
    text = _MARKDOWN.sub(r"\\\1", html.escape(text, quote=False))
    if line_start:
        text = re.sub(r"^(\d+)([.)])", r"\1\\\2", re.sub(r"^([-+])", r"\\\1", text))
    return text


def _words(words: tuple[str, ...], lang: str, mark: str) -> str:
    if len(words) > MAX_WORDS:
        shown = " ".join(words[:MAX_WORDS])
        return f"{mark}{escape(shown)}{mark} ({TEXT[lang]['cut'].format(n=len(words) - MAX_WORDS)})"
    return f"{mark}{escape(' '.join(words))}{mark}"


def passage_markdown(passage: Passage, lang: str, line_start: bool = True) -> str:
    """One passage in Markdown: ~~deleted~~ **inserted**, the rest as it
    reads; `line_start`: it begins a line (of a list item)."""
    out = ["…"] if passage.cut_before else []
    for part in passage.parts:
        if part.kind == "same":
            out.append(escape(" ".join(part.words), line_start=line_start and not out))
        else:
            out.append(_words(part.words, lang, "~~" if part.kind == "deleted" else "**"))
    if passage.cut_after:
        out.append("…")
    return " ".join(out)


def _link(difference: Difference, address: str) -> str:
    return f'<a href="{html.escape(difference.absolute(address))}">/{html.escape(address)}</a>'


def _page_block(difference: Difference, page, lang: str, open_: bool) -> list[str]:
    text = TEXT[lang]
    count = len(page.passages) + len(page.description)
    summary = f"<b>{html.escape(page.title)}</b> · {_link(difference, page.address)} · {text['places']}: {count}"
    lines = [f"<details{' open' if open_ else ''}><summary>{summary}</summary>", ""]
    sections = page.sections or [""] * len(page.passages)
    said = ""  # the heading the passages above already named
    for passage, section in list(zip(page.passages, sections))[:MAX_PASSAGES]:
        under = f"*{escape(section)}:* " if section and section != said else ""
        lines.append(f"- {under}{passage_markdown(passage, lang, line_start=not under)}")
        # A heading added or changed is itself what the passages below stand under.
        said = section or " ".join(passage.words("inserted") or passage.words("same"))
    if len(page.passages) > MAX_PASSAGES:
        lines.append(f"- {text['more_places'].format(n=len(page.passages) - MAX_PASSAGES)}")
    for passage in page.description:
        lines.append(f"- *{text['description']}:* {passage_markdown(passage, lang)}")
    return lines + ["", "</details>", ""]


def _language(difference: Difference, section: Language, budget: list[int]) -> list[str]:
    return [f"#### {TEXT[section.code]['heading']}", ""] + language_markdown(difference, section, budget)


def language_markdown(difference: Difference, section: Language, budget: list[int] | None = None) -> list[str]:
    """The lines of one language's section, under its heading. `budget`: the
    bytes left for page blocks, shared by the sections (and spent here)."""
    lang, text = section.code, TEXT[section.code]
    budget = budget if budget is not None else [BUDGET]
    out: list[str] = []
    if section.empty:
        return out + [text["nothing"], ""]
    counts = [(text["pages"], len(section.pages)), (text["new"], len(section.new)), (text["removed"], len(section.removed)),
              (text["redirected"], len(section.redirected)), (text["feed_entries"], len(section.feed)), (text["documents"], len(section.documents))]
    out += ["**" + "; ".join(f"{label}: {n}" for label, n in counts if n) + "**" if any(n for _, n in counts) else "", ""]
    named: list[str] = []
    for page in section.pages:
        block = _page_block(difference, page, lang, open_=len(section.pages) <= OPEN_UP_TO)
        size = sum(len(line.encode("utf-8")) + 1 for line in block)
        if size <= budget[0] and not named:
            out += block
            budget[0] -= size
        else:
            named.append(page)
    if named:
        out += [text["named_only"], ""]
        for page in named[:MAX_LINES]:
            out.append(f"- <b>{html.escape(page.title)}</b> · {_link(difference, page.address)}")
        if len(named) > MAX_LINES:
            out.append(f"- {text['more_pages'].format(n=len(named) - MAX_LINES)}")
        out.append("")
    if section.whole_record:
        out += [f"{text['record']}: {_link(difference, section.whole_record)}.", ""]
    for key, items in (("new", section.new), ("removed", section.removed)):
        if items:
            out += [f"**{text[key]}:**", ""]
            out += [f"- {_link(difference, address)}" + (f" · {escape(title)}" if title else "") for address, title in items[:MAX_LINES]]
            out.append("")
    if section.redirected:
        out += [f"**{text['redirected']}:**", ""]
        out += [f"- {_link(difference, old)} → {_link(difference, new)}" for old, new in section.redirected[:MAX_LINES]]
        out.append("")
    if section.frame:
        out += [f"**{text['frame']}:**", ""]
        for change in section.frame[:MAX_PASSAGES]:
            where = text["every_page"].format(n=change.pages) if change.pages >= change.of else text["some_pages"].format(n=change.pages, of=change.of)
            out.append(f"- {where}: {passage_markdown(change.passage, lang)}")
        out.append("")
    if section.feed:
        out += [f"**{text['feed']}** ({_link(difference, section.feed_address)}):", ""]
        for entry in section.feed[:MAX_LINES]:
            state = text["removed_entry" if entry.state == "removed" else entry.state]
            line = f"- {state}: <a href=\"{html.escape(entry.href)}\">{html.escape(entry.title)}</a>"
            if entry.passages:
                line += " — " + " ".join(passage_markdown(p, lang, line_start=False) for p in entry.passages[:3])
            out.append(line)
        out.append("")
    if section.documents:
        out += [f"**{text['documents']}:**", ""]
        for document in section.documents:
            details = ", ".join(x for x in (document.format, document.size) if x)
            out.append(f"- {_link(difference, document.address)} · {escape(document.title)}" + (f" ({escape(details)})" if details else ""))
        out.append("")
    return out


def markdown(difference: Difference | None, compared: tuple[str, str] | None, problem: str | None = None) -> str:
    """This part of the job summary. `compared`: the base's branch and
    commit, ("main", "b921dab"); `problem`: why there is no difference to show."""
    out = [HEADING, ""]
    if problem or difference is None:
        return "\n".join(out + [escape(_sentence(problem or ""))]) + "\n"
    base = f"`{compared[0]}` ({compared[1]})"
    out += [f"Salīdzināts ar {base} · Compared with {base}.", ""]
    budget = [BUDGET]
    for section in difference.languages:
        out += _language(difference, section, budget)
    return "\n".join(out).rstrip("\n") + "\n"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- The terminal ------------------------------------------------------------------------


def passage_plain(passage: Passage) -> str:
    out = ["…"] if passage.cut_before else []
    for part in passage.parts:
        words = " ".join(part.words[:MAX_WORDS]) + (" …" if len(part.words) > MAX_WORDS else "")
        out.append({"same": "{}", "deleted": "[-{}-]", "inserted": "{{+{}+}}"}[part.kind].format(words))
    if passage.cut_after:
        out.append("…")
    return " ".join(out)


def _cut(line: str) -> str:
    return line if len(line) <= TERMINAL_WIDTH else line[: TERMINAL_WIDTH - 1] + "…"


def terminal(difference: Difference | None, compared: tuple[str, str] | None, problem: str | None, written_to: str | None) -> list[str]:
    """The short form `make check` prints."""
    if problem or difference is None:
        return [f"What the change does to the site: {problem}"]
    out = [f"What the change does to the site, compared with {compared[0]} ({compared[1]}):"]
    for section in difference.languages:
        for page in section.pages[:TERMINAL_PAGES]:
            first = (page.passages or page.description)[0]
            more = len(page.passages) + len(page.description) - 1
            out.append(_cut(f"  {section.code} /{page.address} \"{page.title}\": {passage_plain(first)}" + (f"  (+{more} more)" if more else "")))
        if len(section.pages) > TERMINAL_PAGES:
            out.append(f"  {section.code} … and {len(section.pages) - TERMINAL_PAGES} more changed page(s)")
    counts = []
    for section in difference.languages:
        parts = [f"{n} {one if n == 1 else many}" for one, many, n in (
            ("new address", "new addresses", len(section.new)), ("removed", "removed", len(section.removed)),
            ("redirected", "redirected", len(section.redirected)), ("feed entry", "feed entries", len(section.feed)),
            ("new document", "new documents", len(section.documents)), ("frame change", "frame changes", len(section.frame))) if n]
        if section.whole_record:
            parts.append("also in the whole record")
        if parts:
            counts.append(f"{section.code}: " + ", ".join(parts))
    if counts:
        out.append("  " + "; ".join(counts))
    if difference.empty:
        out.append("  no text a reader sees has changed")
    if written_to:
        out.append(f"The whole difference, passage by passage: {written_to}")
    return out
