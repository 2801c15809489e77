"""Figures agree: the same numbers, amounts, percentages, dates, e-mail and
web addresses and link targets in both languages of a page and of a data text.

Each language writes them its own way; they are compared once normalised:

    1 250 000 EUR, 1,25 milj. EUR     = EUR 1,250,000, EUR 1.25 million  -> amount EUR 1250000
    2022. gada 6. aprīlī, 06.04.2022. = 6 April 2022, April 6, 2022       -> date 2022-04-06
    2021. gada jūnijā, 06.2021.       = June 2021, 06/2021                -> date 2021-06
    06.2021.–04.2024.                 = 06.2021–04.2024                   -> dates 2021-06 and 2024-04
    15 %, 15 procenti                 = 15%, 15 per cent                  -> percentage 15%
    2,5; 2.1 (a version)              = 2.5; 2.1                          -> numbers 2.5, 2.1
    https://www.lps.lv/, www.lps.lv   = www.lps.lv                        -> web address www.lps.lv

Babel (CLDR) gives the month names and each language's decimal and grouping
signs; the Latvian case endings of month names ("aprīlī", "aprīļa") and the
written forms around them are matched here, since no library reads dates out
of running text in Latvian. A figure of one language that the other lacks is
an error on its own line, naming the other file and, where there is one, the
figure the other language has instead. A deliberate difference is declared on
the figure's line (scripts/editor_checks/prose.py) and listed in the summary.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from babel.dates import get_month_names
from babel.numbers import NumberFormatError, parse_decimal

from .prose import DOMAIN, EMAIL, LANGUAGES, OTHER, URL, DataText, Marker, Page, blank, data_pairs, pages, typography

KINDS = {
    "number": "number",
    "amount": "amount",
    "percent": "percentage",
    "date": "date",
    "email": "e-mail address",
    "web": "web address",
    "link": "link target",
}
LOCALES = typography.LOCALES  # {"lv": "lv_LV", "en": "en_GB"}: Babel's names and numbers

GROUP = r"[ \u00a0\u202f]"
NUMBER = {
    # Latvian: 1 250 000,50; a dot between digits is a version (WCAG 2.1).
    "lv": rf"(?:\d{{1,3}}(?:{GROUP}\d{{3}})+|\d+)(?:,\d+)?(?:\.\d+)*",
    "en": rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:{GROUP}\d{{3}})+|\d+)(?:\.\d+)*",
}
CURRENCY = r"(?P<currency>EUR|€|eiro|euro[a-z]*|NOK)"
MULTIPLIER = {
    "lv": r"(?P<multiplier>milj(?:on[a-zāēīū]*|\.)|miljard[a-zāēīū]*|mljrd\.|tūkst(?:oš[a-zāēīū]*|\.))",
    "en": r"(?P<multiplier>million|billion|thousand|m\b|bn\b)",
}
FACTORS = {"milj": 10**6, "mil": 10**6, "m": 10**6, "mlj": 10**9, "bil": 10**9, "bn": 10**9, "tūk": 10**3, "tho": 10**3}
PERCENT = {"lv": r"(?:\s?%|\s+procent[a-zāēīū]*)", "en": r"(?:\s?%|\s+per\s?cent)"}
ORDINAL = r"(?:st|nd|rd|th)?"
GADA = r"(?:gad[a-zāēīū]*|g\.)"


def _month_patterns() -> dict[str, list[tuple[re.Pattern, int]]]:
    """Each month's name in each language, as a pattern, from CLDR. Latvian
    names change their ending by case ("aprīlis", "aprīļa", "aprīlī")."""
    found: dict[str, list[tuple[re.Pattern, int]]] = {}
    for lang in LANGUAGES:
        wide = get_month_names("wide", "format", LOCALES[lang])
        short = get_month_names("abbreviated", "format", LOCALES[lang])
        patterns = []
        for number in range(1, 13):
            if lang == "lv":
                stem = wide[number].removesuffix("s").removesuffix("i").replace("l", "[lļ]")
                forms = [stem + "[a-zāēīū]{0,3}"]
                if short[number].endswith("."):
                    forms.append(re.escape(short[number]))
            else:
                forms = [wide[number], short[number] + r"\.?"] + (["Sept\\.?"] if number == 9 else [])
            patterns.append((re.compile(rf"(?:{'|'.join(forms)})\b" if lang == "en" else rf"(?:{'|'.join(forms)})"), number))
        found[lang] = patterns
    return found


MONTHS = _month_patterns()
MONTH = {lang: "(?P<month>" + "|".join(p.pattern for p, _ in patterns) + ")" for lang, patterns in MONTHS.items()}
DIGITS_MONTH = r"(?P<month>\d{1,2})"

# Tried in this order: a longer form first, so that "2022. gada 6. aprīlī"
# is one date and not a year, a day and a month.
DATE_PATTERNS = {
    "lv": [
        rf"(?<!\d)(?P<year>\d{{4}})\.\s*{GADA}\s+(?P<day>\d{{1,2}})\.\s*{MONTH['lv']}",
        rf"(?<![\d.])(?P<day>\d{{1,2}})\.{DIGITS_MONTH}\.(?P<year>\d{{4}})\.?(?!\d)",
        r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)",
        rf"(?<!\d)(?P<year>\d{{4}})\.\s*{GADA}\s+{MONTH['lv']}",
        rf"(?<![\d.])(?P<month>\d{{1,2}})\.(?P<year>\d{{4}})\.?(?!\d)",
        r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})(?![\d-])",
        rf"(?<![\d.])(?P<day>\d{{1,2}})\.\s*{MONTH['lv']}",
    ],
    "en": [
        rf"(?<!\d)(?P<day>\d{{1,2}}){ORDINAL}\s+(?:of\s+)?{MONTH['en']},?\s+(?P<year>\d{{4}})(?!\d)",
        rf"{MONTH['en']}\s+(?P<day>\d{{1,2}}){ORDINAL},?\s+(?P<year>\d{{4}})(?!\d)",
        rf"(?<![\d./])(?P<day>\d{{1,2}})[./]{DIGITS_MONTH}[./](?P<year>\d{{4}})(?!\d)",
        r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)",
        rf"{MONTH['en']}\s+(?P<year>\d{{4}})(?!\d)",
        rf"(?<![\d./])(?P<month>\d{{1,2}})[./](?P<year>\d{{4}})(?!\d)",
        r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})(?![\d-])",
        rf"(?<!\d)(?P<day>\d{{1,2}}){ORDINAL}\s+(?:of\s+)?{MONTH['en']}",
        rf"{MONTH['en']}\s+(?P<day>\d{{1,2}}){ORDINAL}(?![\d,])",
    ],
}
DATES = {lang: [re.compile(p) for p in patterns] for lang, patterns in DATE_PATTERNS.items()}
AMOUNTS = {
    lang: [
        re.compile(rf"{CURRENCY}\s?(?P<number>{NUMBER[lang]})(?:\s+{MULTIPLIER[lang]})?(?!\d)"),
        re.compile(rf"(?<![\d,.])(?P<number>{NUMBER[lang]})(?:\s+{MULTIPLIER[lang]})?\s?{CURRENCY}"),
    ]
    for lang in LANGUAGES
}
PERCENTS = {lang: re.compile(rf"(?<![\d,.])(?P<number>{NUMBER[lang]}){PERCENT[lang]}") for lang in LANGUAGES}
NUMBERS = {lang: re.compile(rf"(?<![\d,.])(?:{NUMBER[lang]})(?!\d)") for lang in LANGUAGES}


@dataclass(frozen=True)
class Figure:
    kind: str  # a key of KINDS
    value: str  # normalised: the same in both languages
    shown: str  # as written
    offset: int  # in the text it was read from

    @property
    def key(self) -> tuple[str, str]:
        return self.kind, self.value


def extract(text: str, lang: str) -> list[Figure]:
    """Every figure in `text` (written in `lang`), in order of appearance.
    Each one found is blanked out before the next kind is looked for."""
    found: list[Figure] = []

    def take(pattern: re.Pattern, reader) -> None:
        nonlocal text
        for match in list(pattern.finditer(text)):
            figure = reader(match)
            if figure is not None:
                figure = Figure(figure.kind, figure.value, re.sub(r"\s+", " ", figure.shown), figure.offset)
                found.append(figure)
                text = blank(text, match.start(), match.end())

    take(EMAIL, lambda m: Figure("email", m.group(0).removeprefix("mailto:").lower(), m.group(0), m.start()))
    take(URL, lambda m: Figure("web", web_address(m.group(0)), m.group(0), m.start()))
    take(DOMAIN, lambda m: Figure("web", web_address(m.group(0)), m.group(0), m.start()))
    for pattern in DATES[lang]:
        take(pattern, lambda m: _date(m, lang))
    for pattern in AMOUNTS[lang]:
        take(pattern, lambda m: _amount(m, lang))
    take(PERCENTS[lang], lambda m: _number(m, lang, "percent"))
    take(NUMBERS[lang], lambda m: _number(m, lang, "number"))
    return sorted(found, key=lambda figure: figure.offset)


def web_address(url: str) -> str:
    """https://WWW.lps.lv/ -> www.lps.lv: scheme, case of the host and a final / do not count."""
    address = re.sub(r"^(?:https?|ftp)://", "", url, flags=re.I)
    host, _, path = address.partition("/")
    return (host.lower() + ("/" + path if path else "")).rstrip("/")


