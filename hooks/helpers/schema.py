"""The rules every file in data/ must follow, checked with jsonschema.

Not a hook itself: hooks/helpers/sitedata.py calls `validate` once per data change.
Each problem becomes one line an editor can act on:
    data/activities.yml:14:7: activity "study-visits": title.en is missing: add the English text (en: …).
jsonschema checks the shape of each file; what JSON Schema cannot express —
unique ids, references between files (an activity's partners, a result's
activity, an event's activities), files a field names, the dates of events
and documents (a year is required; a span ends after it starts), a
document's file or address, the same source twice in one item — is checked
here after it. Every file is
checked and every mistake reported in one run.
"""

from __future__ import annotations

import datetime
import difflib
import os
import re
from pathlib import Path
from typing import Any

import jsonschema

from helpers import document_files

DATE_KEYS = {"date", "signed", "start", "end"}
LANGUAGE_NAMES = {"lv": "Latvian", "en": "English"}

ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
# An HTML tag in a data field is a mistake (the text is shown exactly as typed,
# the tag would appear on the page as "<b>"): reported, and escaped anyway.
HTML_TAG = r"<[A-Za-z/!?]"
TEXT = {"type": "string", "minLength": 1, "pattern": r"\S", "not": {"pattern": HTML_TAG}}
BILINGUAL = {
    "type": "object",
    "required": ["lv", "en"],
    "properties": {"lv": TEXT, "en": TEXT},
    "additionalProperties": False,
}
URL = {"type": "string", "pattern": r"^https://[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/[^\s<>\"']*)?$"}
DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
MONTH = {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"}
IDS = {"type": "array", "items": ID, "minItems": 1, "uniqueItems": True}
AMOUNT = {"type": "integer", "minimum": 0}
LOGO = {"type": "string", "pattern": r"^$|^assets/[A-Za-z0-9_./-]+\.(svg|png)$"}
# Where a source, partner or document lives on another site, and optionally
# an archived copy of it (a web archive's address), shown beside it.
ARCHIVED = URL
# The languages a cited page may be written in (data/sources.yml).
SOURCE_LANGUAGES = ["lv", "en", "no", "pl"]
# Items of every list carry at least one source: ids of data/sources.yml.
SOURCES = {"type": "array", "minItems": 1, "uniqueItems": True, "items": ID}
# An event's or document's date: checked in Python (_check_dates), where each
# mistake (no year, a day that does not exist, a span that ends before it
# starts) gets its own message.
PARTIAL_DATE: dict[str, Any] = {}
DOCUMENT_KINDS = ["strategy", "report", "guidelines", "tool", "questionnaire", "presentation", "other"]
# File formats a document on another site may have; HTML is a web page (no size).
DOCUMENT_FORMATS = ["PDF", "DOCX", "DOC", "XLSX", "XLS", "PPTX", "PPT", "ODT", "ODS", "ODP", "RTF", "ZIP", "HTML"]
# A document file kept in data/documents/: a plain file name, lowercase a–z,
# digits and hyphens, one dot before the extension (its address is /documents/<name>).
FILE_NAME = {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+$"}
# "1.2 MB", "1,2 MB", "845 kB", "12 KB", "900 B": what the site can show in both languages.
SIZE_PATTERN = r"^(?P<number>\d+(?:[.,]\d+)?) ?(?P<unit>[kKMG]?B)$"
SIZE_TEXT = {"type": "string", "pattern": SIZE_PATTERN}


def _obj(required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "required": list(required),
        "properties": {**required, **(optional or {})},
        "additionalProperties": False,
    }


def _list_file(key: str, item: dict[str, Any]) -> dict[str, Any]:
    return _obj({key: {"type": "array", "minItems": 1, "items": item}})


# A page of data/sources.yml: its title as published (a quotation) or, where
# the page shows none, our description of it; its publisher is an id.
SOURCE_VERSION = _obj({"url": URL, "title": TEXT, "language": {"enum": SOURCE_LANGUAGES}})
SOURCE = _obj(
    {"id": ID, "url": URL, "language": {"enum": SOURCE_LANGUAGES}, "kind": {"enum": ["page", "news"]}, "publisher": ID},
    {"title": TEXT, "description": BILINGUAL, "published": PARTIAL_DATE, "archived": ARCHIVED, "also_in": SOURCE_VERSION},
)
PUBLISHER = _obj({"id": ID, "name": BILINGUAL})
LINK = _obj({"id": ID, "url": URL, "title": BILINGUAL}, {"archived": ARCHIVED})
# A labelled fact of a result: a text, or a list of short texts, with its sources.
RESULT_FACT = {
    "type": "object",
    "required": ["label", "sources"],
    "properties": {"label": BILINGUAL, "text": BILINGUAL, "items": {"type": "array", "minItems": 1, "items": BILINGUAL}, "sources": SOURCES},
    "additionalProperties": False,
}
# A result as registered with the donor (the plan): quoted in the language the
# donor's page gives it, with our rendering in every other language.
REGISTERED = _obj({"language": {"enum": ["lv", "en"]}, "text": TEXT, "translation": {
    "type": "object", "minProperties": 1, "properties": {"lv": TEXT, "en": TEXT}, "additionalProperties": False}, "sources": SOURCES})
# What a public source shows happened (the evidence), dated where the source
# dates it; `see`: the page of this site that tells it (docs path, #anchor allowed).
PAGE_LINK = {"type": "string", "pattern": r"^[a-z0-9][a-z0-9/_-]*\.md(#[a-z0-9-]+)?$"}
EVIDENCE = _obj({"text": BILINGUAL, "sources": SOURCES}, {"date": PARTIAL_DATE, "see": PAGE_LINK})
OPTIONAL_IDS = {"type": "array", "items": ID, "uniqueItems": True}

SCHEMAS: dict[str, dict[str, Any]] = {
    "project": _obj(
        {
            "id": ID,
            "number": {"type": "string", "minLength": 1},
            "title": BILINGUAL,
            "short_title": BILINGUAL,
            "goal": BILINGUAL,
            "summary": BILINGUAL,
            "slogan": BILINGUAL,
            "funding_statement": BILINGUAL,
            "programme": BILINGUAL,
            "programme_operator": BILINGUAL,
            "project_type": BILINGUAL,
            "contract": _obj({"number": {"type": "string", "minLength": 1}, "signed": DATE}),
            "period": _obj({"start": MONTH, "end": MONTH}),
            "eligibility": _obj({"start": DATE, "end": DATE}),
            "budget": _obj(
                {
                    "currency": {"const": "EUR"},
                    "grant": AMOUNT,
                    "national_cofinancing": AMOUNT,
                    "total_eligible": AMOUNT,
                },
                {"initial_cost_fmo_archive": AMOUNT},
            ),
            "promoter": ID,
            "partners": IDS,
            "target_groups": _obj({"primary": BILINGUAL, "secondary": BILINGUAL}),
            "locations": BILINGUAL,
            "links": {"type": "array", "items": LINK},
            "eea_grants": _obj({"url": URL, "logo": LOGO}),
            # The sources of each fact above: field name -> source ids.
            "sources": {"type": "object", "minProperties": 1, "additionalProperties": SOURCES},
        },
        {"project_manager": TEXT, "highlights": {"type": "array", "minItems": 1, "items": EVIDENCE}},
    ),
    "partners": _list_file(
        "partners",
        _obj(
            {
                "id": ID,
                "role": {"enum": ["promoter", "partner", "donor-partner"]},
                "country": {"enum": ["LV", "NO"]},
                "abbreviation": BILINGUAL,
                "name": BILINGUAL,
                "url": URL,
                "summary": BILINGUAL,
                "description": BILINGUAL,
                "sources": SOURCES,
            },
            {"archived": ARCHIVED},
        ),
    ),
    "activities": _list_file(
        "activities",
        _obj(
            {
                "id": ID,
                "number": {"type": "integer", "minimum": 1},
                "title": BILINGUAL,
                "summary": BILINGUAL,
                "description": BILINGUAL,
                "results": IDS,
                "sources": SOURCES,
            },
            # Only the partners a source names for this activity.
            {"partners": IDS},
        ),
    ),
    "results": _list_file(
        "results",
        _obj(
            {
                "id": ID,
                "number": {"type": "integer", "minimum": 1},
                "activity": ID,
                "title": BILINGUAL,
                "registered": REGISTERED,
            },
            {"evidence": {"type": "array", "minItems": 1, "items": EVIDENCE},
             "facts": {"type": "array", "minItems": 1, "items": RESULT_FACT}},
        ),
    ),
    "sources": _obj({"publishers": {"type": "array", "minItems": 1, "items": PUBLISHER},
                     "sources": {"type": "array", "minItems": 1, "items": SOURCE}}),
    "gaps": _list_file(
        "gaps",
        _obj({"id": ID, "title": BILINGUAL, "known": BILINGUAL, "sources": SOURCES},
             {"results": OPTIONAL_IDS, "activities": OPTIONAL_IDS}),
    ),
    "terms": _obj({
        "terms": {"type": "array", "minItems": 1, "items": _obj(
            {"id": ID, "lv": TEXT, "en": TEXT},
            {"avoid": {"type": "object", "minProperties": 1, "additionalProperties": False,
                       "properties": {lang: {"type": "array", "minItems": 1, "uniqueItems": True, "items": TEXT} for lang in ("lv", "en")}},
             "names": {"type": "array", "minItems": 1, "uniqueItems": True, "items": TEXT},
             "explanation": BILINGUAL})},
        "quotations": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"type": "string", "pattern": r"^[a-z_]+(\.[a-z_*]+)*$"}},
    }),
    "networks": _list_file("networks", _obj({"id": ID, "name": BILINGUAL, "description": BILINGUAL, "sources": SOURCES})),
    "events": _list_file(
        "events",
        _obj(
            {"id": ID, "date": PARTIAL_DATE, "title": BILINGUAL, "summary": BILINGUAL, "sources": SOURCES},
            {"end": PARTIAL_DATE, "place": BILINGUAL, "activities": OPTIONAL_IDS, "results": OPTIONAL_IDS, "milestone": {"type": "boolean"}},
        ),
    ),
    "documents": _list_file(
        "documents",
        _obj(
            {
                "id": ID,
                "title": BILINGUAL,
                "languages": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": ["lv", "en"]}},
                "kind": {"enum": DOCUMENT_KINDS},
                "date": PARTIAL_DATE,
                "sources": SOURCES,
            },
            {
                "results": OPTIONAL_IDS,
                "activities": OPTIONAL_IDS,
                # A document of the whole project (the final report): on the
                # documents page and the About page.
                "project": {"type": "boolean"},
                "events": OPTIONAL_IDS,
                "file": FILE_NAME,
                "url": URL,
                "format": {"enum": DOCUMENT_FORMATS},
                "size": SIZE_TEXT,
                "archived": ARCHIVED,
                "note": BILINGUAL,
            },
        ),
    ),
}

