"""What a change does to the published site: the base's build against the change's.

`compare(root, base_site, change_site, base)` reads both built sites as a
reader would (page_text.py) and finds, in each language:
- every page whose own text changed, with its title, its address and the
  changed passages, word by word (word_diff.py); a changed description
  (what search engines show) counts too;
- new, removed and redirected addresses (pages, and the files the site
  publishes: documents, feeds, files from docs/);
- what changed in the navigation, header or footer ("frame"), once for all
  the pages where it changed the same way, never once per page;
- the entries of the language's Atom feed (hooks/feeds.py) added, changed
  or removed;
- the documents of data/documents.yml that are new, with the format and
  size a reader sees.

What changes with every build by design is never a change: the whole-record
page (WHOLE_RECORD) is reported as one line when its text changed, and the
files below it (its PDFs) not at all; elements marked data-volatile are
left out of every page's text (page_text.py). Languages, addresses and
feeds come from the change's site model (hooks/helpers/published.py) and
hooks/feeds.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import yaml

from . import page_text, word_diff
from .prose import published, sitedata, typography

import feeds  # hooks/feeds.py: where each language's feed is published
from helpers import record  # hooks/helpers/record.py: the whole record's page

# The page that assembles every other page (and its PDFs below it): it
# changes with every change, so it is one line, never a repeat of every page.
WHOLE_RECORD = published.page_address(record.RECORD_SOURCE)
ATOM = "{http://www.w3.org/2005/Atom}"


@dataclass
class PageChange:
    address: str  # "en/about/"
    title: str
    passages: list[word_diff.Passage] = field(default_factory=list)
    description: list[word_diff.Passage] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # the heading each passage stands under, or ""


@dataclass
class FrameChange:
    passage: word_diff.Passage
    pages: int  # on how many pages of the language
    of: int  # of how many pages


@dataclass
class FeedEntry:
    state: str  # "added", "changed", "removed"
    title: str
    href: str
    passages: list[word_diff.Passage] = field(default_factory=list)


@dataclass
class Document:
    title: str
    format: str | None
    size: str | None
    address: str  # where a reader finds it: the documents page's anchor


@dataclass
class Language:
    code: str
    pages: list[PageChange] = field(default_factory=list)
    new: list[tuple[str, str]] = field(default_factory=list)  # (address, title or "")
    removed: list[tuple[str, str]] = field(default_factory=list)
    redirected: list[tuple[str, str]] = field(default_factory=list)  # (old address, new address)
    frame: list[FrameChange] = field(default_factory=list)
    feed: list[FeedEntry] = field(default_factory=list)
    feed_address: str = ""
    documents: list[Document] = field(default_factory=list)
    whole_record: str | None = None  # its address, when its text changed

    @property
    def empty(self) -> bool:
        return not (self.pages or self.new or self.removed or self.redirected or self.frame or self.feed
                    or self.documents or self.whole_record)


@dataclass
class Difference:
    site: published.Site
    languages: list[Language]

    @property
    def empty(self) -> bool:
        return all(lang.empty for lang in self.languages)

    def absolute(self, address: str) -> str:
        return self.site.absolute(address)


def site_model(root: Path) -> published.Site:
    """The change's languages and published address (site_url of mkdocs.yml or SITE_URL)."""
    from mkdocs.config import load_config

    return published.Site(published.languages_of(root), load_config(str(Path(root) / "mkdocs.yml")).site_url)