def link_figure(offset: int, target: str) -> Figure:
    target = target.strip()
    if target.startswith("mailto:") or EMAIL.fullmatch(target):
        return Figure("email", target.removeprefix("mailto:").lower(), target.removeprefix("mailto:"), offset)
    if re.match(r"^(?:https?|ftp)://", target, re.I):
        return Figure("web", web_address(target), target, offset)
    # A page in the same language folder: the same relative path in both.
    return Figure("link", re.sub(r"\s+", "", target).removeprefix("./"), target, offset)


def _decimal(number: str, lang: str) -> Decimal | None:
    compact = re.sub(GROUP, "", number)
    if lang == "lv" and "." in compact:
        return None  # a version number (2.1), compared as written
    try:
        return parse_decimal(compact, locale=LOCALES[lang], strict=False)
    except (NumberFormatError, InvalidOperation):
        return None


def _plain(number: str, lang: str) -> str:
    value = _decimal(number, lang)
    if value is None:
        return re.sub(GROUP, "", number)
    return format(value, "f") if value == value.to_integral_value() and "." not in str(value) else str(value)


def _number(match: re.Match, lang: str, kind: str) -> Figure:
    number = match.group("number") if "number" in match.re.groupindex else match.group(0)
    value = _plain(number, lang)
    return Figure(kind, value + ("%" if kind == "percent" else ""), match.group(0).strip(), match.start())