# What one item of each list is called in messages: the lists of data files
# and the lists inside project.yml.
KIND = {
    "partners": "partner", "activities": "activity", "results": "result", "networks": "network",
    "events": "event", "documents": "document", "gaps": "gap",
}
# Lists inside a file whose items are named like those of KIND.
INNER_LISTS = {"sources": {"sources": "source", "publishers": "publisher"}, "terms": {"terms": "term"}}
PROJECT_LISTS = {"links": "link"}

PATTERN_FIXES = {
    ID["pattern"]: "use lowercase letters a-z, digits and single hyphens only, for example study-visits",
    URL["pattern"]: "write a full https:// address, for example https://www.lps.lv/",
    DATE["pattern"]: "write the date as YYYY-MM-DD, for example 2024-04-15",
    MONTH["pattern"]: "write the month as YYYY-MM, for example 2021-06",
    LOGO["pattern"]: 'write a path under overrides/ such as assets/images/eea-grants.svg, or "" for none',
    FILE_NAME["pattern"]: ("write the plain name of a file in data/documents/: lowercase a–z, digits and hyphens, one dot before "
                           "the extension, for example strategy-2027.pdf; rename the file itself in data/documents/ to the same name"),
    SIZE_PATTERN: "the site cannot show this size: write a number and a unit as the publisher shows it, for example size: 1.2 MB or size: 845 kB",
    TEXT["pattern"]: "write the text, or remove the line",
}
TYPE_NAMES = {
    "string": "text",
    "object": "a group of fields (indented key: value lines)",
    "array": "a list (indented lines starting with -, or [a, b])",
    "integer": "a whole number",
}
# Which mistake to report when one value breaks several rules: the first.
RANK = ["type", "required", "additionalProperties", "minLength", "not", "pattern", "format", "enum", "const", "uniqueItems", "minItems", "minimum"]

