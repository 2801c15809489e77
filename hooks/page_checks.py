"""Page checks hook: every mistake in docs/ becomes one line naming file and line.

Events: on_config (check the page sources — a twin in every other language,
title and description in the front matter, the same explicit heading ids in
all languages, every cite("…") naming a source of data/sources.yml, every
`see:` of data/ naming a page — and stop the build with one line per mistake; install the
logging filters that make the macros plugin's errors and MkDocs' link and
navigation warnings name the source file and line and say how to fix
them; log a warning for each file of docs/ that no page uses). Reads docs/;
writes nothing. scripts/check.py runs `check_sources`
without a build.

Why our own code: MkDocs names a broken link's page but not its line, the
macros plugin prints a Markdown block with a traceback, and neither checks
that a page has its translation. The wording is rewritten here, once, so
that `make serve`, `make check` and `make build` say the same thing.
"""

from __future__ import annotations

import logging
import posixpath
import re
import sys
import traceback
from pathlib import Path

import jinja2
import yaml
from markdown.extensions.toc import slugify
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from helpers import citations, compat, published, sitedata, unused

IMAGE = re.compile(r"\.(png|jpe?g|gif|svg|webp|avif)$", re.I)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*$", re.M)
EXPLICIT_ID = re.compile(r"\{[^}]*#([A-Za-z0-9_-]+)[^}]*\}\s*$")
ANCHOR_LINK = re.compile(r"\]\(\s*<?([^)\s>#]*\.md)?#([^)\s>]+)>?\s*\)")


# --- Checks of the sources, without a build ---------------------------------

def check_sources(root: Path, langs: list[published.Language]) -> list[str]:
    """Every mistake in docs/<lang>/*.md a build cannot see, one line each."""
    docs = root / "docs"
    pages = {lang.code: {p.relative_to(docs / lang.code).as_posix() for p in (docs / lang.code).rglob("*.md")} for lang in langs}
    errors: list[str] = []
    for lang in langs:
        for other in langs:
            for page in sorted(pages[lang.code] - pages[other.code]):
                errors.append(
                    f"docs/{lang.code}/{page}:1: this page has no {other.english_name} twin docs/{other.code}/{page}: "
                    f"add the {other.english_name} page at exactly that path, or delete this one too."
                )
    for lang in langs:
        for page in sorted(pages[lang.code]):
            errors += _check_front_matter(docs, f"{lang.code}/{page}")
    for page in sorted(set.intersection(*pages.values())):
        errors += _check_heading_ids(docs, page, [lang.code for lang in langs])
    registry = _registered_sources(root)
    if registry is not None:
        for lang in langs:
            for page in sorted(pages[lang.code]):
                errors += _check_citations(docs, f"{lang.code}/{page}", registry)
    errors += _check_see_links(root, langs, pages)
    return errors


def _check_see_links(root: Path, langs: list[published.Language], pages: dict[str, set[str]]) -> list[str]:
    """Every `see:` of data/ (a result's evidence, a home page highlight)
    names a page of this site in every language: reported at its data line,
    where the build would name the page that shows the link."""
    found: dict[str, tuple] = {}
    for name in ("results", "project", "activities", "partners"):
        try:
            found[name] = sitedata.read_yaml(root / "data" / f"{name}.yml", f"data/{name}.yml")
        except sitedata.DataError:
            return []  # the data check reports it
    generated = {f"{kind}/{item['id']}.md" for kind in ("activities", "partners")
                 for item in (found[kind][0] or {}).get(kind) or [] if isinstance(item, dict) and isinstance(item.get("id"), str)}
    links = []  # (file, path to the value, label, see)
    for index, result in enumerate((found["results"][0] or {}).get("results") or []):
        for number, entry in enumerate(result.get("evidence") or [] if isinstance(result, dict) else []):
            if isinstance(entry, dict) and isinstance(entry.get("see"), str):
                links.append(("results", ("results", index, "evidence", number, "see"), f'result "{result.get("id")}": evidence {number + 1}: ', entry["see"]))
    for number, entry in enumerate((found["project"][0] or {}).get("highlights") or []):
        if isinstance(entry, dict) and isinstance(entry.get("see"), str):
            links.append(("project", ("highlights", number, "see"), f"highlight {number + 1}: ", entry["see"]))
    errors = []
    for name, where, label, see in links:
        page = see.split("#")[0]
        missing = [lang.code for lang in langs if page not in pages[lang.code] and page not in generated]
        if missing:
            line, column = found[name][1].get(where, (1, 1))
            errors.append(f'data/{name}.yml:{line}:{column}: {label}see is "{see}", but there is no page docs/{missing[0]}/{page}: '
                          "write the path of a page of this site as it is in docs/lv/ and docs/en/ (for example networks.md, "
                          "timeline.md#strategy-conference or activities/study-visits.md).")
    return errors


