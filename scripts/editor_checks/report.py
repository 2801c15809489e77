"""How `make check` reports: lines in a terminal, annotations and a summary on GitHub.

Every check gives one line per message, "file:line:col: what: how to fix it"
(a warning: "file:line:col: warning: …"). In a terminal these lines are
printed as they are. When GitHub Actions runs the check (GITHUB_ACTIONS=true),
each line becomes a workflow command that puts it on its file and line in
the pull request's "Files changed" view:

    ::error file=docs/lv/about.md,line=12,col=5,title=Pareizrakstība · Spelling::docs/lv/about.md:12:5: "…" is not …

GitHub shows only the first ten errors and ten warnings of a step there, so
every message also goes to the job summary ($GITHUB_STEP_SUMMARY): a table
with Latvian and English headings, followed by what the change does to the
published site (change_summary.py) and the differences between the
languages declared on purpose.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Iterable

LOCATION = re.compile(r"^(?P<file>[^\s:][^:]*?)(?::(?P<line>\d+))?(?::(?P<col>\d+))?: (?P<text>.*)$", re.S)

# Titles of annotations, by the check that found the mistake.
TITLES = {
    "data": "Dati · Data",
    "pages": "Lapa · Page",
    "build": "Būvēšana · Build",
    "addresses": "Adreses · Addresses",
    "figures": "Skaitļi abās valodās · Figures in both languages",
    "spelling": "Pareizrakstība · Spelling",
    "terms": "Termini · Terms",
    "languages": "Otra valoda · The other language",
}


@dataclass(frozen=True)
class Message:
    check: str  # a key of TITLES
    line_text: str  # the whole message, as printed in a terminal

    @property
    def level(self) -> str:
        return "warning" if self.parts.get("text", "").startswith("warning: ") else "error"

    @property
    def parts(self) -> dict[str, str]:
        match = LOCATION.match(self.line_text)
        if not match or not re.search(r"\.\w+$", match["file"]):
            return {"text": self.line_text}
        return {k: v for k, v in match.groupdict().items() if v is not None}

    @property
    def where(self) -> str:
        parts = self.parts
        return ":".join(parts[k] for k in ("file", "line", "col") if k in parts)


def messages(check: str, lines: Iterable[str]) -> list[Message]:
    """One Message per message; an indented line belongs to the one above (a
    snippet to copy, printed under its message)."""
    found: list[Message] = []
    for line in lines:
        if line[:1].isspace() and found and line.strip():
            found[-1] = Message(found[-1].check, found[-1].line_text + "\n" + line)
        elif line.strip():
            found.append(Message(check, line))
    return found


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(message: Message) -> str:
    """The workflow command for one message, escaped as GitHub requires."""
    parts = message.parts
    properties = [f"{key}={_property(parts[key])}" for key in ("file", "line", "col") if key in parts]
    properties.append(f"title={_property(TITLES[message.check])}")
    return f"::{message.level} {','.join(properties)}::{_data(message.line_text)}"


def _cell(text: str) -> str:
    """Text in a Markdown table cell, shown as typed."""
    text = html.escape(text, quote=False).replace("\n", "<br>")
    return re.sub(r"([\\`*_\[\]|~])", r"\\\1", text)


# Bytes of the summary's table of messages (GitHub takes 1 MiB per step
# summary; change_summary.py keeps the difference below its own budget).
TABLE_BUDGET = 400_000


def summary(found: list[Message], difference: str, declared) -> str:
    """The job summary: every message, then what the change does to the site
    (change_summary.py), then the declared differences between the languages."""
    errors = [m for m in found if m.level == "error"]
    warnings = [m for m in found if m.level == "warning"]
    out = ["## Satura pārbaude · Content check", ""]
    if errors:
        out.append(f"**Kļūdas: {len(errors)}, brīdinājumi: {len(warnings)} · Errors: {len(errors)}, warnings: {len(warnings)}.** "
                   "Kamēr ir kļūdas, nekas netiek publicēts · Nothing is published while there are errors.")
    elif warnings:
        out.append(f"**Kļūdu nav; brīdinājumi: {len(warnings)} · No errors; warnings: {len(warnings)}.**")
    else:
        out.append("**Kļūdu nav · No errors.**")
    if found:
        out += ["", "| Vieta · Where | Veids · Kind | Ziņojums un labojums · Message and fix |", "| --- | --- | --- |"]
        budget = TABLE_BUDGET
        for number, message in enumerate(errors + warnings):
            kind = "kļūda · error" if message.level == "error" else "brīdinājums · warning"
            text = message.parts["text"].removeprefix("warning: ")
            where = f"`{message.where}`" if message.where else ""
            row = f"| {where} | {kind} | {_cell(text)} |"
            budget -= len(row.encode("utf-8")) + 1
            if budget < 0:  # GitHub takes 1 MiB of a step's summary: the rest are in the check's output
                left = len(errors) + len(warnings) - number
                out += ["", f"Vēl paziņojumi: {left}; visi ir pārbaudes izvadē · {left} more messages: all of them are in the check's output."]
                break
            out.append(row)
    out += ["", difference.rstrip("\n")]
    if declared:
        out += ["", "### Apzinātas atšķirības starp valodām · Declared differences between the languages", "",
                "| Vieta · Where | Atšķiras · Differs | Paskaidrojums · Declaration |", "| --- | --- | --- |"]
        for item in declared:
            marker = item.marker
            line, column = marker.source.where(marker.offset)
            out.append(f"| `{marker.source.shown}:{line}:{column}` | {_cell(', '.join(item.figures))} | {_cell(marker.text)} |")
    return "\n".join(out) + "\n"