Documents = dict[str, tuple[Path, Any, dict]]


def validate(documents: Documents, root: Path | None = None, until: datetime.date | None = None) -> list[str]:
    """Every problem in every data file, one line each, in file order.
    `documents` maps a name ("activities", "ui/en") to (path shown in
    messages, parsed document or None when it did not parse, positions);
    `root` is the project folder, where files named in data/ are looked up;
    `until`: the day of the commit being built, after which no date of the
    record may fall (None: not checked, see `built_on`)."""
    errors: list[str] = []
    for name, (path, document, positions) in documents.items():
        if document is None and not positions:
            continue  # not parsed: its YAML error is already reported
        if name.startswith("ui/") and name != "ui/lv" and not isinstance(documents["ui/lv"][1], dict):
            continue  # its keys are compared with ui/lv.yml, which did not parse
        schema = SCHEMAS.get(name) or _ui_schema(documents)
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        found: list[tuple[tuple[int, int], str]] = []
        for error in _one_per_value(validator.iter_errors(document)):
            found += _messages(name, path, document, positions, error)
        errors += [message for _, message in sorted(found)]
    errors += _check_ids_and_references(documents, root, until)
    return errors


def _one_per_value(errors: Any) -> list[jsonschema.ValidationError]:
    """The most telling error for each value: an empty string breaks both
    minLength and pattern, but the editor needs one line, not two."""
    best: dict[tuple, jsonschema.ValidationError] = {}
    extra: list[jsonschema.ValidationError] = []
    for error in errors:
        if error.validator in ("required", "additionalProperties"):
            extra.append(error)  # about other keys of the object: always reported
            continue
        key = tuple(error.absolute_path)
        if key not in best or _rank(error) < _rank(best[key]):
            best[key] = error
    return extra + list(best.values())


def _rank(error: jsonschema.ValidationError) -> int:
    return RANK.index(error.validator) if error.validator in RANK else len(RANK)


