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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

import schema

LANGUAGES = ("lv", "en")
DATA_FILES = ("project", "partners", "activities", "results", "networks")
Position = tuple[int, int]  # 1-based line and column


class DataError(Exception):
    """One or more mistakes in data/: each message names file, line and fix."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("\n".join(messages))


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader that keeps dates as text, so a bad date is reported by the
    schema with its line instead of crashing the YAML parser. The C (libyaml)
    parser where PyYAML has it: about ten times faster on a large data file."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class SiteData:
    project: dict[str, Any]
    partners: list[dict[str, Any]]
    activities: list[dict[str, Any]]
    results: list[dict[str, Any]]
    networks: list[dict[str, Any]]
    ui: dict[str, dict[str, str]]

    def by_id(self, kind: str) -> dict[str, dict[str, Any]]:
        # Made once per kind: every generated page looks its item up here.
        # (A frozen dataclass still has a writable __dict__.)
        index = self.__dict__.setdefault("_by_id", {})
        if kind not in index:
            index[kind] = {item["id"]: item for item in getattr(self, kind)}
        return index[kind]


def read_yaml(path: Path) -> tuple[Any, dict[tuple, Position]]:
    """The document in `path` and the line/column of every value in it."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([f"{path}: the file is missing. Restore it with: git checkout -- {path}"])
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1
        raise DataError([f"{path}:{line}: a tab character. YAML indents with spaces only: replace the tab with spaces."])
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        document = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise DataError([f"{where}: YAML syntax error ({error.problem or error.context}). Check the indentation and the quotes on this line and the line above."])
    finally:
        loader.dispose()
    positions: dict[tuple, Position] = {}
    _collect_positions(node, (), positions)
    return document, positions


def _collect_positions(node: yaml.Node | None, path: tuple, out: dict[tuple, Position]) -> None:
    if node is None:
        return
    out[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _collect_positions(value_node, path + (key_node.value,), out)
            out.setdefault(path + (key_node.value, "<key>"), (key_node.start_mark.line + 1, key_node.start_mark.column + 1))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_positions(item, path + (index,), out)


_cache: dict[tuple, SiteData] = {}


def _modified(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except FileNotFoundError:
        return None


def load(data_dir: Path) -> SiteData:
    """Parse and check every data file once per change; raise DataError."""
    # Called for every page and macro: plain os.stat on ready-made names.
    data_dir = os.path.abspath(data_dir)
    paths = [os.path.join(data_dir, f"{name}.yml") for name in DATA_FILES]
    paths += [os.path.join(data_dir, "ui", f"{lang}.yml") for lang in LANGUAGES]
    key = tuple((path, _modified(path)) for path in paths)
    if key not in _cache:
        _cache.clear()
        _cache[key] = _parse_or_reuse(Path(data_dir), paths)
    return _cache[key]


def _parse_or_reuse(data_dir: Path, paths: list[str]) -> SiteData:
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
    cached = data_dir.parent / ".cache" / f"sitedata-{digest.hexdigest()[:32]}.pickle"
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return pickle.loads(cached.read_bytes())
    data = _parse(data_dir)  # raises DataError: mistakes are never cached
    with contextlib.suppress(OSError):
        cached.parent.mkdir(exist_ok=True)
        for old in cached.parent.glob("sitedata-*.pickle"):
            old.unlink(missing_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, cached)
    return data


def _parse(data_dir: Path) -> SiteData:
    documents: dict[str, tuple[Path, Any, dict]] = {}
    errors: list[str] = []
    for name in DATA_FILES:
        documents[name] = _read(data_dir / f"{name}.yml", errors)
    for lang in LANGUAGES:
        documents[f"ui/{lang}"] = _read(data_dir / "ui" / f"{lang}.yml", errors)
    if not errors:
        errors = schema.validate(documents)
    if errors:
        raise DataError(errors)
    lists = {name: documents[name][1][name] for name in DATA_FILES if name != "project"}
    return SiteData(
        project=_with_dates(documents["project"][1]),
        ui={lang: documents[f"ui/{lang}"][1] for lang in LANGUAGES},
        **{name: _with_dates(items) for name, items in lists.items()},
    )


def _read(path: Path, errors: list[str]) -> tuple[Path, Any, dict]:
    try:
        document, positions = read_yaml(path)
    except DataError as error:
        errors.extend(error.messages)
        return path, None, {}
    return path, document, positions


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