def _registered_sources(root: Path) -> dict[str, dict] | None:
    """The source registry's ids, or None when data/sources.yml does not
    parse (the data check reports that)."""
    try:
        document, _ = sitedata.read_yaml(root / "data" / "sources.yml", "data/sources.yml")
    except sitedata.DataError:
        return None
    items = document.get("sources") if isinstance(document, dict) else None
    return {item["id"]: item for item in items or [] if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _check_citations(docs: Path, src: str, registry: dict[str, dict]) -> list[str]:
    """Every cite("…") of a page names a registered source: all of them at
    once, at their lines (a build stops at the first)."""
    text = (docs / src).read_text(encoding="utf-8")
    return [f"docs/{src}:{line}: {citations.unknown(source_id, registry)}."
            for line, source_id in citations.calls(text) if source_id not in registry]


def _check_front_matter(docs: Path, src: str) -> list[str]:
    text = (docs / src).read_text(encoding="utf-8")
    shown = f"docs/{src}"
    match = FRONT_MATTER.match(text)
    if not match:
        return [f"{shown}:1: the page has no front matter: start it with the lines ---, title: …, description: …, --- (see any other page)."]
    try:
        meta = yaml.safe_load(match.group(1) or "") or {}
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 1
        return [f"{shown}:{line}: YAML syntax error in the front matter ({error.problem or error.context}): put a text that contains a colon in quotes (\"…\")."]
    if not isinstance(meta, dict):
        return [f"{shown}:2: the front matter must be key: value lines (title: …, description: …)."]
    errors = []
    for key, what in (("title", "the page title, shown in the browser tab and the navigation"),
                      ("description", "one sentence for search engines and link previews")):
        value = meta.get(key)
        if not isinstance(value, str) or not value.strip():
            state = "is empty" if key in meta else "is missing"
            errors.append(f"{shown}:2: the front matter's {key} {state}: add a line \"{key}: …\" ({what}) between the --- lines.")
    return errors


def _explicit_ids(text: str) -> dict[str, int]:
    ids = {}
    for match in HEADING.finditer(text):
        found = EXPLICIT_ID.search(match.group(1))
        if found:
            ids.setdefault(found.group(1), text.count("\n", 0, match.start()) + 1)
    return ids


def _check_heading_ids(docs: Path, page: str, codes: list[str]) -> list[str]:
    """Explicit heading ids ({#id}) are the anchors other pages link to: the
    same ids in every language, so one link works in all."""
    ids = {lang: _explicit_ids((docs / lang / page).read_text(encoding="utf-8")) for lang in codes}
    errors = []
    for lang in codes:
        for other, anchor, line in sorted((o, a, n) for a, n in ids[lang].items() for o in codes if o != lang):
            if anchor not in ids[other]:
                errors.append(
                    f"docs/{other}/{page}:1: the heading id #{anchor} (docs/{lang}/{page}:{line}) is missing here: "
                    f"add {{#{anchor}}} at the end of the matching heading, so links to it work in both languages."
                )
    # A link to a heading's automatic id breaks when its wording changes and
    # differs between languages: such headings need an explicit id.
    for lang in codes:
        text = (docs / lang / page).read_text(encoding="utf-8")
        for match in ANCHOR_LINK.finditer(text):
            target_page, anchor = match.group(1), match.group(2)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), target_page)) if target_page else page
            target_file = docs / lang / target
            if not target_file.is_file():
                continue
            target_text = target_file.read_text(encoding="utf-8")
            slugs = {slugify(EXPLICIT_ID.sub("", h), "-") for h in HEADING.findall(target_text)}
            if anchor not in _explicit_ids(target_text) and anchor in slugs:
                line = text.count("\n", 0, match.start()) + 1
                errors.append(
                    f"docs/{lang}/{page}:{line}: the link to #{anchor} uses a heading's automatic id, which changes with its wording: "
                    f"give the heading an explicit id, {{#{anchor}}} at its end, in {' and '.join(f'docs/{code}/{target}' for code in codes)}."
                )
    return errors