def _ui_schema(documents: Documents) -> dict[str, Any]:
    # Both interface files must define the same keys: lv.yml is the reference.
    reference = documents["ui/lv"][1]
    keys = sorted(reference) if isinstance(reference, dict) else []
    return {
        "type": "object",
        "required": keys,
        "properties": {key: TEXT for key in keys},
        "additionalProperties": False,
    }


def item_lists(name: str) -> dict[str, str]:
    """The lists of data file `name` whose items messages name by their id:
    {list key: what one item is called}."""
    if name in KIND:
        return {name: KIND[name]}
    return PROJECT_LISTS if name == "project" else INNER_LISTS.get(name, {})


def _item_label(name: str, document: Any, where: list) -> tuple[str, list]:
    """('activity "study-visits": ', path inside the item) for a value's path."""
    lists = item_lists(name)
    if len(where) >= 2 and where[0] in lists and isinstance(where[1], int):
        item = document[where[0]][where[1]]
        kind = lists[where[0]]
        label = f'{kind} "{item["id"]}": ' if isinstance(item, dict) and isinstance(item.get("id"), str) else f"{kind} no. {where[1] + 1}: "
        return label, where[2:]
    return "", where


def _field(parts: list) -> str:
    # A value inside an item's list of sources: "source 2: url", not "sources.1.url".
    if len(parts) >= 2 and parts[0] == "sources" and isinstance(parts[1], int):
        return f"source {parts[1] + 1}" + (f": {'.'.join(str(p) for p in parts[2:])}" if len(parts) > 2 else "")
    return ".".join(str(p) for p in parts)


def _messages(name: str, path: Path, document: Any, positions: dict, error: jsonschema.ValidationError) -> list[tuple[tuple[int, int], str]]:
    where = list(error.absolute_path)
    label, inside = _item_label(name, document, where)
    is_ui = name.startswith("ui/")
    out = []

    def add(at: list, text: str) -> None:
        line, column = _position(positions, at)
        out.append(((line, column), f"{path}:{line}:{column}: {label}{text}."))

    validator, value = error.validator, error.instance
    if validator == "required":
        for key in error.validator_value:
            if isinstance(value, dict) and key not in value:
                field = _field(inside + [key])
                if key == "sources":
                    add(where, 'sources is missing: every item names at least one public page its facts come from: add "sources: [<id>]" '
                        "with the ids of those pages in data/sources.yml (see \"Adding a source\" in CONTRIBUTING.md)")
                elif key in LANGUAGE_NAMES:
                    add(where, f"{field} is missing: add the {LANGUAGE_NAMES[key]} text as a line \"{key}: …\" under {_field(inside) or 'it'}, indented like the other language")
                elif is_ui:
                    add(where, f'{field} is missing: data/ui/lv.yml has this key, so add "{key}: …" with its {LANGUAGE_NAMES[name[3:]]} text')
                else:
                    add(where, f'{field} is missing: add a line "{key}: …" (see the other items of this file for an example)')
    elif validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for key in sorted(set(value) - set(allowed), key=str):
            field = _field(inside + [key])
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            if is_ui:
                fix = f'data/ui/lv.yml has no key "{key}": add it there too with its Latvian text, or remove it here'
            elif close:
                fix = f'did you mean "{close[0]}"? Rename it'
            else:
                fix = f"remove it or rename it to one of: {', '.join(allowed)}"
            add(where + [key, "<key>"], f'unknown field "{field}": {fix}')
    else:
        add(where, f"{_field(inside) or 'the file'} {_problem(error)}")
    return out


def _problem(error: jsonschema.ValidationError) -> str:
    """'is …: how to fix it' for a value that breaks one rule."""
    validator, value, rule = error.validator, error.instance, error.validator_value
    if validator == "type":
        expected = TYPE_NAMES.get(str(rule), str(rule))
        if value is None:
            return "has no value: write it after the colon" + (" (in quotes if it contains a colon)" if rule == "string" else "")
        if isinstance(value, bool):
            return f'is read as {str(value).lower()} (YAML reads yes/no/on/off/NO as true/false): put it in quotes, for example "NO"'
        if rule == "object" and error.schema is BILINGUAL:
            return "must have both languages: write it as two indented lines, lv: … and en: …"
        if rule == "string":
            return f"must be text: put it in quotes, for example \"{value}\""
        shown = {dict: "a group of fields", list: "a list"}.get(type(value)) or _shown(value)
        return f"must be {expected}, not {shown}"
    if validator in ("minLength", "pattern") and isinstance(value, str) and not value.strip():
        return "is empty: write the text (both languages need it)"
    if validator == "not":
        tag = value[value.find("<"):][:20].split(">")[0] + ">" if "<" in value else "<…>"
        return f'contains an HTML tag ("{tag}"): data files hold plain text, shown exactly as typed: remove the tag'
    if validator == "pattern" and rule == URL["pattern"] and isinstance(value, str) and value.startswith("http://"):
        return (f"is {_shown(value)}, which is not an https address: write it with https:// "
                "(open it in a browser to check that the page answers there); an address without https is not accepted")
    if validator == "pattern" and rule == FILE_NAME["pattern"] and isinstance(value, str):
        wanted = document_files.plain_name(value)
        return (f"is {_shown(value)}: write the plain name of a file in data/documents/: lowercase a–z, digits and hyphens, one dot "
                f"before the extension, here {wanted}; rename the file itself in data/documents/ to {wanted} too")
    if validator == "pattern":
        return f"is {_shown(value)}: {PATTERN_FIXES.get(rule, f'it must match {rule}')}"
    if validator == "format":
        return f"is {_shown(value)}, which is not a real date: write a date that exists, as YYYY-MM-DD"
    if validator == "enum":
        if isinstance(value, bool):
            return f'is read as {str(value).lower()} (YAML reads NO, yes, on, off as true/false): put it in quotes, for example "NO"'
        return f"is {_shown(value)}: use one of {', '.join(str(v) for v in rule)}"
    if validator == "const":
        return f"is {_shown(value)}: use {rule}"
    if validator == "uniqueItems":
        return "lists the same id twice: list each id once"
    if validator == "minItems":
        return "is an empty list: list at least one"
    if validator == "minimum":
        return f"is {_shown(value)}: use a number of at least {rule}"
    return f"is wrong ({error.message}): see CONTRIBUTING.md"


