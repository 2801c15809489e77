"""Reads and checks data/redirects.yml (not a hook).

hooks/redirects.py writes the redirect pages, hooks/addresses.py counts their
addresses as still published. Two kinds of mistakes, each reported as one
line naming file, line, entry and fix:
- the shape of the file (checked with jsonschema, like the other data files;
  the schema is here, not in hooks/helpers/schema.py, because this file has its own
  rules about addresses that JSON Schema cannot express);
- what the entries say about the site: a target that is not a published
  page, an old address that is still published, a duplicate old address, a
  chain or a loop (checked against the addresses of the build).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema

from helpers.published import Language, Site, page_address
from helpers.sitedata import DataError, read_yaml

FILE = "data/redirects.yml"

ADDRESS = {"type": "string"}
SCHEMA = {
    "type": "object",
    "required": ["redirects"],
    "properties": {
        "redirects": {
            "type": ["array", "null"],
            "items": {
                "type": "object",
                "required": ["from", "to"],
                "properties": {
                    "from": ADDRESS,
                    "to": ADDRESS,
                    "languages": {"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": True},
                },
                "additionalProperties": False,
            },
        }
    },
    "additionalProperties": False,
}
# What an address may not contain: a query, a fragment, spaces, quotes, "..".
_FORBIDDEN = re.compile(r"[\s?#\"'<>\\]|(^|/)\.\.?(/|$)|//")


@dataclass(frozen=True)
class Redirect:
    lang: str
    source: str  # the old address, with the language prefix: "en/activities/old/"
    target: str  # the page it leads to, with the language prefix
    line: int
    entry: str  # the old address as written, to name the entry in messages

    @property
    def where(self) -> str:
        return f'{FILE}:{self.line}: redirect from "{self.entry}"'


_cache: dict[tuple, list[Redirect]] = {}


def load(root: Path, langs: list[Language]) -> list[Redirect]:
    """Every redirect, one per language; raise DataError on a malformed file."""
    path = root / FILE
    key = (str(path), path.stat().st_mtime_ns if path.exists() else None, tuple(langs))
    if key not in _cache:
        _cache.clear()
        _cache[key] = _parse(path, langs)
    return _cache[key]


def _parse(path: Path, langs: list[Language]) -> list[Redirect]:
    if not path.exists():
        return []  # no redirects yet: the file is optional
    document, positions = read_yaml(path)

    def at(*keys: Any) -> str:
        line, column = positions.get(tuple(keys), positions.get((), (1, 1)))
        return f"{FILE}:{line}:{column}"

    validator = jsonschema.Draft202012Validator(SCHEMA)
    errors = [
        f"{at(*error.absolute_path)}: {'.'.join(map(str, error.absolute_path)) or 'the file'}: {error.message}. "
        "Each entry is `- from: old/address/` and `to: new/address/` (see the comment at the top of the file)."
        for error in validator.iter_errors(document)
    ]
    if errors:
        raise DataError(errors)
    codes = {lang.code: lang for lang in langs}
    redirects = []
    for index, entry in enumerate(document["redirects"] or []):
        line = positions[("redirects", index)][0]
        entry_errors = []
        source = _normalise(entry["from"], page=False)
        target = _normalise(entry["to"], page=True)
        for name, value, normalised in (("from", entry["from"], source), ("to", entry["to"], target)):
            if normalised is None:
                entry_errors.append(
                    f'{at("redirects", index, name)}: redirect from "{entry["from"]}": {name} "{value}" is not an address of this site. '
                    "Write the path after the site's address, without a query or #fragment, for example activities/study-visits/"
                    + (" (a page's address ends with / or .html)." if name == "from" else ".")
                )
            elif any(normalised.startswith(lang.prefix) for lang in langs if lang.prefix):
                entry_errors.append(
                    f'{at("redirects", index, name)}: redirect from "{entry["from"]}": write {name} without the language folder '
                    f'("{normalised.split("/", 1)[1]}"); to redirect in one language only, add languages: [{normalised.split("/")[0]}].'
                )
        unknown = [code for code in entry.get("languages", []) if code not in codes]
        if unknown:
            entry_errors.append(
                f'{at("redirects", index, "languages")}: redirect from "{entry["from"]}": unknown language {", ".join(unknown)}; '
                f"the site's languages are {', '.join(codes)}."
            )
        if entry_errors:
            errors += entry_errors
            continue
        for code in entry.get("languages") or list(codes):
            prefix = codes[code].prefix
            redirects.append(Redirect(code, prefix + source, prefix + target, line, entry["from"]))
    if errors:
        raise DataError(errors)
    return redirects


def _normalise(address: str, page: bool) -> str | None:
    """"/activities/old" -> "activities/old/"; "about.md" -> "about/" (a target
    may be named by its Markdown source); None when it cannot be an address."""
    address = address.strip()
    if _FORBIDDEN.search(address) or "://" in address:
        return None
    address = address.strip("/")
    if page and address.endswith(".md"):
        return page_address(address)
    if address.endswith(".html"):
        return None if page else address
    if "." in address.rsplit("/", 1)[-1]:
        return None  # a file (report.pdf): a static page cannot stand at its address
    return address + "/" if address else ""


def check(redirects: list[Redirect], published: Site) -> list[str]:
    """What the redirects say that the build contradicts, one line each."""
    errors = []
    still_published = published.addresses()
    sources: dict[str, Redirect] = {}
    for redirect in redirects:
        if redirect.source in sources and sources[redirect.source].line != redirect.line:
            first = sources[redirect.source]
            errors.append(
                f"{redirect.where}: /{redirect.source} already redirects (line {first.line}). "
                "An old address leads to one page: delete one of the two entries."
            )
            continue
        sources[redirect.source] = redirect
        if redirect.source in still_published:
            errors.append(
                f"{redirect.where}: /{redirect.source} is still a published page or file, so it cannot redirect. "
                "Delete this entry, or move the page away first."
            )
    for redirect in redirects:
        if redirect.target in sources:
            kind = "loop" if redirect.target == redirect.source else "chain"
            errors.append(
                f"{redirect.where}: a redirect {kind}: /{redirect.target} is itself redirected (line {sources[redirect.target].line}). "
                f"Point this entry straight at the final page, /{sources[redirect.target].target}."
            )
        elif redirect.target not in published.page_addresses(redirect.lang):
            errors.append(
                f'{redirect.where}: the target /{redirect.target} is not a published page in language "{redirect.lang}". '
                f"Point \"to\" at an existing page (every address is listed in data/addresses.txt), "
                "or limit the entry with languages: [...] to the languages that have the page."
            )
    return sorted(set(errors), key=errors.index)