def _amount(match: re.Match, lang: str) -> Figure | None:
    value = _decimal(match.group("number"), lang)
    if value is None:
        return None
    multiplier = (match.group("multiplier") or "").lower()
    if multiplier:
        value *= next(f for prefix, f in FACTORS.items() if multiplier.startswith(prefix))
    currency = match.group("currency")
    code = "NOK" if currency == "NOK" else "EUR"
    shown = format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    return Figure("amount", f"{code} {shown}", match.group(0), match.start())


def _date(match: re.Match, lang: str) -> Figure | None:
    parts = match.groupdict()
    month_text = parts["month"]
    if month_text.isdigit():
        month = int(month_text)
    else:
        month = next((number for pattern, number in MONTHS[lang] if pattern.fullmatch(month_text)), 0)
    year = int(parts["year"]) if parts.get("year") else None
    day = int(parts["day"]) if parts.get("day") else None
    try:
        datetime.date(year or 2000, month, day or 1)
    except ValueError:
        return None  # not a date: its numbers are read as numbers
    if day is None:
        value = f"{year:04d}-{month:02d}"
    elif year is None:
        value = f"--{month:02d}-{day:02d}"
    else:
        value = f"{year:04d}-{month:02d}-{day:02d}"
    return Figure("date", value, match.group(0), match.start())


# --- Comparing the two languages --------------------------------------------------


@dataclass(frozen=True)
class Declared:
    """A declared difference, for the summary."""

    marker: Marker
    figures: tuple[str, ...]


@dataclass
class Side:
    """The figures of one language of a page or of a data text."""

    name: str  # how a message names it: docs/lv/about.md, title.lv
    ref: str  # how a message about its twin names it: the Latvian page docs/lv/about.md, title.lv (line 7)
    page: bool
    figures: list[tuple[Figure, int]]  # (figure, its offset in the file)
    source: object  # prose.Source
    markers: list[Marker]
    lang: str
    marker_hint: str  # how to declare a difference here