def _shown(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)


def _position(positions: dict, where: list) -> tuple[int, int]:
    for end in range(len(where), -1, -1):
        if tuple(where[:end]) in positions:
            return positions[tuple(where[:end])]
    return (1, 1)


def _items(document: Any, key: str) -> list[tuple[int, dict]]:
    """(index, item) of the list `key`, skipping what the schema rejected."""
    items = document.get(key) if isinstance(document, dict) else None
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []  # anything else: the schema reports it


def _check_ids_and_references(documents: Documents, root: Path | None, until: datetime.date | None = None) -> list[str]:
    errors: list[str] = []

    def report(name: str, where: tuple, text: str) -> None:
        path, _, positions = documents[name]
        line, column = _position(positions, list(where))
        errors.append(f"{path}:{line}:{column}: {text}.")

    # Unique ids, per list (an id is an address or an anchor).
    ids: dict[str, set[str]] = {}
    lists = [(name, key, kind) for name in documents for key, kind in item_lists(name).items()]
    for name, key, kind in lists:
        first: dict[str, int] = {}
        for index, item in _items(documents[name][1], key):
            item_id = item.get("id")
            if not isinstance(item_id, str):
                continue
            if item_id in first:
                line = _position(documents[name][2], [key, first[item_id], "id"])[0]
                report(name, (key, index, "id"), f'{kind} "{item_id}": the id is already used on line {line}: give each {kind} its own id')
            first.setdefault(item_id, index)
        ids[key] = set(first)

    def check(name: str, where: tuple, target: str, value: Any, label: str, key: str | None = None, also: set[str] = frozenset()) -> None:
        """`value` must be the id of an item of the list `key` (default: the
        file's own name) of data file `target`, or one of `also`."""
        key = key or target
        path = documents[target][0]
        target_list = documents[target][1].get(key) if isinstance(documents[target][1], dict) else None
        if not isinstance(target_list, list) or not isinstance(value, str) or value in ids[key] or value in also:
            return  # a target file whose list is broken is reported on its own
        known = ids[key] | set(also)
        close = difflib.get_close_matches(value, known, n=1)
        hint = f"did you mean \"{close[0]}\"? Otherwise " if close else ""
        listed = ", ".join(sorted(ids[key])) if len(ids[key]) <= 12 else f"{len(ids[key])} ids"
        kind = item_lists(target)[key]
        if also:  # the ids `also` allows live in data/partners.yml (a publisher may be a partner): name both files
            where_to_look = f"use the id of a {kind} in {path} ({listed}) or of a partner in data/partners.yml ({', '.join(sorted(also))})"
        else:
            where_to_look = f"use one of the ids in {path} ({listed})"
        report(name, where, f'{label}unknown {kind} "{value}": {hint}{where_to_look}')

    project = documents["project"][1] if isinstance(documents["project"][1], dict) else {}
    check("project", ("promoter",), "partners", project.get("promoter"), "")
    for index, partner_id in enumerate(_list(project.get("partners"))):
        check("project", ("partners", index), "partners", partner_id, "")
    results_of: dict[str, set] = {}
    activity_of = {r.get("id"): r.get("activity") for _, r in _items(documents["results"][1], "results")}
    for index, activity in _items(documents["activities"][1], "activities"):
        label = f'activity "{activity.get("id")}": '
        for ref, partner_id in enumerate(_list(activity.get("partners"))):
            check("activities", ("activities", index, "partners", ref), "partners", partner_id, label)
        for ref, result_id in enumerate(_list(activity.get("results"))):
            check("activities", ("activities", index, "results", ref), "results", result_id, label)
            owner = activity_of.get(result_id)
            if isinstance(owner, str) and owner != activity.get("id") and owner in ids["activities"]:
                report("activities", ("activities", index, "results", ref),
                       f'{label}lists result "{result_id}", which belongs to activity "{owner}" ({documents["results"][0]}): '
                       f"remove it here, or change that result's activity")
        results_of[activity.get("id")] = set(_list(activity.get("results")))
    for index, result in _items(documents["results"][1], "results"):
        label = f'result "{result.get("id")}": '
        activity_id = result.get("activity")
        check("results", ("results", index, "activity"), "activities", activity_id, label)
        if activity_id in results_of and result.get("id") not in results_of[activity_id]:
            report("results", ("results", index, "activity"), f'{label}its activity is "{activity_id}", but that activity does not list it: add {result.get("id")} to the results of activity "{activity_id}" in {documents["activities"][0]}, or correct the activity here')

    for name, key, kind in [("events", "events", "event"), ("documents", "documents", "document")]:
        for index, item in _items(documents[name][1], key):
            label = f'{kind} "{item.get("id")}": '
            for field, target in (("activities", "activities"), ("results", "results"), ("events", "events")):
                for ref, value in enumerate(_list(item.get(field))):
                    check(name, (key, index, field, ref), target, value, label)
    for index, gap in _items(documents["gaps"][1], "gaps"):
        label = f'gap "{gap.get("id")}": '
        for field in ("activities", "results"):
            for ref, value in enumerate(_list(gap.get(field))):
                check("gaps", ("gaps", index, field, ref), field, value, label)
    for index, result in _items(documents["results"][1], "results"):
        registered = result.get("registered")
        if isinstance(registered, dict) and isinstance(registered.get("translation"), dict) and registered.get("language") in LANGUAGE_NAMES:
            quoted, given = registered["language"], set(registered["translation"])
            wanted = set(LANGUAGE_NAMES) - {quoted}
            if given != wanted:
                report("results", ("results", index, "registered", "translation"),
                       f'result "{result.get("id")}": registered.text is quoted in {LANGUAGE_NAMES[quoted]}, so translation needs '
                       f'{" and ".join(LANGUAGE_NAMES[code] for code in sorted(wanted))} only: write it as '
                       f'{", ".join(code + ": …" for code in sorted(wanted))}')
    with_gaps = {result_id for _, gap in _items(documents["gaps"][1], "gaps") for result_id in _list(gap.get("results"))}
    for index, result in _items(documents["results"][1], "results"):
        if not result.get("evidence") and result.get("id") not in with_gaps:
            report("results", ("results", index), f'result "{result.get("id")}": nothing says what became of it: add evidence: '
                   "(what a public source shows happened, with its sources), or an entry in data/gaps.yml that names this result "
                   "under results: and says what is not yet published")
    # Every source id names a page of data/sources.yml; every publisher a partner or a publisher there.
    for name, (_, document, _) in documents.items():
        if name.startswith("ui/") or name == "sources":
            continue
        for where, value in source_ids(document, ()):
            check(name, where, "sources", value, _item_label(name, document, list(where))[0])
    partner_ids = ids.get("partners", set())
    for index, source in _items(documents["sources"][1], "sources"):
        label = f'source "{source.get("id")}": '
        check("sources", ("sources", index, "publisher"), "sources", source.get("publisher"), label, key="publishers", also=partner_ids)
        if ("title" in source) == ("description" in source):
            report("sources", ("sources", index), f"{label}it needs either a title (exactly as the page publishes it) or, where the page "
                   "shows no title, a description {lv: …, en: …}, not both")
        other = source.get("also_in")
        if isinstance(other, dict) and other.get("language") == source.get("language"):
            report("sources", ("sources", index, "also_in", "language"), f"{label}also_in is the same page in another language: "
                   "its language must differ from the source's")
    _check_dates(documents, report, until)
    _check_documents(documents, root, report)
    _check_result_facts(documents, report)
    _check_registry(documents, report)

    # Files that data names must exist.
    logo = (project.get("eea_grants") or {}).get("logo") if isinstance(project.get("eea_grants"), dict) else None
    if root is not None and isinstance(logo, str) and logo and not (root / "overrides" / logo).is_file():
        report("project", ("eea_grants", "logo"), f'eea_grants.logo is "{logo}", but overrides/{logo} does not exist: add the file there, or write logo: "" to show a text link')
    return errors


