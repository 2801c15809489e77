"""What a change touches, compared with the main branch: the one-language
warnings and the changed pages of the pull request's summary.

The base is where the change left the main branch (`git merge-base`): on
GitHub, of the pull request's base branch (origin/$GITHUB_BASE_REF, which the
workflow fetches); elsewhere of `main` (or origin/main). The change is every
difference between that commit and the files as they are now, committed or
not, so `make check` warns about work in progress as the pull request will.
Outside a git repository, or without a main branch, there is no base and
nothing here is reported (check.py says so).
"""

from __future__ import annotations

import difflib
import html
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .prose import LANGUAGES, OTHER, data_pairs, published, schema, sitedata

WATCHED = ("docs/", "data/")


@dataclass
class Base:
    root: Path
    commit: str
    name: str  # how messages name it: main, origin/main
    changed: set[str] = field(default_factory=set)  # paths below the root, changed or new since the base

    def old_text(self, path: str) -> str | None:
        result = _git(self.root, "show", f"{self.commit}:{path}")
        return result.stdout if result.returncode == 0 else None


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8")


def find_base(root: Path) -> Base | None:
    top = _git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0 or Path(top.stdout.strip()).resolve() != root.resolve():
        return None
    candidates = []
    if os.environ.get("GITHUB_BASE_REF"):
        candidates += [f"origin/{os.environ['GITHUB_BASE_REF']}", os.environ["GITHUB_BASE_REF"]]
    candidates += ["main", "origin/main"]
    for name in candidates:
        merge_base = _git(root, "merge-base", "HEAD", name)
        if merge_base.returncode == 0:
            base = Base(root, merge_base.stdout.strip(), name)
            diff = _git(root, "diff", "--name-only", "-z", base.commit, "--", *WATCHED)
            new = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", *WATCHED)
            base.changed = {p for p in (diff.stdout + new.stdout).split("\0") if p}
            return base
    return None


# --- One language changed, the other not ----------------------------------------------


def one_language_warnings(root: Path, base: Base) -> list[str]:
    warnings = []
    for lang, other in OTHER.items():
        for path in sorted(p for p in base.changed if p.startswith(f"docs/{lang}/") and p.endswith(".md")):
            twin = f"docs/{other}/{path.split('/', 2)[2]}"
            if twin in base.changed or not (root / twin).is_file() or not (root / path).is_file():
                continue  # both changed; or a missing twin, which the page checks report
            line = _first_changed_line(base.old_text(path) or "", (root / path).read_text(encoding="utf-8"))
            warnings.append(
                f"{path}:{line}:1: warning: only the {LANGUAGES[lang]} page changed (compared with {base.name}): "
                f"check whether {twin} needs the same change (a spelling fix needs none)."
            )
    warnings += _data_warnings(root, base)
    return warnings


def _first_changed_line(old: str, new: str) -> int:
    old_lines, new_lines = old.splitlines(), new.splitlines()
    for tag, _, _, start, _ in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag != "equal":
            return min(start + 1, max(len(new_lines), 1))
    return 1


def _data_warnings(root: Path, base: Base) -> list[str]:
    changed = {p for p in base.changed if p.startswith("data/") and p.endswith(".yml")}
    if not changed:
        return []
    old_documents: dict[str, Any] = {}
    warnings = []
    for lv, en in data_pairs(root):
        if lv.source.shown not in changed and en.source.shown not in changed:
            continue
        old = {}
        for text in (lv, en):
            path = text.source.shown
            if path not in old_documents:
                old_documents[path] = _safe_load(base.old_text(path))
            old[text.lang] = _value_at(old_documents[path], text)
        if old["lv"] is None or old["en"] is None:
            continue  # a new item or field: there is nothing to compare with
        edited = {text.lang: text for text in (lv, en) if text.value != old[text.lang]}
        if len(edited) != 1:
            continue
        (lang, text), = edited.items()
        twin = en if lang == "lv" else lv
        line, column = text.source.where(text.start)
        twin_line = twin.source.where(twin.start)[0]
        if text.source is twin.source:
            what = f"{text.label}only {text.name} changed (compared with {base.name}): check whether {twin.name} (line {twin_line})"
        else:
            what = (f"only the {LANGUAGES[lang]} text of \"{text.field}\" changed (compared with {base.name}): "
                    f"check whether {twin.source.shown}:{twin_line}")
        warnings.append(f"{text.source.shown}:{line}:{column}: warning: {what} needs the same change (a spelling fix needs none).")
    return warnings


