"""The rules every file in data/ must follow, checked with jsonschema.

Not a hook itself: hooks/sitedata.py calls `validate` once per data change.
Each problem becomes one line an editor can act on:
    data/activities.yml:14:7: activity "study-visits": title.en is missing: add the English text (en: …).
jsonschema checks the shape of each file; what JSON Schema cannot express —
unique ids, references between files (an activity's partners, a result's
activity), files a field names — is checked here after it. Every file is
checked and every mistake reported in one run.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import jsonschema

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


def _obj(required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "required": list(required),
        "properties": {**required, **(optional or {})},
        "additionalProperties": False,
    }


def _list_file(key: str, item: dict[str, Any]) -> dict[str, Any]:
    return _obj({key: {"type": "array", "minItems": 1, "items": item}})


LINK = _obj({"id": ID, "url": URL, "title": BILINGUAL})
MILESTONE = _obj({"id": ID, "date": DATE, "title": BILINGUAL})

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
            "milestones": {"type": "array", "items": MILESTONE},
            "links": {"type": "array", "items": LINK},
            "eea_grants": _obj({"url": URL, "logo": LOGO}),
        }
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
            }
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
                "partners": IDS,
                "results": IDS,
            }
        ),
    ),
    "results": _list_file(
        "results",
        _obj({"id": ID, "number": {"type": "integer", "minimum": 1}, "activity": ID, "title": BILINGUAL}),
    ),
    "networks": _list_file("networks", _obj({"id": ID, "name": BILINGUAL, "description": BILINGUAL})),
}

# What one item of each list is called in messages: the lists of data files
# and the lists inside project.yml.
KIND = {"partners": "partner", "activities": "activity", "results": "result", "networks": "network"}
PROJECT_LISTS = {"milestones": "milestone", "links": "link"}

PATTERN_FIXES = {
    ID["pattern"]: "use lowercase letters a-z, digits and single hyphens only, for example study-visits",
    URL["pattern"]: "write a full https:// address, for example https://www.lps.lv/",
    DATE["pattern"]: "write the date as YYYY-MM-DD, for example 2024-04-15",
    MONTH["pattern"]: "write the month as YYYY-MM, for example 2021-06",
    LOGO["pattern"]: 'write a path under overrides/ such as assets/images/eea-grants.svg, or "" for none',
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


def validate(documents: Documents, root: Path | None = None) -> list[str]:
    """Every problem in every data file, one line each, in file order.
    `documents` maps a name ("activities", "ui/en") to (path shown in
    messages, parsed document or None when it did not parse, positions);
    `root` is the project folder, where files named in data/ are looked up."""
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
    errors += _check_ids_and_references(documents, root)
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


def _item_label(name: str, document: Any, where: list) -> tuple[str, list]:
    """('activity "study-visits": ', path inside the item) for a value's path."""
    lists = KIND if name in KIND else PROJECT_LISTS if name == "project" else {}
    if len(where) >= 2 and where[0] in lists and isinstance(where[1], int):
        item = document[where[0]][where[1]]
        kind = lists[where[0]]
        label = f'{kind} "{item["id"]}": ' if isinstance(item, dict) and isinstance(item.get("id"), str) else f"{kind} no. {where[1] + 1}: "
        return label, where[2:]
    return "", where


def _field(parts: list) -> str:
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
                if key in LANGUAGE_NAMES:
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


def _check_ids_and_references(documents: Documents, root: Path | None) -> list[str]:
    errors: list[str] = []

    def report(name: str, where: tuple, text: str) -> None:
        path, _, positions = documents[name]
        line, column = _position(positions, list(where))
        errors.append(f"{path}:{line}:{column}: {text}.")

    # Unique ids, per list (an id is an address or an anchor).
    ids: dict[str, set[str]] = {}
    lists = [(name, name, KIND[name]) for name in KIND] + [("project", key, kind) for key, kind in PROJECT_LISTS.items()]
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

    def check(name: str, where: tuple, target: str, value: Any, label: str) -> None:
        path = documents[target][0]
        target_list = documents[target][1].get(target) if isinstance(documents[target][1], dict) else None
        if not isinstance(target_list, list) or not isinstance(value, str) or value in ids[target]:
            return  # a target file whose list is broken is reported on its own
        known = ", ".join(sorted(ids[target]))
        close = difflib.get_close_matches(value, ids[target], n=1)
        hint = f"did you mean \"{close[0]}\"? Otherwise " if close else ""
        report(name, where, f'{label}unknown {KIND[target]} "{value}": {hint}use one of the ids in {path} ({known})')

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

    # Files that data names must exist.
    logo = (project.get("eea_grants") or {}).get("logo") if isinstance(project.get("eea_grants"), dict) else None
    if root is not None and isinstance(logo, str) and logo and not (root / "overrides" / logo).is_file():
        report("project", ("eea_grants", "logo"), f'eea_grants.logo is "{logo}", but overrides/{logo} does not exist: add the file there, or write logo: "" to show a text link')
    return errors
