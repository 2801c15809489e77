"""The addresses one build publishes, in every language (not a hook).

hooks/addresses.py, hooks/redirects.py and hooks/sitemap.py read it;
scripts/address_manifest.py reads the same manifest. An address is a path below the
site's base URL, as a reader types it after that base: "" is the Latvian
home, "en/about/" the English About page, "files/report.pdf" a download. It
does not depend on the deployment (project sub-path or custom domain).

`collect()` works on the Files of an `on_files` event that runs after
hooks/pages.py added the generated pages (priority 100) and before the i18n
plugin (priority -100) keeps only the building language: so every language
build sees every language's pages, and computes the same result.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

MANIFEST = "data/addresses.txt"
# Document files, published once for both languages at documents/<name>.
DOCUMENTS_DIR = "data/documents"
# Pages generated from data/ (hooks/pages.py): their folder -> their data file.
GENERATED_FROM = {"activities": "data/activities.yml", "partners": "data/partners.yml"}


@dataclass(frozen=True)
class Language:
    code: str
    prefix: str  # "" for the default language (at the root), "en/" otherwise
    default: bool


def languages(config: MkDocsConfig) -> list[Language]:
    """The built languages, the default (root) one first, as the i18n plugin has them."""
    i18n = config.plugins["i18n"]
    result = [
        Language(lang.locale, "" if lang.default else f"{lang.locale}/", bool(lang.default))
        for lang in i18n.config.languages
        if lang.build
    ]
    return sorted(result, key=lambda lang: not lang.default)


def building_language(config: MkDocsConfig) -> str:
    return config.plugins["i18n"].current_language


def page_address(path: str) -> str:
    """The directory-style address of a Markdown source: "about.md" -> "about/",
    "activities/index.md" -> "activities/", "index.md" -> ""."""
    stem = path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def absolute_url(site_url: str | None, address: str) -> str:
    return (site_url or "/").rstrip("/") + "/" + address


def relative_href(from_address: str, to_address: str) -> str:
    """A link from the page published at from_address to to_address, both
    directory-style (or a file for from_address), that works at any base."""
    from_dir = posixpath.dirname("/" + from_address) if not from_address.endswith("/") else "/" + from_address
    href = posixpath.relpath("/" + to_address, from_dir)
    if href == ".":
        return "./"
    return href + "/" if to_address.endswith("/") or to_address == "" else href


@dataclass(frozen=True)
class PublishedPage:
    lang: str
    source: str  # below the language folder: "about.md"
    address: str  # "en/about/"
    repo_path: str  # the file whose last commit dates the page: "docs/en/about.md", "data/partners.yml"


@dataclass
class Published:
    languages: list[Language]
    pages: list[PublishedPage] = field(default_factory=list)
    files: set[str] = field(default_factory=set)  # downloads and images from docs/

    def addresses(self) -> set[str]:
        return {page.address for page in self.pages} | self.files

    def page_addresses(self, lang: str) -> set[str]:
        return {page.address for page in self.pages if page.lang == lang}

    def versions(self, source: str) -> dict[str, PublishedPage]:
        """Every language version of one page, the default language first."""
        found = {page.lang: page for page in self.pages if page.source == source}
        return {lang.code: found[lang.code] for lang in self.languages if lang.code in found}


def collect(files: Files, config: MkDocsConfig) -> Published:
    langs = languages(config)
    prefix = {lang.code: lang.prefix for lang in langs}
    default = langs[0].code
    root = Path(config.config_file_path).parent
    published = Published(langs)
    for file in files:
        if _inside(file.abs_src_path, os.path.join(root, DOCUMENTS_DIR)):
            published.files.add(file.src_uri)  # a document file of data/documents/ (hooks/downloads.py)
            continue
        if file.inclusion.is_excluded() or not _inside(file.abs_src_path, config.docs_dir):
            continue  # drafts, and the theme's own files
        first, _, rest = file.src_uri.partition("/")
        lang, path = (first, rest) if first in prefix else (default, file.src_uri)
        if not file.is_documentation_page():
            published.files.add(prefix[lang] + path)
            continue
        folder = path.split("/")[0]
        if os.path.exists(file.abs_src_path) or folder not in GENERATED_FROM:
            repo_path = Path(file.abs_src_path).relative_to(root).as_posix()
        else:
            repo_path = GENERATED_FROM[folder]
        published.pages.append(PublishedPage(lang, path, prefix[lang] + page_address(path), repo_path))
    published.pages.sort(key=lambda page: (page_address(page.source), [lang.code for lang in langs].index(page.lang)))
    return published


def _inside(path: str | None, folder: str) -> bool:
    return bool(path) and os.path.abspath(path).startswith(os.path.abspath(folder) + os.sep)