def _safe_load(text: str | None) -> Any:
    try:
        return yaml.safe_load(text) if text else None
    except yaml.YAMLError:
        return None


def _value_at(document: Any, text) -> str | None:
    """The same text in the old document: list items found by their id, so
    that an item added above does not make every later one look changed."""
    if text.source.shown.startswith("data/ui/"):
        return document.get(text.field) if isinstance(document, dict) else None
    return _find(document, text.path + (text.lang,))


def _find(value: Any, path: tuple) -> Any:
    for step in path:
        if isinstance(step, tuple):  # ("id", "study-visits"): the list item with that id
            value = next((item for item in value if isinstance(item, dict) and item.get("id") == step[1]), None) if isinstance(value, list) else None
        elif isinstance(value, dict):
            value = value.get(step)
        elif isinstance(value, list) and isinstance(step, int) and step < len(value):
            value = value[step]
        else:
            return None
        if value is None:
            return None
    return value if isinstance(value, str) else None


# --- Changed pages, for the summary ---------------------------------------------------


@dataclass(frozen=True)
class ChangedPage:
    addresses: tuple[str, ...]  # the page's published address in each language, default language first
    because: str  # docs/lv/about.md, docs/en/about.md; data/activities.yml: activity "study-visits"


@dataclass(frozen=True)
class Site:
    url: str | None
    prefixes: dict[str, str]  # language -> address prefix: {"lv": "", "en": "en/"}

    def addresses(self, address: str) -> tuple[str, ...]:
        """A page's published address in every language ("about/" -> …/about/, …/en/about/)."""
        return tuple(published.absolute_url(self.url, prefix + address) for prefix in self.prefixes.values())


def site_model(root: Path) -> Site:
    """The published address and the languages' prefixes, as the build has
    them (hooks/helpers/published.py; site_url from mkdocs.yml or SITE_URL)."""
    from mkdocs.config import load_config

    site_url = load_config(str(root / "mkdocs.yml")).site_url
    return Site(site_url, {lang.code: lang.prefix for lang in published.languages_of(root)})


def changed_pages(root: Path, base: Base, site_dir: Path | None) -> list[ChangedPage]:
    """Every page the change touches: its Markdown pages, and for each changed
    data item every page of the built site that shows it."""
    site = site_model(root)
    found: dict[str, list[str]] = {}  # address below the language prefix -> what changed it
    for path in sorted(base.changed):
        parts = path.split("/", 2)
        if parts[0] == "docs" and len(parts) == 3 and parts[1] in LANGUAGES and path.endswith(".md"):
            found.setdefault(published.page_address(parts[2]), []).append(path)
    for because, (own, needles) in _changed_data_items(root, base).items():
        addresses = set(own)
        if site_dir is not None:
            # Interface texts are also in headers and footers; data, in the content.
            addresses |= _pages_showing(site_dir, site, needles, whole_page=because.startswith("data/ui/"))
        for address in addresses:
            found.setdefault(address, []).append(because)
    return [ChangedPage(site.addresses(address), ", ".join(dict.fromkeys(found[address])))
            for address in sorted(found, key=lambda a: (a.count("/"), a))]