@event_priority(90)  # after hooks/data.py, before the macros plugin renders anything
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = published.project_root(config)
    langs = published.languages(config)
    errors = check_sources(root, langs)
    if errors:
        raise PluginError("Mistakes in docs/ (nothing was published):\n" + "\n".join(errors))
    if not published.building_other_language(config):
        # A file of docs/ no page uses: a warning (INFO, which --strict does
        # not count; scripts/build.py prints it).
        for line in unused.docs_warnings(root, langs):
            logging.getLogger("mkdocs.hooks.page_checks").info(line)
    docs_dir = Path(config.docs_dir)
    _install(_EditorMessages(root, docs_dir, langs), *compat.WARNING_LOGGERS)
    _install(_MacroErrors(root, docs_dir, config), compat.MACROS_ERROR_LOGGER)
    return config


def _install(log_filter: logging.Filter, *loggers: str) -> None:
    """Add the filter to the loggers, replacing the previous build's (once per language build)."""
    for name in loggers:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if type(f) is type(log_filter)]:
            logger.removeFilter(old)
        logger.addFilter(log_filter)


# --- Errors of the macros plugin -----------------------------------------------

class _MacroErrors(logging.Filter):
    """Turns the macros plugin's logged error into one line naming the page's
    source file and line, raised as a build error: the build stops there,
    and `mkdocs serve` keeps running and shows it. The error itself is the
    exception being handled while the plugin logs (sys.exc_info()); the page
    is named in the logged text (hooks/helpers/compat.py). tests/test_library_contract.py fails with
    the plugin's name and version if it stops logging this way."""

    def __init__(self, root: Path, docs_dir: Path, config: MkDocsConfig) -> None:
        super().__init__()
        self.root, self.docs_dir, self.config = root, docs_dir, config

    def filter(self, record: logging.LogRecord) -> bool:
        error = sys.exc_info()[1]
        page = compat.MACROS_ERROR_PAGE.search(record.getMessage())
        if record.levelno < logging.WARNING or error is None or page is None:
            return True
        raise PluginError(self.message(error, page.group(1)))

    def message(self, error: BaseException, src: str) -> str:
        shown = _shown(self.root, self.docs_dir, src)
        line = _template_line(error)
        if line is not None:
            line += _front_matter_lines(self.docs_dir / src)
        where = f"{shown}:{line}" if line else shown
        if isinstance(error, jinja2.TemplateSyntaxError):
            return (f"{where}: template syntax error ({error.message}): check the {{{{ … }}}} or {{% … %}} on this line; "
                    f"to show braces as text, wrap them in {{% raw %}}…{{% endraw %}}.")
        if isinstance(error, jinja2.UndefinedError):
            names = compat.macro_names(self.config)
            return (f"{where}: {error.message.replace(' is undefined', ' is not defined')}: check the spelling; "
                    f"the macros pages can use are {', '.join(names)} (see CONTRIBUTING.md).")
        return f"{where}: a macro on this line failed: {error}."


def _template_line(error: Exception) -> int | None:
    if isinstance(error, jinja2.TemplateSyntaxError) and error.name is None:
        return error.lineno
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == "<template>"]
    return frames[-1].lineno if frames else None


def _front_matter_lines(source: Path) -> int:
    """Lines MkDocs removed before the Markdown the macros see: the front
    matter and the blank lines after it."""
    try:
        text = source.read_text(encoding="utf-8")
    except OSError:
        return 0  # a page generated from data/
    match = FRONT_MATTER.match(text)
    rest = text[match.end():] if match else text
    return text.count("\n", 0, len(text) - len(rest.lstrip("\n")))


def _shown(root: Path, docs_dir: Path, src: str) -> str:
    path = docs_dir / src
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


# --- MkDocs' link and navigation warnings ---------------------------------------

