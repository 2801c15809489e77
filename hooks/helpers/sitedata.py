"""Loads the structured facts in data/*.yml and the interface text in data/ui/.

Not a hook itself: hooks/data.py calls it on every build; hooks/macros.py,
hooks/pages.py and the checks read its result. The parsed result is cached by
file modification times, so the second language build (and every `mkdocs
serve` rebuild without a data change) reuses it.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import os
import pickle
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from helpers import document_files, schema, typography

LANGUAGES = ("lv", "en")
DATA_FILES = ("project", "partners", "activities", "results", "networks", "events", "documents", "sources", "gaps", "terms")
# Document files data/documents.yml names (`file:`) live here.
DOCUMENTS_DIR = "documents"
# The spelling check's word lists, data/spelling/<language>.txt: the names and
# terms the dictionaries lack (scripts/editor_checks/spelling.py).
WORD_LISTS = "spelling"
Position = tuple[int, int]  # 1-based line and column


class DataError(Exception):
    """One or more mistakes in data/: each message names file, line and fix."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("\n".join(messages))


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text, so a bad date is reported by the
    schema with its line instead of crashing the YAML parser."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same with the C (libyaml) parser where PyYAML has it: about ten
    times faster on a large data file. Used first; on a syntax error the
    file is parsed again by _Loader for the message."""


_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


@dataclass(frozen=True)
class SiteData:
    project: dict[str, Any]
    partners: list[dict[str, Any]]
    activities: list[dict[str, Any]]
    results: list[dict[str, Any]]
    networks: list[dict[str, Any]]
    ui: dict[str, dict[str, str]]
    # Oldest first; a date of only a month or a year after the days of that
    # month or year ("late 2021").
    events: list[dict[str, Any]]
    # Each with `format` and `size_bytes` (measured from a file, or given).
    documents: list[dict[str, Any]]
    # The source registry: id -> source, its `publisher` resolved to the
    # publisher's or partner's name {lv: …, en: …}; in the file's order.
    sources: dict[str, dict[str, Any]]
    # What the record still lacks (data/gaps.yml), in the file's order.
    gaps: list[dict[str, Any]]
    # Administrative terms and their one English rendering (data/terms.yml).
    terms: dict[str, Any]

    def by_id(self, kind: str) -> dict[str, dict[str, Any]]:
        # Made once per kind: every generated page looks its item up here.
        # (A frozen dataclass still has a writable __dict__.)
        index = self.__dict__.setdefault("_by_id", {})
        if kind not in index:
            index[kind] = {item["id"]: item for item in getattr(self, kind)}
        return index[kind]

    def linked(self, kind: str, field: str, item_id: str) -> list[dict[str, Any]]:
        """The events or documents (`kind`) whose `field` ("results",
        "activities") names item_id, in their file's order."""
        return [item for item in getattr(self, kind) if item_id in item.get(field, ())]

    def of_activity(self, kind: str, activity: dict[str, Any]) -> list[dict[str, Any]]:
        """The events or documents of an activity: named with it, or with one of its results."""
        results = set(activity["results"])
        return [item for item in getattr(self, kind)
                if activity["id"] in item.get("activities", ()) or results & set(item.get("results", ()))]


def read_yaml(path: Path, shown: Path | str | None = None) -> tuple[Any, dict[tuple, Position]]:
    """The document in `path` and the line/column of every value in it.
    `shown` is the path messages name (data/activities.yml)."""
    shown = shown or path
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([f"{shown}: the file is missing: restore it with: git checkout -- {shown}."])
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise DataError([f"{shown}:{line}: the file is not UTF-8 text: save it as UTF-8 in your editor"])
    tabs = [(number, line.index("\t") + 1) for number, line in enumerate(text.splitlines(), 1) if "\t" in line]
    if tabs:
        raise DataError([
            f"{shown}:{number}:{column}: a tab character: YAML indents with spaces only, replace the tab with spaces."
            for number, column in tabs
        ])
    try:
        node, document = _compose(_FastLoader, text)
    except yaml.MarkedYAMLError:
        # Parse again with the pure-Python parser: its messages are the ones
        # the editor-facing wording below was written for.
        try:
            node, document = _compose(_Loader, text)
        except yaml.MarkedYAMLError as error:
            raise DataError([_unclosed_quote(shown, text, error) or _syntax_message(shown, error)])
    if node is None:
        raise DataError([f"{shown}:1:1: the file is empty: restore it with: git checkout -- {shown}."])
    positions: dict[tuple, Position] = {}
    duplicates: list[str] = []
    _collect_positions(node, (), positions, shown, duplicates)
    if duplicates:
        raise DataError(duplicates)
    return document, positions