def _changed_data_items(root: Path, base: Base) -> dict[str, tuple[list[str], dict[str, list[str]]]]:
    """{what changed: (its own pages, {language: texts that show it})}."""
    items: dict[str, tuple[list[str], dict[str, list[str]]]] = {}
    for name in (*sitedata.DATA_FILES, "ui/lv", "ui/en"):
        path = f"data/{name}.yml"
        if path not in base.changed:
            continue
        new = _safe_load((root / path).read_text(encoding="utf-8")) if (root / path).is_file() else None
        old = _safe_load(base.old_text(path))
        for label, new_item, old_item, own in _items(name, new, old):
            if new_item == old_item:
                continue
            texts = {lang: _texts(new_item, lang, name) for lang in LANGUAGES}
            changed_texts = {lang: [t for t in texts[lang] if t not in _texts(old_item, lang, name)] for lang in LANGUAGES}
            needles = changed_texts if any(changed_texts.values()) else {lang: texts[lang][:1] for lang in LANGUAGES}
            items[f"{path}: {label}" if label else path] = (own, needles)
    return items


def _items(name: str, new: Any, old: Any):
    """(label, new value, old value, own pages) of each item of a data file."""
    if name.startswith("ui/"):
        for key in sorted(set(new or {}) | set(old or {})):
            yield f'"{key}"', (new or {}).get(key), (old or {}).get(key), []
        return
    if name == "project":
        for key in sorted(set(new or {}) | set(old or {}), key=str):
            yield f"project.{key}", (new or {}).get(key), (old or {}).get(key), []
        return
    kind = schema.KIND[name]
    new_items = {i.get("id"): i for i in (new or {}).get(name, []) if isinstance(i, dict)} if isinstance(new, dict) else {}
    old_items = {i.get("id"): i for i in (old or {}).get(name, []) if isinstance(i, dict)} if isinstance(old, dict) else {}
    generated = {data_file: folder for folder, (data_file, *_) in published.GENERATED.items()}
    for item_id in sorted(set(new_items) | set(old_items), key=str):
        own = [f"{generated[f'data/{name}.yml']}/{item_id}/"] if f"data/{name}.yml" in generated and item_id in new_items else []
        yield f'{kind} "{item_id}"', new_items.get(item_id), old_items.get(item_id), own


def _texts(value: Any, lang: str, name: str) -> list[str]:
    """The texts of one item in one language, as a reader sees them."""
    if name.startswith("ui/"):
        return [value] if isinstance(value, str) and name.endswith(lang) else []
    if isinstance(value, dict):
        if set(value) == set(LANGUAGES):
            return [value[lang]] if isinstance(value[lang], str) else []
        return [text for inner in value.values() for text in _texts(inner, lang, name)]
    if isinstance(value, list):
        return [text for inner in value for text in _texts(inner, lang, name)]
    return []


TAG = re.compile(r"<[^>]+>")
QUOTES = re.compile(r"[\"'“”„‘’«»]")


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", QUOTES.sub("", html.unescape(text))).strip()


def _pages_showing(site_dir: Path, site: Site, needles: dict[str, list[str]], whole_page: bool) -> set[str]:
    """The pages (addresses below the language prefix) whose text in that
    language contains one of the needles: in the page's content (its
    <article>), or anywhere on it."""
    found = set()
    wanted = {lang: [_plain(n) for n in texts if _plain(n)] for lang, texts in needles.items()}
    for lang, prefix in site.prefixes.items():
        if not wanted.get(lang):
            continue
        for file in sorted((site_dir / prefix).rglob("index.html") if prefix else site_dir.rglob("index.html")):
            address = file.parent.relative_to(site_dir).as_posix()
            address = "" if address == "." else address + "/"
            if not address.startswith(prefix) or (not prefix and any(p and address.startswith(p) for p in site.prefixes.values())):
                continue
            page = file.read_text(encoding="utf-8")
            if not whole_page:
                start, end = page.find("<article"), page.rfind("</article>")
                page = page[start:end] if 0 <= start < end else page
            text = _plain(TAG.sub(" ", page))
            if any(needle in text for needle in wanted[lang]):
                found.add(address.removeprefix(prefix))
    return found
