"""The rules every file in data/ must follow, checked with jsonschema.

Not a hook itself: hooks/sitedata.py calls `validate` once per data change.
Each problem becomes one line an editor can act on:
    data/activities.yml:14:7: activity "study-visits": title.en is missing. Add …
jsonschema checks the shape of each file; the references between files (an
activity's partners, a result's activity) are checked here after it, because
JSON Schema cannot look into another document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema

DATE_KEYS = {"date", "signed", "start", "end"}

ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
TEXT = {"type": "string", "minLength": 1, "pattern": r"\S", "not": {"pattern": r"<[A-Za-z/!]"}}
BILINGUAL = {
    "type": "object",
    "required": ["lv", "en"],
    "properties": {"lv": TEXT, "en": TEXT},
    "additionalProperties": False,
}
URL = {"type": "string", "pattern": r"^https://[a-z0-9.-]+\.[a-z]{2,}(/[^\s<>\"']*)?$"}
DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
MONTH = {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"}
IDS = {"type": "array", "items": ID, "minItems": 1, "uniqueItems": True}
AMOUNT = {"type": "integer", "minimum": 0}


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
            "eea_grants": _obj({"url": URL, "logo": {"type": "string", "pattern": r"^$|^assets/[A-Za-z0-9_./-]+\.(svg|png)$"}}),
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

KIND = {"partners": "partner", "activities": "activity", "results": "result", "networks": "network"}

# What to tell the editor, by the JSON Schema keyword that failed.
FIXES = {
    "required": "add it",
    "additionalProperties": "remove or rename it (is it a typo? the allowed names are: {allowed})",
    "type": "it must be {expected}",
    "minLength": "write the text, or remove the entry",
    "pattern": "{pattern_hint}",
    "not": "write plain text: HTML tags are not allowed in data files (Markdown is not rendered either)",
    "format": "write a real date as YYYY-MM-DD, for example 2024-04-15",
    "enum": "use one of: {allowed_values}",
    "const": "use {const}",
    "uniqueItems": "list each id once",
    "minItems": "list at least one",
    "minimum": "use a number of at least {minimum}",
}
PATTERN_HINTS = {
    ID["pattern"]: "ids use lowercase letters a-z, digits and single hyphens only, for example study-visits",
    URL["pattern"]: "write a full https:// address, for example https://www.lps.lv",
    DATE["pattern"]: "write the date as YYYY-MM-DD, for example 2024-04-15",
    MONTH["pattern"]: "write the month as YYYY-MM, for example 2021-06",
    TEXT["pattern"]: "write the text, or remove the entry",
}
TYPE_NAMES = {"string": "text", "object": "a group of fields (key: value lines)", "array": "a list (lines starting with -)", "integer": "a whole number"}


def validate(documents: dict[str, tuple[Path, Any, dict]]) -> list[str]:
    """Every problem in every data file, one line each, in file order."""
    errors: list[str] = []
    for name, (path, document, positions) in documents.items():
        schema = SCHEMAS.get(name) or _ui_schema(documents)
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        found = sorted(validator.iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
        errors += [_message(path, document, positions, error) for error in _leaves(found)]
    if not errors:
        errors += _check_references(documents)
    return errors


def _leaves(errors: list[jsonschema.ValidationError]) -> list[jsonschema.ValidationError]:
    # A "not" error on a string is reported once, not also for its parent.
    return errors


def _ui_schema(documents: dict[str, tuple[Path, Any, dict]]) -> dict[str, Any]:
    # Both interface files must define the same keys: lv.yml is the reference.
    keys = sorted((documents["ui/lv"][1] or {}).keys()) or ["language"]
    return {
        "type": "object",
        "required": keys,
        "properties": {key: TEXT for key in keys},
        "additionalProperties": False,
    }


def _item_label(name: str, document: Any, path: list) -> str:
    if name in KIND and len(path) >= 2 and isinstance(path[1], int):
        item = document[name][path[1]]
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return f'{KIND[name]} "{item["id"]}": '
        return f"{KIND[name]} #{path[1] + 1}: "
    return ""


def _message(path: Path, document: Any, positions: dict, error: jsonschema.ValidationError) -> str:
    where = list(error.absolute_path)
    name = path.stem if path.parent.name != "ui" else f"ui/{path.stem}"
    field = ".".join(str(p) for p in where[2:] if True) if name in KIND else ".".join(str(p) for p in where)
    validator = error.validator
    if validator == "required":
        missing = [key for key in error.validator_value if key not in (error.instance or {})]
        field = ".".join(filter(None, [field, missing[0]]))
        what = f"{field} is missing"
    elif validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        field = ".".join(filter(None, [field, extra[0]]))
        where = where + [extra[0], "<key>"]
        what = f"unknown field {field}"
    else:
        what = f"{field or 'the file'} is wrong ({error.instance!r})"
    line, column = _position(positions, where)
    fix = FIXES.get(validator, "see CONTRIBUTING.md").format(
        allowed=", ".join(error.schema.get("properties", {})),
        expected=TYPE_NAMES.get(str(error.validator_value), str(error.validator_value)),
        pattern_hint=PATTERN_HINTS.get(str(error.validator_value), f"it must match {error.validator_value}"),
        allowed_values=", ".join(str(v) for v in error.validator_value) if validator == "enum" else "",
        const=error.validator_value,
        minimum=error.validator_value,
    )
    return f"{path}:{line}:{column}: {_item_label(name, document, list(error.absolute_path))}{what}: {fix}."


def _position(positions: dict, where: list) -> tuple[int, int]:
    for end in range(len(where), -1, -1):
        if tuple(where[:end]) in positions:
            return positions[tuple(where[:end])]
    return (1, 1)


def _check_references(documents: dict[str, tuple[Path, Any, dict]]) -> list[str]:
    errors: list[str] = []
    ids: dict[str, set[str]] = {}
    for name in KIND:
        path, document, positions = documents[name]
        seen: set[str] = set()
        for index, item in enumerate(document[name]):
            if item["id"] in seen:
                line, column = positions[(name, index, "id")]
                errors.append(f'{path}:{line}:{column}: {KIND[name]} "{item["id"]}": the id is used twice in this file: give each {KIND[name]} its own id.')
            seen.add(item["id"])
        ids[name] = seen

    def check(name: str, where: tuple, target: str, value: str, label: str) -> None:
        if value not in ids[target]:
            path, _, positions = documents[name]
            line, column = positions[where]
            known = ", ".join(sorted(ids[target]))
            errors.append(f"{path}:{line}:{column}: {label}unknown {KIND[target]} \"{value}\": use one of the ids in data/{target}.yml ({known}).")

    project = documents["project"][1]
    check("project", ("promoter",), "partners", project["promoter"], "")
    for index, partner_id in enumerate(project["partners"]):
        check("project", ("partners", index), "partners", partner_id, "")
    for index, activity in enumerate(documents["activities"][1]["activities"]):
        label = f'activity "{activity["id"]}": '
        for ref_index, partner_id in enumerate(activity["partners"]):
            check("activities", ("activities", index, "partners", ref_index), "partners", partner_id, label)
        for ref_index, result_id in enumerate(activity["results"]):
            check("activities", ("activities", index, "results", ref_index), "results", result_id, label)
    for index, result in enumerate(documents["results"][1]["results"]):
        check("results", ("results", index, "activity"), "activities", result["activity"], f'result "{result["id"]}": ')
    return errors