def _compose(loader_class: type, text: str) -> tuple[yaml.Node | None, Any]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


# A value that opens a quote: `key: "…` or `- "…`.
_OPENING_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s:#][^:#]*:\s+|-\s+)?(["'])(.*)$""")


def _unclosed_quote(shown: Path | str, text: str, error: yaml.MarkedYAMLError) -> str | None:
    """A quoted text that is not closed on its own line runs on until the next
    quote mark, and YAML complains somewhere below: find the line that opened
    it (only when parsing failed, since a quoted text may span lines)."""
    mark = error.problem_mark or error.context_mark
    last = mark.line if mark else len(text.splitlines())
    for number, line in enumerate(text.splitlines()[: last + 1], 1):
        match = _OPENING_QUOTE.match(line)
        if not match:
            continue
        quote, rest = match.groups()
        body = rest.replace('\\\\', "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
        if quote not in body:
            column = line.index(quote) + 1
            return (f"{shown}:{number}:{column}: YAML syntax error (a quoted text is not closed): add the closing {quote} "
                    f"at the end of the text, or remove the opening one.")
    return None


def _syntax_message(shown: Path | str, error: yaml.MarkedYAMLError) -> str:
    """One line for a YAML syntax error, at the line where the editor must look."""
    problem = error.problem or error.context or "unreadable YAML"
    mark = error.problem_mark or error.context_mark
    context = error.context or ""
    if "quoted scalar" in context and error.context_mark is not None:
        # An unclosed quote is only noticed at the end of the file: point at its start.
        mark = error.context_mark
        fix = "a quotation mark opened here is never closed: add the closing quote at the end of the text"
    elif "mapping values are not allowed" in problem:
        fix = ("a colon followed by a space inside a text, or an indentation that does not match the lines above: "
               "put the text in quotes (\"…\") or indent the line like its neighbours")
    elif "expected '<document start>'" in problem:
        fix = "this line is indented less than the lines it belongs to: indent it like its neighbours"
    elif "expected <block end>" in problem or "expected <block mapping start>" in problem or "did not find expected key" in problem:
        fix = "the indentation does not match the lines above: indent each field of an item with the same number of spaces"
    elif "did not find expected '-' indicator" in problem or "expected '-'" in problem:
        fix = "a list item is indented differently from the others: start each item of the list in the same column with -"
    elif "found character" in problem and "cannot start any token" in problem:
        fix = "this character cannot start a value: put the whole text in quotes"
    elif "could not find expected ':'" in problem:
        fix = "a line without \"key: value\" (a missing colon, or a text that continues on the next line without quotes): add the colon or put the text in quotes"
    else:
        fix = "check the indentation and the quotes on this line and the line above"
    where = f"{shown}:{mark.line + 1}:{mark.column + 1}" if mark else str(shown)
    return f"{where}: YAML syntax error ({problem}): {fix}."


def _collect_positions(node: yaml.Node | None, path: tuple, out: dict[tuple, Position], shown: Any, duplicates: list[str]) -> None:
    if node is None:
        return
    out[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key in seen:
                # PyYAML silently keeps the last of two equal keys: an editor's
                # second "title:" would replace the first without a word.
                duplicates.append(f"{shown}:{line}:{column}: the field \"{key}\" appears twice in the same group (first on line {seen[key]}): keep one of them.")
                continue
            seen[key] = line
            _collect_positions(value_node, path + (key,), out, shown, duplicates)
            out.setdefault(path + (key, "<key>"), (line, column))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_positions(item, path + (index,), out, shown, duplicates)


_cache: dict[tuple, SiteData] = {}


def load(data_dir: Path) -> SiteData:
    """Parse and check every data file once per change; raise DataError."""
    # Called for every page and macro: plain os.stat on ready-made names.
    data_dir = os.path.abspath(data_dir)
    paths = [os.path.join(data_dir, f"{name}.yml") for name in DATA_FILES]
    paths += [os.path.join(data_dir, "ui", f"{lang}.yml") for lang in LANGUAGES]
    # The document files too: their format and size are part of the data.
    with contextlib.suppress(FileNotFoundError):
        paths += sorted(entry.path for entry in os.scandir(os.path.join(data_dir, DOCUMENTS_DIR)) if entry.is_file())
    # The day of the commit being built: no date of the record may be later.
    until = schema.built_on()
    key = tuple((path, _modified(path)) for path in paths) + (until,)
    if key not in _cache:
        _cache.clear()
        _cache[key] = _parse_or_reuse(Path(data_dir), paths, until)
    return _cache[key]


def _modified(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except FileNotFoundError:
        return None


def _parse_or_reuse(data_dir: Path, paths: list[str], until: datetime.date | None) -> SiteData:
    """The checked data of these exact files, from .cache/ (beside data/)
    when an earlier build or process already checked them: parsing and
    checking a thousand activities takes about a second, in every process."""
    digest = hashlib.sha256()
    code = sorted(str(p) for p in Path(__file__).parent.glob("*.py"))  # the checks' code too
    for path in paths + code:
        digest.update(path.encode() + b"\0")
        with contextlib.suppress(FileNotFoundError), open(path, "rb") as source:
            digest.update(source.read())
        digest.update(b"\0")
    digest.update(str(until).encode())
    cached = data_dir.parent / ".cache" / f"sitedata-{digest.hexdigest()[:32]}.pickle"
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return pickle.loads(cached.read_bytes())
    data = _parse(data_dir, until)  # raises DataError: mistakes are never cached
    with contextlib.suppress(OSError):
        cached.parent.mkdir(exist_ok=True)
        for old in cached.parent.glob("sitedata-*.pickle"):
            old.unlink(missing_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, cached)
    return data


def _parse(data_dir: Path, until: datetime.date | None = None) -> SiteData:
    # Messages name files as the editor sees them from the project folder.
    root = data_dir.parent
    documents: dict[str, tuple[Path, Any, dict]] = {}
    errors: list[str] = []
    for name in DATA_FILES:
        documents[name] = _read(data_dir / f"{name}.yml", root, errors)
    for lang in LANGUAGES:
        documents[f"ui/{lang}"] = _read(data_dir / "ui" / f"{lang}.yml", root, errors)
    errors += schema.validate(documents, root, until)
    if errors:
        raise DataError(errors)
    lists = {name: _with_dates(documents[name][1][name]) for name in DATA_FILES if name not in ("project", "sources", "terms")}
    lists["events"] = sorted(lists["events"], key=event_order)
    lists["documents"] = [_measured(document, data_dir) for document in lists["documents"]]
    return SiteData(
        project=_with_dates(documents["project"][1]),
        ui={lang: documents[f"ui/{lang}"][1] for lang in LANGUAGES},
        sources=_registry(documents["sources"][1], lists["partners"]),
        terms=documents["terms"][1],
        **lists,
    )


def _registry(document: dict[str, Any], partners: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """id -> source, each with `publisher_name` ({lv, en}) from data/sources.yml's
    publishers or the partner it names."""
    names = {publisher["id"]: publisher["name"] for publisher in document["publishers"]}
    names.update({partner["id"]: partner["name"] for partner in partners})
    return {source["id"]: {**source, "publisher_name": names[source["publisher"]]} for source in _with_dates(document["sources"])}


def event_order(event: dict[str, Any]) -> tuple:
    year, month, day = typography.date_parts(event["date"])
    return (year, month or 13, day or 32, event["id"])


def _measured(document: dict[str, Any], data_dir: Path) -> dict[str, Any]:
    if "file" in document:
        form, size = document_files.measure(data_dir / DOCUMENTS_DIR / document["file"])
        return {**document, "format": form, "size_bytes": size}
    size = schema.size_in_bytes(document["size"]) if "size" in document else None
    return {**document, "size_bytes": size}


def _read(path: Path, root: Path, errors: list[str]) -> tuple[Path, Any, dict]:
    shown = path.relative_to(root) if path.is_relative_to(root) else path
    try:
        document, positions = read_yaml(path, shown)
    except DataError as error:
        errors.extend(error.messages)
        return shown, None, {}
    return shown, document, positions


def _with_dates(value: Any) -> Any:
    """Turn the schema-checked ISO date strings under `date`-like keys into dates."""
    if isinstance(value, dict):
        return {k: (_to_date(v) if k in schema.DATE_KEYS and isinstance(v, str) else _with_dates(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_dates(v) for v in value]
    return value


def _to_date(text: str) -> datetime.date | str:
    # Full dates become date objects; year-month periods ("2021-06") stay text.
    return datetime.date.fromisoformat(text) if len(text) == 10 else text
