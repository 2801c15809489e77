"""Latvian and English typography: dates, amounts, lists and quotations.

Not a hook itself: hooks/translations.py registers these as Jinja filters for
the theme templates and hooks/render.py for the content templates; macros
use them through those templates. Babel (CLDR) gives month names and digit
grouping; CLDR has no Latvian locative ("15. aprīlī"), so those forms are a
table of our own.
"""

from __future__ import annotations

import datetime

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

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
    15. aprīlī" / "on 15 April 2024"), numeric ("15.04.2024." / "15/04/2024"),
    month ("2021. gada jūnijs" / "June 2021"), month-numeric ("06.2021." / "06/2021")."""
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
            "numeric": f"{day.day:02d}/{day.month:02d}/{day.year}",
            "month": _babel_date(day, "MMMM y", locale=LOCALES["en"]),
            "month-in": "in " + _babel_date(day, "MMMM y", locale=LOCALES["en"]),
            "month-numeric": f"{day.month:02d}/{day.year}",
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