# --- Dates of events and documents -------------------------------------------

_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_NUMERIC_LV = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$")
DATE_FORMS = "write it as YYYY-MM-DD (a day), YYYY-MM (a month) or YYYY (a year), for example 2022-04-06"
PartialDate = tuple[int, "int | None", "int | None"]


def partial_date(value: Any) -> tuple[PartialDate | None, str]:
    """(year, month or None, day or None) of an event's or document's date and
    "", or None and what is wrong with it, to follow 'date is "…"'."""
    if isinstance(value, (bool, list, dict, float)) or value is None:
        return None, f", which is not a date: {DATE_FORMS}"
    text = str(value).strip()
    if not re.search(r"\d{4}", text):
        return None, (", which has no year: the timeline shows only dates whose year a source states: add the year "
                      "(YYYY-MM-DD) if a source gives it; if none does, remove the event and tell it in its activity's "
                      "description without a date")
    numeric = _NUMERIC_LV.match(text)
    if numeric:
        day, month, year = numeric.groups()
        return None, f": write the date as YYYY-MM-DD, for example {year}-{int(month):02d}-{int(day):02d}"
    for pattern in (_FULL, _MONTH, _YEAR):
        match = pattern.match(text)
        if not match:
            continue
        year, month, day = ([int(p) for p in match.groups()] + [None, None])[:3]
        try:
            datetime.date(year, month or 1, day or 1)
        except ValueError:
            return None, ", which is not a real date: write a date that exists, as YYYY-MM-DD"
        return (year, month, day), ""
    return None, f": {DATE_FORMS}"


