"""Latvian and English typography: dates, amounts, sizes, lists and quotations.

Not a hook itself: hooks/translations.py registers these as Jinja filters for
the theme templates and hooks/helpers/render.py for the content templates; macros
use them through those templates. Babel (CLDR) gives month names and digit
grouping; CLDR has no Latvian locative ("15. aprīlī"), so those forms are a
table of our own.
"""

from __future__ import annotations

import datetime

from typing import Any

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal
from babel.units import format_unit

NBSP = "\u00a0"
LOCALES = {"lv": "lv_LV", "en": "en_GB"}
LV_LOCATIVE_MONTHS = (
    "janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā",
    "jūlijā", "augustā", "septembrī", "oktobrī", "novembrī", "decembrī",
)
LV_MONTHS = (
    "janvāris", "februāris", "marts", "aprīlis", "maijs", "jūnijs",
    "jūlijs", "augusts", "septembris", "oktobris", "novembris", "decembris",
)


def as_date(value: datetime.date | str) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value if len(value) == 10 else f"{value}-01")


def format_date(value: datetime.date | str, lang: str, form: str = "long") -> str:
    """Forms: long ("2024. gada 15. aprīlis" / "15 April 2024"), in ("2024. gada
    15. aprīlī" / "on 15 April 2024"), month ("2021. gada jūnijs" / "June
    2021"), month-in, and in Latvian only numeric ("15.04.2024.") and
    month-numeric ("06.2021."): English dates are always written out
    ("21 June 2021"), never as 21/06/2021, which readers read two ways."""
    day = as_date(value)
    if lang == "lv":
        forms = {
            "long": f"{day.year}. gada {day.day}. {LV_MONTHS[day.month - 1]}",
            "in": f"{day.year}. gada {day.day}. {LV_LOCATIVE_MONTHS[day.month - 1]}",
            "numeric": f"{day.day:02d}.{day.month:02d}.{day.year}.",
            "month": f"{day.year}. gada {LV_MONTHS[day.month - 1]}",
            "month-in": f"{day.year}. gada {LV_LOCATIVE_MONTHS[day.month - 1]}",
            "month-numeric": f"{day.month:02d}.{day.year}.",
        }
    elif lang == "en":
        forms = {
            "long": _babel_date(day, "d MMMM y", locale=LOCALES["en"]),
            "in": "on " + _babel_date(day, "d MMMM y", locale=LOCALES["en"]),
            "month": _babel_date(day, "MMMM y", locale=LOCALES["en"]),
            "month-in": "in " + _babel_date(day, "MMMM y", locale=LOCALES["en"]),
        }
    else:
        raise ValueError(f"format_date: unknown language {lang!r}; use 'lv' or 'en'")
    if form not in forms:
        raise ValueError(f"format_date: unknown form {form!r}; use one of {', '.join(forms)}")
    return forms[form]


def format_period(start: datetime.date | str, end: datetime.date | str, lang: str) -> str:
    """"06.2021.–04.2024." / "June 2021 – April 2024"."""
    if lang == "lv":
        return f"{format_date(start, lang, 'month-numeric')}–{format_date(end, lang, 'month-numeric')}"
    return f"{format_date(start, lang, 'month')} – {format_date(end, lang, 'month')}"


def format_days(start: datetime.date | str, end: datetime.date | str, lang: str) -> str:
    """A period of days: "21.06.2021.–20.04.2024." / "21 June 2021 – 20 April 2024"."""
    if lang == "lv":
        return f"{format_date(start, lang, 'numeric')}–{format_date(end, lang, 'numeric')}"
    return format_when(as_date(start), lang, "long", as_date(end))


def format_money(amount: int, lang: str, currency: str = "EUR") -> str:
    """"1 250 000 EUR" (non-breaking spaces) / "EUR 1,250,000"."""
    if lang == "lv":
        digits = format_decimal(amount, locale=LOCALES["lv"]).replace(" ", NBSP).replace("\u202f", NBSP)
        return f"{digits}{NBSP}{currency}"
    return f"{currency}{NBSP}{format_decimal(amount, locale=LOCALES['en'])}"


