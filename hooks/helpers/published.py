"""The site model of one build: languages, pages, addresses, alternates (not a hook).

Everything that depends on which languages the site has, where each one
lives and which addresses a build publishes is derived here, from mkdocs.yml
(the i18n plugin's languages) and the build's Files, and nowhere else.
hooks/model.py makes the model once per language build (`make`, in
on_files); the other hooks, the template context and the scripts ask for it
(`current()`, `languages()`), never declaring a language, prefix or address
of their own.

An address is a path below the site's base URL, as a reader types it after
that base: "" is the default language's home, "en/about/" the English About
page, "files/report.pdf" a download. It does not depend on the deployment
(project sub-path or custom domain); `absolute()` adds the site's URL.

The model is made from the Files of an `on_files` event that runs after
hooks/pages.py added the generated pages (priority 100) and before the i18n
plugin (priority -100) keeps only the building language: every language
build sees every language's pages and computes the same model.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from helpers import compat

MANIFEST = "data/addresses.txt"
# Document files, published once for both languages at documents/<name> (hooks/downloads.py).
DOCUMENTS_DIR = "data/documents"
# Pages generated from data/ (hooks/pages.py): their folder -> (data file,
# template of overrides/content/ that renders one item, field holding its
# title). Their address comes from the item's id, never from a title.
GENERATED = {
    "activities": ("data/activities.yml", "activity.md", "title"),
    "partners": ("data/partners.yml", "partner.md", "name"),
}


@dataclass(frozen=True)
class Language:
    code: str  # "lv"
    name: str  # its own name, as the language menu shows it: "Latviešu"
    prefix: str  # "" for the default language (at the root), "en/" otherwise
    default: bool

    @property
    def home(self) -> str:
        """The address of this language's home page."""
        return self.prefix

    @property
    def english_name(self) -> str:
        """"Latvian": how messages to editors (in English) name the language."""
        return Locale.parse(self.code).get_display_name("en")


def languages(config: MkDocsConfig) -> list[Language]:
    """The built languages, the default (root) one first, as the i18n plugin has them."""
    found = [
        Language(lang.locale, lang.name or lang.locale, "" if lang.default else f"{lang.locale}/", bool(lang.default))
        for lang in config.plugins["i18n"].config.languages
        if lang.build
    ]
    return sorted(found, key=lambda lang: not lang.default)


@functools.lru_cache(maxsize=4)
def _languages_of(config_file: str, modified: int) -> tuple[Language, ...]:
    return tuple(languages(load_config(config_file)))


def languages_of(root: Path) -> list[Language]:
    """The languages of the site at `root`, for code that runs without a build
    (scripts/check.py, the tests): read from its mkdocs.yml."""
    config_file = Path(root) / "mkdocs.yml"
    return list(_languages_of(str(config_file), config_file.stat().st_mtime_ns))


# The language being built, and whether it is not the first: hooks/helpers/compat.py.
building_language = compat.building_language
building_other_language = compat.building_other_language


def project_root(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml, data/ and overrides/: the parent of docs_dir
    (config_file_path is empty under ProperDocs)."""
    return Path(config.docs_dir).resolve().parent


def data_dir(config: MkDocsConfig) -> Path:
    return project_root(config) / "data"


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
class Site:
    languages: list[Language]
    site_url: str | None
    pages: list[PublishedPage] = field(default_factory=list)
    files: set[str] = field(default_factory=set)  # downloads and images from docs/, documents from data/documents/

    def language(self, code: str) -> Language:
        return next(lang for lang in self.languages if lang.code == code)

    def split(self, address: str) -> tuple[Language, str]:
        """"en/about/" -> (English, "about/"); the default language has no prefix."""
        lang = next((lang for lang in self.languages if lang.prefix and address.startswith(lang.prefix)), self.languages[0])
        return lang, address.removeprefix(lang.prefix)

    def addresses(self) -> set[str]:
        return {page.address for page in self.pages} | self.files

    def page_addresses(self, lang: str) -> set[str]:
        return {page.address for page in self.pages if page.lang == lang}

    def absolute(self, address: str) -> str:
        return absolute_url(self.site_url, address)

    def versions(self, source: str) -> dict[str, PublishedPage]:
        """Every language version of one page, the default language first."""
        return dict(self._versions_by_source.get(source, {}))

    @functools.cached_property
    def _versions_by_source(self) -> dict[str, dict[str, PublishedPage]]:
        # Asked for once the model is complete (after make()); every page asks,
        # so a scan of all pages per page would make the build quadratic.
        found: dict[str, dict[str, PublishedPage]] = {}
        for page in self.pages:
            found.setdefault(page.source, {})[page.lang] = page
        return {source: {lang.code: by_lang[lang.code] for lang in self.languages if lang.code in by_lang}
                for source, by_lang in found.items()}

    def alternates(self, source: str) -> list[dict[str, str]]:
        """The hreflang alternates of a page: every language version (itself
        included), absolute, and x-default (the default language's), or none
        when the page exists in one language only."""
        versions = self.versions(source)
        if len(versions) < 2:
            return []
        links = [{"hreflang": code, "href": self.absolute(page.address)} for code, page in versions.items()]
        return links + [{"hreflang": "x-default", "href": links[0]["href"]}]


_current: list[Site] = []


def make(files: Files, config: MkDocsConfig) -> Site:
    """The model of this build; from now on `current()` returns it."""
    langs = languages(config)
    prefix = {lang.code: lang.prefix for lang in langs}
    default = langs[0].code
    root = project_root(config)
    docs_dir = Path(config.docs_dir).resolve()
    site = Site(langs, config.site_url)
    documents_dir = root / DOCUMENTS_DIR
    for file in files:
        if _inside(file.abs_src_path, documents_dir):
            site.files.add(file.src_uri)  # a document file of data/documents/, "documents/report.pdf"
            continue
        if file.inclusion.is_excluded() or not _inside(file.abs_src_path, docs_dir):
            continue  # drafts, and the theme's own files
        first, _, rest = file.src_uri.partition("/")
        lang, path = (first, rest) if first in prefix else (default, file.src_uri)
        if not file.is_documentation_page():
            site.files.add(prefix[lang] + path)
            continue
        folder = path.split("/")[0]
        source = Path(file.abs_src_path).resolve()
        if folder in GENERATED and not source.exists():
            repo_path = GENERATED[folder][0]  # no file in docs/: generated from data/
        else:
            repo_path = source.relative_to(root).as_posix()
        site.pages.append(PublishedPage(lang, path, prefix[lang] + page_address(path), repo_path))
    order = [lang.code for lang in langs]
    site.pages.sort(key=lambda page: (page_address(page.source), order.index(page.lang)))
    _current[:] = [site]
    return site


def current() -> Site:
    """The model of the build under way (made by hooks/model.py in on_files)."""
    if not _current:
        raise RuntimeError("the site model is asked for before on_files: list hooks/model.py in mkdocs.yml's hooks")
    return _current[0]


def _inside(path: str | None, folder: Path) -> bool:
    return bool(path) and Path(path).resolve().is_relative_to(folder)