def built_on() -> datetime.date | None:
    """The day of the commit being built: SOURCE_DATE_EPOCH (set from the
    last commit by the Makefile and scripts/build.py, never the clock), in
    the time zone where that moment is latest (UTC+14), so that no day of
    any place counts as later than it. None where it is unset or 0 (a
    build outside git): dates are then not compared (DATES_NOT_COMPARED)."""
    try:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    except ValueError:
        return None
    if epoch <= 0:
        return None
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone(datetime.timedelta(hours=14))).date()


DATES_NOT_COMPARED = ("data/: note: no date was compared with the commit being built: SOURCE_DATE_EPOCH is unset or 0 "
                      "(outside git), so a date later than the commit is not found.")


def _check_dates(documents: Documents, report: Any, until: datetime.date | None = None) -> None:
    # Dates that stand alone: when a source page was published, when a result's evidence happened.
    alone = [("sources", ("sources", index), f'source "{item.get("id")}": ', "published", item)
             for index, item in _items(documents["sources"][1], "sources")]
    for index, result in _items(documents["results"][1], "results"):
        for number, evidence in enumerate(_list(result.get("evidence"))):
            if isinstance(evidence, dict):
                alone.append(("results", ("results", index, "evidence", number), f'result "{result.get("id")}": evidence {number + 1}: ', "date", evidence))
    for name, at, label, field, item in alone:
        if field in item:
            parts, problem = partial_date(item[field])
            if problem:
                report(name, at + (field,), f"{label}{field} is {_shown(item[field])}{problem}")
            else:
                _not_after(until, parts, report, name, at + (field,), label, field, item[field])
    for name, kind in (("events", "event"), ("documents", "document")):
        for index, item in _items(documents[name][1], name):
            label = f'{kind} "{item.get("id")}": '
            start = end = None
            if "date" in item:
                start, problem = partial_date(item["date"])
                if problem:
                    report(name, (name, index, "date"), f"{label}date is {_shown(item['date'])}{problem}")
                else:
                    _not_after(until, start, report, name, (name, index, "date"), label, "date", item["date"])
            if "end" in item:
                end, problem = partial_date(item["end"])
                if problem:
                    report(name, (name, index, "end"), f"{label}end is {_shown(item['end'])}{problem}")
                else:
                    _not_after(until, end, report, name, (name, index, "end"), label, "end", item["end"])
            if start is None or end is None:
                continue
            at = (name, index, "end")
            if end[2] is None:
                report(name, at, f"{label}end is {_shown(item['end'])}: a span runs from one day to another: write its last day as YYYY-MM-DD")
            elif start[2] is None:
                report(name, (name, index, "date"), f"{label}date is {_shown(item['date'])}, but the event has an end: write its first day as YYYY-MM-DD too")
            elif datetime.date(*end) < datetime.date(*start):
                report(name, at, f"{label}end is {_shown(item['end'])}, before the first day ({_shown(item['date'])}): "
                                 "an event cannot end before it starts: correct the dates, or swap them")
            elif end == start:
                report(name, at, f"{label}end is the same day as date: remove end for a one-day event")


def _not_after(until: datetime.date | None, parts: PartialDate | None, report: Any, name: str, at: tuple, label: str,
               field: str, value: Any) -> None:
    """A date (its first day, for a month or a year) after the commit being built."""
    if until is None or parts is None:
        return
    year, month, day = parts
    if datetime.date(year, month or 1, day or 1) > until:
        report(name, at, f"{label}{field} is {_shown(value)}, later than the commit being built ({until.isoformat()}): "
                         "the record tells what happened: write the date on which it happened, or add the entry once it has")


# --- Documents: a file here or an address elsewhere --------------------------

def size_in_bytes(text: str) -> int:
    """"1.2 MB" -> 1200000 (decimal units, as publishers show them)."""
    match = re.match(SIZE_PATTERN, text)
    number = float(match["number"].replace(",", "."))
    return round(number * {"B": 1, "kB": 1000, "KB": 1000, "MB": 1000**2, "GB": 1000**3}[match["unit"]])