class _EditorMessages(logging.Filter):
    """Rewrites MkDocs' warnings about links and the navigation into lines
    naming the source file and line, with the fix. The record's level is
    kept, so --strict still fails on them. MkDocs' wording, which is all
    there is to read, is in hooks/helpers/compat.py."""

    def __init__(self, root: Path, docs_dir: Path, langs: list[published.Language]) -> None:
        super().__init__()
        self.root, self.docs_dir = root, docs_dir
        self.names = {lang.code: lang.english_name for lang in langs}

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            try:
                rewritten = self.rewrite(record.getMessage())
            except Exception:  # a message we could not read stays as MkDocs wrote it
                rewritten = None
            if rewritten:
                record.msg, record.args = rewritten, ()
        return True

    def where(self, src: str, link: str) -> str:
        shown = _shown(self.root, self.docs_dir, src)
        try:
            lines = (self.docs_dir / src).read_text(encoding="utf-8").splitlines()
        except OSError:
            return shown
        pattern = re.compile(r"(\]\(\s*<?|(?:src|href)=[\"'])" + re.escape(link) + r"(?=[\s)\"'>])")
        for number, line in enumerate(lines, 1):
            if pattern.search(line):
                return f"{shown}:{number}"
        for number, line in enumerate(lines, 1):
            if link in line:
                return f"{shown}:{number}"
        return shown  # the link comes from a macro (data/ or overrides/content/)

    def rewrite(self, message: str) -> str | None:
        if message.startswith(compat.NOT_IN_NAV):
            pages = [line.strip()[2:] for line in message.splitlines()[1:] if line.strip().startswith("- ")]
            return "\n".join(
                f"{_shown(self.root, self.docs_dir, src)}:1: the page is not in the navigation: add \"{src.split('/', 1)[-1]}\" "
                f"to the nav of both languages in mkdocs.yml (plugins > i18n > languages), or to not_in_nav there."
                for src in pages
            )
        if match := compat.NAV_TARGET_MISSING.match(message):
            return (f"mkdocs.yml: the navigation lists \"{match['link']}\", but there is no such page: "
                    f"create docs/lv/{match['link']} and docs/en/{match['link']}, or correct the nav entry.")
        if match := compat.UNRECOGNIZED_LINK.match(message):
            where, link = self.where(match["src"], match["link"]), match["link"]
            return f"{where}: the link \"{link}\" does not name a page file: link to the page's Markdown file, relative to this page (for example about.md or ../results.md#anchor)."
        match = compat.LINK_WARNING.match(message)
        if not match:
            return None
        src, link, problem = match["src"], match["link"], match["problem"]
        lang = src.split("/", 1)[0]
        where = self.where(src, link)
        if anchor := compat.OTHER_PAGE_ANCHOR.match(problem):
            target = _shown(self.root, self.docs_dir, anchor["target"])
            return (f"{where}: broken anchor \"{link}\": {target} has no heading with the id \"{anchor['anchor']}\": "
                    f"link to an id the page has, or add {{#{anchor['anchor']}}} at the end of the heading in both languages.")
        if problem.startswith(compat.SAME_PAGE_ANCHOR):
            return (f"{where}: broken anchor \"{link}\": this page has no heading with that id: correct it, "
                    f"or add {{#{link.lstrip('#')}}} at the end of the heading in both languages.")
        missing = compat.TARGET_NOT_FOUND.match(problem)
        if not missing:
            return None
        target_uri = missing["target"] or posixpath.normpath(posixpath.join(posixpath.dirname(src), link.split("#")[0]))
        hint = f" (did you mean \"{missing['suggestion']}\"?)" if missing["suggestion"] else ""
        target_lang, _, target_rest = target_uri.partition("/")
        if target_lang in self.names and target_lang != lang:
            same = posixpath.relpath(f"{lang}/{target_rest}", posixpath.dirname(src))
            return (f"{where}: the link \"{link}\" leads into the {self.names[target_lang]} pages: link to the page in this language "
                    f"(\"{same}\"); readers change language with the language menu.")
        if IMAGE.search(link.split("#")[0]):
            return (f"{where}: the image \"{link}\" is not there (looked for docs/{target_uri}): put the file there, "
                    f"or correct the path (relative to this page){hint}.")
        return (f"{where}: broken link \"{link}\": there is no docs/{target_uri}: correct the path "
                f"(relative to this page, to the .md file){hint}, or create the page in both languages.")