def compare(pair: tuple[Side, Side], prefix: str, declared: list[Declared]) -> list[str]:
    """One message per figure of one language that the other lacks."""
    messages: list[str] = []
    keys = {side.lang: {figure.key for figure, _ in side.figures} for side in pair}
    unmatched: dict[str, list[tuple[Figure, int]]] = {}
    for side in pair:
        exempt, problems = _declared(side, keys[OTHER[side.lang]], declared)
        messages += problems
        unmatched[side.lang] = [(f, at) for f, at in side.figures if f.key not in keys[OTHER[side.lang]] and (f, at) not in exempt]
    for side, twin in (pair, pair[::-1]):
        for figure, at in unmatched[side.lang]:
            line, column = side.source.where(at)
            kind, instead = KINDS[figure.kind], _nearest(figure, line, unmatched[twin.lang], twin)
            if side.page:
                what = f'the {kind} "{figure.shown}" is not in {twin.ref}' + (f" (line {instead[1]} has \"{instead[0]}\")" if instead else "")
            else:
                what = f'{side.name} has the {kind} "{figure.shown}", which {twin.ref} does not have' + (f' (it has "{instead[0]}")' if instead else "")
            messages.append(
                f"{side.source.shown}:{line}:{column}: {prefix}{what}: write the same {kind} in both languages, "
                f"or mark a deliberate difference {side.marker_hint.format(shown=figure.shown)}."
            )
    return messages


def _nearest(figure: Figure, line: int, candidates: list[tuple[Figure, int]], twin: Side) -> tuple[str, int] | None:
    """What the other language has instead: its unmatched figure of the same kind nearest this line."""
    same_kind = [(f.shown, twin.source.where(at)[0]) for f, at in candidates if f.kind == figure.kind]
    if not same_kind:
        return None
    return min(same_kind, key=lambda item: (abs(item[1] - line), item[1]))


def _declared(side: Side, other_keys: set, declared: list[Declared]) -> tuple[set, list[str]]:
    """The figures of this side its markers exempt, and the markers' mistakes."""
    exempt: set = set()
    problems: list[str] = []
    for marker in side.markers:
        named = {f.key for f in extract(marker.text, side.lang)}
        on_line = [(f, at) for f, at in side.figures if side.source.where(at)[0] == marker.line]
        covered = [(f, at) for f, at in on_line if f.key in named or (f.shown and f.shown in marker.text)]
        line, column = side.source.where(marker.offset)
        if not covered:
            problems.append(
                f"{side.source.shown}:{line}:{column}: the declared difference \"differs: {marker.text}\" names no figure "
                f"of this line: put it on the line of the figure that differs, naming that figure, or remove it."
            )
            continue
        same = [f for f, _ in covered if f.key in other_keys]
        if same:
            problems.append(
                f"{side.source.shown}:{line}:{column}: the declared difference \"differs: {marker.text}\" names "
                f"\"{same[0].shown}\", which the {LANGUAGES[OTHER[side.lang]]} text has too: remove the declaration."
            )
            continue
        exempt.update(covered)
        declared.append(Declared(marker, tuple(f.shown for f, _ in covered)))
    return exempt, problems


def page_side(page: Page) -> Side:
    figures = [(f, f.offset) for f in extract(page.text, page.lang)]
    figures += [(link_figure(at, target), at) for at, target in page.links]
    figures += [(Figure("date", value, value, at), at) for at, value in page.template_dates]
    figures.sort(key=lambda item: item[1])
    return Side(page.source.shown, f"the {LANGUAGES[page.lang]} page {page.source.shown}", True, figures, page.source,
                page.markers, page.lang, "on this line with <!-- differs: {shown} -->")


def data_side(text: DataText) -> Side:
    figures = extract(text.value, text.lang)
    offsets = text.locate([f.shown for f in figures])
    line = text.source.where(text.start)[0]
    return Side(text.name, f"{text.name} (line {line})", False, list(zip(figures, offsets)), text.source, text.markers,
                text.lang, "at the end of the line with # differs: {shown}")


@dataclass
class Result:
    messages: list[str]
    declared: list[Declared]


def check(root: Path) -> Result:
    """Every page in both languages, and every bilingual data text."""
    declared: list[Declared] = []
    messages: list[str] = []
    by_page: dict[str, dict[str, Page]] = {}
    for page in pages(root):
        by_page.setdefault(page.page, {})[page.lang] = page
    for name in sorted(by_page):
        twins = by_page[name]
        if len(twins) == 2:  # a page without its twin is reported by the page checks
            messages += compare((page_side(twins["lv"]), page_side(twins["en"])), "", declared)
    for lv, en in data_pairs(root):
        sides = (data_side(lv), data_side(en))
        if lv.source is not en.source:  # data/ui/lv.yml and data/ui/en.yml: name the other file and line
            for side, text in zip(sides, (lv, en)):
                side.name, side.ref = text.field, f"{text.source.shown}:{text.source.where(text.start)[0]}"
        messages += compare(sides, lv.label if lv.source is en.source else "", declared)
    return Result(messages, declared)