def compare(root: Path, base_site: Path, change_site: Path, old_text=None) -> Difference:
    """The difference between two builds. `old_text(path)` gives a file of
    the base commit (changes.Base.old_text), for the base's data."""
    site = site_model(root)
    by_lang = {lang.code: Language(lang.code) for lang in site.languages}
    before, after = _html_pages(base_site), _html_pages(change_site)
    texts: dict[str, tuple[page_text.PageText | None, page_text.PageText | None]] = {}
    counted: dict[str, int] = {code: 0 for code in by_lang}  # pages in both builds, per language
    for address in sorted(set(before) | set(after), key=_order):
        old_html = before[address].read_bytes() if address in before else None
        new_html = after[address].read_bytes() if address in after else None
        if old_html == new_html:
            counted[site.split(address)[0].code] += 1
            continue  # the very same page: nothing to read
        texts[address] = (page_text.read(old_html.decode("utf-8")) if old_html is not None else None,
                          page_text.read(new_html.decode("utf-8")) if new_html is not None else None)
    frames: dict[str, dict[tuple, tuple[word_diff.Passage, set[str]]]] = {code: {} for code in by_lang}
    changed_words: dict[str, tuple[set[str], set[str]]] = {}  # a changed page's words, before and after
    for address, (old, new) in texts.items():
        lang, rest = site.split(address)
        out = by_lang[lang.code]
        if rest.startswith(WHOLE_RECORD):
            if old is None and new is not None and rest == WHOLE_RECORD:
                out.new.append((address, new.title))  # the whole record is new: a new address, nothing else
            elif old is not None and new is not None and old.content != new.content:
                out.whole_record = lang.prefix + WHOLE_RECORD  # changed with the pages it assembles: one line
            continue
        old_redirect = old.redirect if old else None
        new_redirect = new.redirect if new else None
        if new is not None and new_redirect and (old is None or not old_redirect):
            out.redirected.append((address, _address(site, new_redirect)))
            continue
        if old is None and new is not None:
            out.new.append((address, new.title))
            continue
        if new is None and old is not None:
            out.removed.append((address, "" if old_redirect else old.title))
            continue
        if old_redirect or new_redirect:
            if old_redirect != new_redirect:
                out.redirected.append((address, _address(site, new_redirect or "")))
            continue
        counted[lang.code] += 1
        passages = word_diff.passages(old.content, new.content)
        description = word_diff.passages([old.description], [new.description]) if old.description != new.description else []
        if passages or description:
            sections = [_section(passage, old, new) for passage in passages]
            out.pages.append(PageChange(address, new.title or old.title, passages, description, sections))
            changed_words[address] = ({w for block in old.content for w in block.split()},
                                      {w for block in new.content for w in block.split()})
        for passage in word_diff.passages(old.frame, new.frame):
            frames[lang.code].setdefault(passage.key, (passage, set()))[1].add(address)
    for code, found in frames.items():
        for passage, addresses in found.values():
            # A page's own frame (its table of contents, its title in the
            # header) repeats the change of its text: left out there.
            if all(_mirrors(passage, changed_words.get(address)) for address in addresses):
                continue
            by_lang[code].frame.append(FrameChange(passage, len(addresses), counted[code]))
    _files(site, root, base_site, change_site, old_text, by_lang)
    for lang in site.languages:
        _feed(site, lang, base_site, change_site, by_lang[lang.code])
    _documents(site, root, old_text, by_lang)
    return Difference(site, [by_lang[lang.code] for lang in site.languages])


def _section(passage: word_diff.Passage, old: page_text.PageText, new: page_text.PageText) -> str:
    """The heading a passage stands under (on the changed page, or where it was)."""
    before, after = passage.block
    if after is not None:
        return new.sections[after]
    return old.sections[before] if before is not None else ""


def _mirrors(passage: word_diff.Passage, words: tuple[set[str], set[str]] | None) -> bool:
    """Whether a frame change of a page whose text changed only repeats its
    text's words (its table of contents, its title in the header)."""
    if words is None:
        return False
    return set(passage.words("deleted")) <= words[0] and set(passage.words("inserted")) <= words[1]


def _order(address: str) -> tuple:
    return (address.count("/"), address)


def _html_pages(site_dir: Path) -> dict[str, Path]:
    """Every HTML page of a built site, by address ("en/about/", "404.html")."""
    pages = {}
    for file in site_dir.rglob("*.html"):
        relative = file.relative_to(site_dir).as_posix()
        if relative.startswith("assets/"):
            continue
        if file.name == "index.html":
            folder = relative[: -len("index.html")]
            pages[folder] = file
        else:
            pages[relative] = file
    return pages


def _address(site: published.Site, url: str) -> str:
    """An absolute address of the site as an address below it."""
    prefix = site.absolute("")
    return url[len(prefix):] if url.startswith(prefix) else url


