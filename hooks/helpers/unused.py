"""What an editor added that no part of the site uses (not a hook).

Nothing an editor adds may be silently left out:
- `data_errors`: a file in data/ that neither the build nor the checks read
  (an error: its facts would never appear), and a file in data/documents/
  that no document of data/documents.yml lists (an error: no page links to
  it). The files read are derived from where each is defined: the data
  files and interface texts of sitedata.py (DATA_FILES, data/ui/<language>.yml),
  the word lists of the spelling check (sitedata.WORD_LISTS), the address
  manifest (published.MANIFEST), the redirects (redirect_rules.FILE) and the
  document files (published.DOCUMENTS_DIR). Names starting with a dot
  (.gitkeep) are git's and the computer's, not an editor's.
- `docs_warnings`: an image or other file in docs/ that no page shows or
  links to (a warning: published alone it is harmless, but nobody finds it).
- `source_warnings`: a source registered in data/sources.yml that nothing
  cites, neither a data item's `sources` nor a page's cite("…") (a warning).

hooks/data.py and hooks/page_checks.py call these in on_config, so `make
build` and `make serve` report them; scripts/check.py calls them too.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from helpers import citations, document_files, published, redirect_rules, schema, sitedata

TEXT_FILES = {".yml", ".yaml", ".txt", ".md", ".csv", ".json"}
# Link targets in a page's Markdown and HTML: ](x), ](<x>), [ref]: x, src="x", href="x".
TARGETS = re.compile(r"""\]\(\s*<?(?P<md>[^)\s>]+)>?|^\s{0,3}\[[^\]]+\]:\s*<?(?P<ref>\S+?)>?(?:\s|$)|\b(?:src|href)\s*=\s*["'](?P<html>[^"']+)["']""", re.M)


def read_files(languages: tuple[str, ...] = sitedata.LANGUAGES) -> set[str]:
    """Every file of data/ that the build or the checks read (the document
    files are checked against data/documents.yml instead)."""
    read = {f"data/{name}.yml" for name in sitedata.DATA_FILES}
    read |= {f"data/ui/{lang}.yml" for lang in languages}
    read |= {f"data/{sitedata.WORD_LISTS}/{lang}.txt" for lang in languages}
    return read | {published.MANIFEST, redirect_rules.FILE}


def _where(path: str) -> str:
    """A whole file in a message: its first line where it has lines."""
    return f"{path}:1" if Path(path).suffix.lower() in TEXT_FILES else path


def _files(folder: Path, root: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted(path.relative_to(root).as_posix() for path in folder.rglob("*")
                  if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts))


def data_errors(root: Path, data: sitedata.SiteData | None) -> list[str]:
    """Files of data/ nothing reads; with the checked data, document files no document lists."""
    root = Path(root)
    read = read_files()
    documents = published.DOCUMENTS_DIR + "/"
    errors = []
    for path in _files(root / "data", root):
        if path in read or path.startswith(documents):
            continue
        names = {Path(known).stem: known for known in read if Path(known).parent == Path(path).parent}
        close = difflib.get_close_matches(Path(path).stem, sorted(names), n=1, cutoff=0.8)
        hint = f"did you mean {names[close[0]]}? Otherwise " if close else ""
        errors.append(f"{_where(path)}: no part of the site reads this file: {hint}put what it holds into the data file of its kind "
                      f"({', '.join(f'data/{name}.yml' for name in sitedata.DATA_FILES)}; see \"What is where\" in CONTRIBUTING.md), "
                      "or delete it.")
    if data is None:
        return errors  # the data has mistakes: which document lists which file is not known yet
    listed = {document["file"] for document in data.documents if "file" in document}
    for path in _files(root / published.DOCUMENTS_DIR, root):
        name = path[len(documents):]
        if name in listed:
            continue
        if "/" in name:
            errors.append(f"{path}: a document file in a folder of its own: put it directly in {published.DOCUMENTS_DIR}/ "
                          f"and list it in data/documents.yml with file: {document_files.plain_name(name.rsplit('/', 1)[1])}.")
            continue
        wanted = document_files.plain_name(name)
        rename = "" if wanted == name else f"rename it to {wanted} (a–z, digits and hyphens, one dot before the extension), then "
        errors.append(f"{path}: no document lists this file: {rename}add an entry to data/documents.yml with file: {wanted} "
                      "(see \"Adding a document\" in CONTRIBUTING.md), or delete the file.")
    return errors


def docs_warnings(root: Path, languages: list[published.Language]) -> list[str]:
    """Files of docs/ (not pages) that no page of their language shows or links to."""
    docs = Path(root) / "docs"
    used: set[str] = set()
    for page in docs.rglob("*.md"):
        folder = page.parent.relative_to(docs).as_posix()
        for match in TARGETS.finditer(page.read_text(encoding="utf-8")):
            target = match.group("md") or match.group("ref") or match.group("html")
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path or "{{" in target:
                continue
            used.add(posixpath.normpath(posixpath.join(folder, unquote(parts.path))))
    codes = [lang.code for lang in languages]
    warnings = []
    for path in _files(docs, Path(root)):
        relative = path[len("docs/"):]
        if relative.endswith(".md") or relative in used:
            continue
        first, _, rest = relative.partition("/")
        shown = rest if first in codes else relative
        warnings.append(f"{path}: warning: no page uses this file: show it on a page (![what it shows]({shown}) from a page beside it) "
                        "or link to it, or delete it; published alone it is harmless, but no reader finds it.")
    return warnings


def source_warnings(root: Path, data: sitedata.SiteData) -> list[str]:
    """Sources of data/sources.yml that nothing cites."""
    cited: set[str] = set()
    for value in (data.project, data.partners, data.activities, data.results, data.networks, data.events, data.documents,
                  data.gaps, data.terms):
        cited |= {source_id for _, source_id in schema.source_ids(value, ())}
    for page in (Path(root) / "docs").rglob("*.md"):
        cited |= {source_id for _, source_id in citations.calls(page.read_text(encoding="utf-8"))}
    uncited = [source_id for source_id in data.sources if source_id not in cited]
    if not uncited:
        return []
    _, positions = sitedata.read_yaml(Path(root) / "data" / "sources.yml", "data/sources.yml")
    order = list(data.sources)
    warnings = []
    for source_id in uncited:
        line, column = positions.get(("sources", order.index(source_id)), (1, 1))
        warnings.append(f'data/sources.yml:{line}:{column}: warning: source "{source_id}": nothing cites it: cite it where a page says '
                        f'what it supports ({{{{ cite("{source_id}") }}}}) or name it in the sources of the data item it supports, '
                        "or remove it.")
    return warnings
