"""Feeds hook: one Atom feed per language of the record's dated entries.

Events: on_files (before the i18n plugin sorts the files by language: add
<lang>/feed.xml for every language, as files of docs/, so the site model and
the address guard count /feed.xml and /en/feed.xml like any other file; drop
the theme's copy of the feed template), on_env (after the i18n plugin
re-created the files, which loses generated content: render this language's
feed into its file), on_page_context (`atom_feed` for
overrides/partials/feed-link.html: the page's language's feed, linked from
every page's head). Reads the cached data (data/events.yml and the dated
entries of data/documents.yml, data/ui/<lang>.yml), the site model and the
template overrides/feed.xml; writes no file itself: MkDocs writes each feed
with the build's other files.

Each feed holds the entries in its own language only, newest first (the
timeline's order reversed). Everything in it comes from the data, nothing
from the clock, so two builds of one commit give the same bytes:
- an entry's <updated> is its date at noon UTC (the same calendar day in
  every time zone from UTC-11 to UTC+11); a date of only a month or a year
  stands for the last day of that month or year, where the timeline places
  it, and the entry's text gives the date as precisely as the data has it;
- the feed's <updated> is that of its newest entry;
- an entry's <id> is a tag URI made of the item's kind and id and the
  feed's language (TAG below): it never changes when a title, a date or the
  site's address (a custom domain) does. Never change TAG.
"""

from __future__ import annotations

import calendar
import datetime
import os
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from helpers import published, sitedata, typography

FEED_FILE = "feed.xml"  # in each language's folder: /feed.xml, /en/feed.xml
TEMPLATE = "feed.xml"  # in overrides/
# Entry ids: tag URIs (RFC 4151) in the name space of the project's promoter,
# LPS (www.lps.lv), dated with the year the project began.
TAG = "tag:lps.lv,2021:LV-LOCALDEV-0006"
# Which page of each language lists each kind of entry, at #<id>.
PAGES = {"events": "timeline.md", "documents": "documents.md"}


def feed_address(lang: published.Language) -> str:
    return lang.prefix + FEED_FILE


def timestamp(value: Any) -> str:
    """The RFC 3339 time of a date from the data (a day, a month or a year)."""
    year, month, day = typography.date_parts(value)
    month = month or 12
    day = day or calendar.monthrange(year, month)[1]
    return datetime.datetime(year, month, day, 12, tzinfo=datetime.timezone.utc).isoformat().replace("+00:00", "Z")


def entries(data: sitedata.SiteData, lang: str, site: published.Site) -> list[dict[str, Any]]:
    """Every dated event and document in `lang`, newest first."""
    home = site.language(lang).prefix
    found = []
    for kind, items in (("events", data.events), ("documents", data.documents)):
        page = home + published.page_address(PAGES[kind])
        for item in items:
            if "date" not in item:
                continue  # an undated document is listed on its page only
            year, month, day = typography.date_parts(item["date"])
            found.append({
                # The timeline's order: a month or a year after its days.
                "order": (year, month or 13, day or 32, kind, item["id"]),
                "kind": kind,
                "id": f"{TAG}/{lang}/{kind}/{item['id']}",
                "href": site.absolute(page) + "#" + item["id"],
                "updated": timestamp(item["date"]),
                "item": item,
            })
    return sorted(found, key=lambda entry: entry["order"], reverse=True)


def _environment(overrides_dir: str) -> jinja2.Environment:
    # The theme's Jinja does not escape; a feed is XML, so this one does.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(overrides_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(when=typography.format_when, when_iso=typography.when_iso)
    return env


def feed(config: MkDocsConfig, lang: str) -> str:
    """The Atom feed of one language, as text."""
    site = published.current()
    data = sitedata.load(published.data_dir(config))
    language = site.language(lang)
    items = entries(data, lang, site)
    others = [other for other in site.languages if other.code != lang]
    return _environment(config.theme.custom_dir).get_template(TEMPLATE).render(
        lang=lang,
        ui=data.ui[lang],
        project=data.project,
        data=data,
        entries=items,
        updated=items[0]["updated"] if items else timestamp(data.project["period"]["end"]),
        feed_id=f"{TAG}/{lang}/feed",
        self_href=site.absolute(feed_address(language)),
        home_href=site.absolute(language.home),
        timeline_href=site.absolute(language.prefix + published.page_address(PAGES["events"])),
        other_feeds=[{"hreflang": other.code, "href": site.absolute(feed_address(other))} for other in others],
    )


@event_priority(100)  # before the site model (60) and the i18n plugin (-100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    # MkDocs copies every theme file that is not HTML into the site: the
    # feed template is no file of the site.
    template = files.get_file_from_path(TEMPLATE)
    if template is not None and Path(template.abs_src_path).resolve().is_relative_to(Path(config.theme.custom_dir).resolve()):
        files.remove(template)
    for lang in published.languages(config):
        src_uri = f"{lang.code}/{FEED_FILE}"
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri}: the build writes the Atom feed of this language here: rename the file.")
        # Inside docs/ like a file an editor added (nothing is written there):
        # the i18n plugin gives each language build its own, at its address.
        files.append(File.generated(config, src_uri, abs_src_path=os.path.join(config.docs_dir, src_uri)))
    return files


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    lang = published.building_language(config)
    for file in files:
        if file.src_uri == f"{lang}/{FEED_FILE}":
            file.content_string = feed(config, lang)
    return env


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    site = published.current()
    lang = page.file.locale
    data = sitedata.load(published.data_dir(config))
    context["atom_feed"] = {
        "href": site.absolute(feed_address(site.language(lang))),
        "title": data.ui[lang]["feed_link_title"],
    }
    return context