def _manifest(text: str | None) -> set[str]:
    return {line.strip().removeprefix("/") for line in (text or "").splitlines() if line.strip() and not line.startswith("#")}


def _files(site: published.Site, root: Path, base_site: Path, change_site: Path, old_text, by_lang: dict[str, Language]) -> None:
    """Files the site publishes (not pages): those of either manifest, and the
    documents kept in data/documents/."""
    manifest_path = published.MANIFEST
    listed = _manifest(old_text(manifest_path) if old_text else None)
    path = Path(root) / manifest_path
    listed |= _manifest(path.read_text(encoding="utf-8") if path.is_file() else None)
    folder = Path(published.DOCUMENTS_DIR).name
    for site_dir in (base_site, change_site):
        if (site_dir / folder).is_dir():
            listed |= {p.relative_to(site_dir).as_posix() for p in (site_dir / folder).rglob("*") if p.is_file()}
    for address in sorted(a for a in listed if a and not a.endswith("/") and not a.endswith(".html")):
        lang, rest = site.split(address)
        if rest.startswith(WHOLE_RECORD):
            continue  # the whole record's PDFs change with every build
        was, now = (base_site / address).is_file(), (change_site / address).is_file()
        if now and not was:
            by_lang[lang.code].new.append((address, ""))
        elif was and not now:
            by_lang[lang.code].removed.append((address, ""))


def _feed_entries(path: Path) -> dict[str, dict[str, str]]:
    if not path.is_file():
        return {}
    try:
        tree = ElementTree.parse(path)
    except ElementTree.ParseError:
        return {}
    entries = {}
    for entry in tree.getroot().iter(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link")
        text = {}
        for name in ("title", "updated", "summary", "content"):
            element = entry.find(f"{ATOM}{name}")
            if element is not None:
                text[name] = " ".join("".join(element.itertext()).split())
        text["href"] = link.get("href", "") if link is not None else ""
        entries[entry.findtext(f"{ATOM}id", "")] = text
    return entries


def _feed_text(entry: dict[str, str]) -> list[str]:
    """What a feed reader shows of an entry (its text gives the date as a reader reads it)."""
    return [entry.get(name, "") for name in ("title", "summary", "content") if entry.get(name)]


def _feed(site: published.Site, lang: published.Language, base_site: Path, change_site: Path, out: Language) -> None:
    address = feeds.feed_address(lang)
    out.feed_address = address
    old, new = _feed_entries(base_site / address), _feed_entries(change_site / address)
    for entry_id in [i for i in new if i not in old] + [i for i in new if i in old] + [i for i in old if i not in new]:
        if entry_id not in old:
            out.feed.append(FeedEntry("added", new[entry_id].get("title", ""), new[entry_id]["href"]))
        elif entry_id not in new:
            out.feed.append(FeedEntry("removed", old[entry_id].get("title", ""), old[entry_id]["href"]))
        elif old[entry_id] != new[entry_id]:
            passages = word_diff.passages(_feed_text(old[entry_id]), _feed_text(new[entry_id]))
            if passages or old[entry_id]["href"] != new[entry_id]["href"]:
                out.feed.append(FeedEntry("changed", new[entry_id].get("title", ""), new[entry_id]["href"], passages))


def _documents(site: published.Site, root: Path, old_text, by_lang: dict[str, Language]) -> None:
    """The documents of data/documents.yml the base did not have."""
    if old_text is None:
        return  # the base's data is not known: nothing is guessed
    try:
        old = yaml.safe_load(old_text("data/documents.yml") or "")
    except yaml.YAMLError:
        return
    known = {item.get("id") for item in (old or {}).get("documents", []) if isinstance(item, dict)} if isinstance(old, dict) else set()
    try:
        data = sitedata.load(Path(root) / "data")
    except sitedata.DataError:
        return
    for document in data.documents:
        if document["id"] in known:
            continue
        for lang in site.languages:
            size = typography.format_size(document["size_bytes"], lang.code) if document.get("size_bytes") is not None else None
            page = lang.prefix + published.page_address(feeds.PAGES["documents"]) + "#" + document["id"]
            by_lang[lang.code].documents.append(Document(document["title"][lang.code], document.get("format"), size, page))