def join_list(items: list[str], lang: str) -> str:
    """"LPS, LLPA un KS" / "LPS, LLPA and KS"."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    conjunction = {"lv": "un", "en": "and"}[lang]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def quote(text: str, lang: str) -> str:
    """„…” in Latvian, “…” in English."""
    return f"„{text}”" if lang == "lv" else f"“{text}”"


# --- Dates of events and documents: a day, a month, a year or a span of days --

def date_parts(value: Any) -> tuple[int, int | None, int | None]:
    """(year, month, day) of a checked date: a date, "2024-01", "2021" or 2021."""
    if isinstance(value, datetime.date):
        return value.year, value.month, value.day
    year, month, day = ([int(part) for part in str(value).split("-")] + [None, None])[:3]
    return year, month, day


def when_iso(value: Any) -> str:
    """The value of a <time datetime="…"> attribute: "2022-04-06", "2024-01", "2021"."""
    year, month, day = date_parts(value)
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def format_when(value: Any, lang: str, form: str = "label", end: Any = None) -> str:
    """A date of a day, a month or a year, or a span of days ending on `end`.
    Forms: "label" (timeline and lists: "2022. gada 6. aprīlī" / "6 April
    2022"), "in" (running text: "2022. gada 6. aprīlī" / "on 6 April 2022"),
    "long" ("2022. gada 6. aprīlis" / "6 April 2022"). Spans: "2030. gada
    1.–3. martā" / "1–3 March 2030"; across months "2030. gada 30. martā –
    2. aprīlī" / "30 March – 2 April 2030"; across years both dates in full."""
    if form not in ("label", "in", "long"):
        raise ValueError(f"format_when: unknown form {form!r}; use label, in or long")
    if lang not in LOCALES:
        raise ValueError(f"format_when: unknown language {lang!r}; use 'lv' or 'en'")
    year, month, day = date_parts(value)
    if end is not None:
        return _span(datetime.date(year, month, day), datetime.date(*date_parts(end)), lang, form)
    if lang == "lv":
        locative = form != "long"
        months = LV_LOCATIVE_MONTHS if locative else LV_MONTHS
        if day:
            return f"{year}. gada {day}. {months[month - 1]}"
        if month:
            return f"{year}. gada {months[month - 1]}"
        return f"{year}. gadā" if locative else f"{year}. gads"
    if day:
        text = _babel_date(datetime.date(year, month, day), "d MMMM y", locale=LOCALES["en"])
        return f"on {text}" if form == "in" else text
    text = _babel_date(datetime.date(year, month, 1), "MMMM y", locale=LOCALES["en"]) if month else str(year)
    return f"in {text}" if form == "in" else text


def _span(first: datetime.date, last: datetime.date, lang: str, form: str) -> str:
    if lang == "lv":
        months = LV_MONTHS if form == "long" else LV_LOCATIVE_MONTHS
        if first.year != last.year:
            return f"{first.year}. gada {first.day}. {months[first.month - 1]} – {last.year}. gada {last.day}. {months[last.month - 1]}"
        if first.month != last.month:
            return f"{first.year}. gada {first.day}. {months[first.month - 1]} – {last.day}. {months[last.month - 1]}"
        return f"{first.year}. gada {first.day}.–{last.day}. {months[first.month - 1]}"

    def english(day: datetime.date, pattern: str) -> str:
        return _babel_date(day, pattern, locale=LOCALES["en"])

    if first.year != last.year:
        text = f"{english(first, 'd MMMM y')} – {english(last, 'd MMMM y')}"
    elif first.month != last.month:
        text = f"{english(first, 'd MMMM')} – {english(last, 'd MMMM y')}"
    else:
        text = f"{first.day}–{english(last, 'd MMMM y')}"
    return f"on {text}" if form == "in" else text


# --- File sizes -------------------------------------------------------------

def format_size(size_bytes: int, lang: str) -> str:
    """"1,2 MB" / "1.2 MB", "845 kB", "900 B" (decimal units, as publishers and
    operating systems show them; a no-break space before the unit)."""
    units = (("digital-gigabyte", 1000**3), ("digital-megabyte", 1000**2), ("digital-kilobyte", 1000))
    for unit, factor in units:
        if size_bytes >= factor:
            amount = size_bytes / factor
            pattern = "#,##0" if unit == "digital-kilobyte" else "#,##0.#"
            text = format_unit(amount, unit, length="short", format=pattern, locale=LOCALES[lang])
            return text.replace("\u202f", NBSP).replace(" ", NBSP)
    return f"{format_decimal(size_bytes, locale=LOCALES[lang])}{NBSP}B"