def _check_documents(documents: Documents, root: Path | None, report: Any) -> None:
    for index, document in _items(documents["documents"][1], "documents"):
        label = f'document "{document.get("id")}": '
        at = ("documents", index)
        if not document.get("results") and not document.get("activities") and document.get("project") is not True:
            report("documents", at, f"{label}it belongs to no result or activity: add results: [<id>] or activities: [<id>] "
                                    "(ids from data/results.yml and data/activities.yml), or, for a document of the whole project "
                                    "such as its final report, project: true")
        has_file, has_url = "file" in document, "url" in document
        if has_file and has_url:
            report("documents", at + ("url",), f"{label}it has both a file and a url: keep the one a reader should use")
        elif not has_file and not has_url:
            report("documents", at, f"{label}it has no file and no url: add file: <name> (a file you put in data/documents/) "
                                    "or url: https://… with its format and size")
        elif has_file:
            for field in ("format", "size"):
                if field in document:
                    report("documents", at + (field, "<key>"), f"{label}{field} is measured from the file by the build: remove the line")
            if "archived" in document:
                report("documents", at + ("archived", "<key>"), f"{label}archived is the archived copy of a document on another site; "
                                                                "this one is kept here: remove the line")
            name = document["file"]
            if root is not None and isinstance(name, str) and re.match(FILE_NAME["pattern"], name):
                path = root / "data" / "documents" / name
                if not path.is_file():
                    report("documents", at + ("file",), f'{label}file is "{name}", but data/documents/{name} does not exist: '
                                                        "add the file there under exactly this name (rename it if it is called "
                                                        "otherwise), or correct the name here")
                elif document_files.problem(path):
                    report("documents", at + ("file",), f"{label}data/documents/{name} {document_files.problem(path)}")
        else:
            form = document.get("format")
            if "format" not in document:
                report("documents", at + ("url",), f"{label}a document on another site needs its format: add a line "
                                                   f"\"format: PDF\" (or {', '.join(DOCUMENT_FORMATS[1:-1])}, or HTML for a web page)")
            elif form == "HTML" and "size" in document:
                report("documents", at + ("size", "<key>"), f"{label}a web page (format: HTML) has no size to show: remove the size line")
            elif form != "HTML" and "size" not in document and form in DOCUMENT_FORMATS:
                report("documents", at + ("format",), f"{label}a document on another site needs its size, as its publisher shows it: "
                                                      "add a line \"size: 1.2 MB\" (or 845 kB)")


def _check_result_facts(documents: Documents, report: Any) -> None:
    for index, result in _items(documents["results"][1], "results"):
        for number, fact in enumerate(_list(result.get("facts"))):
            if isinstance(fact, dict) and ("text" in fact) == ("items" in fact):
                report("results", ("results", index, "facts", number),
                       f'result "{result.get("id")}": fact {number + 1} needs either a text or a list of items (not both): '
                       "write text: {lv: …, en: …} or items: [{lv: …, en: …}, …]")


# --- Sources -----------------------------------------------------------------

def source_ids(value: Any, where: tuple) -> list[tuple[tuple, Any]]:
    """(path, id) of every source id cited anywhere in a document: each
    `sources:` list, at any depth (an item's, a fact's, a project field's)."""
    found = []
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "sources" and isinstance(inner, list):
                found += [(where + (key, number), source_id) for number, source_id in enumerate(inner)]
            elif key == "sources" and isinstance(inner, dict):  # project.yml: field -> ids
                found += [(where + (key, field, number), source_id)
                          for field, ids in inner.items() for number, source_id in enumerate(_list(ids))]
            else:
                found += source_ids(inner, where + (key,))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += source_ids(inner, where + (index,))
    return found


def _check_registry(documents: Documents, report: Any) -> None:
    """One registry entry per page: the same address twice is a slip (a
    copied entry); project.yml's sources name its own fields."""
    seen: dict[str, int] = {}
    for index, source in _items(documents["sources"][1], "sources"):
        url = source.get("url")
        if not isinstance(url, str):
            continue
        normal = url.rstrip("/").replace("://www.", "://")
        if normal in seen:
            first = _position(documents["sources"][2], ["sources", seen[normal], "url"])[0]
            report("sources", ("sources", index, "url"), f'source "{source.get("id")}": the same page is registered on line {first}: '
                   "cite that entry's id instead, and remove this one")
        seen.setdefault(normal, index)
    project = documents["project"][1]
    if isinstance(project, dict) and isinstance(project.get("sources"), dict):
        fields = [key for key in project if key != "sources"]
        for field in project["sources"]:
            if field not in fields:
                close = difflib.get_close_matches(str(field), fields, n=1)
                hint = f'did you mean "{close[0]}"? Otherwise ' if close else ""
                report("project", ("sources", field, "<key>"), f'sources names "{field}", which is no field of this file: {hint}'
                       "name the field whose facts the sources support")
