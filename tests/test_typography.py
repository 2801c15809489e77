"""hooks/helpers/typography.py: Latvian and English dates, amounts, lists and quotes."""

from __future__ import annotations

import datetime
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))

from helpers import typography  # noqa: E402

NBSP = "\u00a0"
LOCATIVES = ["janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā", "jūlijā", "augustā", "septembrī", "oktobrī", "novembrī", "decembrī"]


@pytest.mark.parametrize(
    "form,lv,en",
    [
        ("long", "2024. gada 15. aprīlis", "15 April 2024"),
        ("in", "2024. gada 15. aprīlī", "on 15 April 2024"),
        ("month", "2024. gada aprīlis", "April 2024"),
        ("month-in", "2024. gada aprīlī", "in April 2024"),
    ],
)
def test_date_forms(form: str, lv: str, en: str) -> None:
    day = datetime.date(2024, 4, 15)
    assert typography.format_date(day, "lv", form) == lv
    assert typography.format_date(day, "en", form) == en
    assert typography.format_date("2024-04-15", "lv", form) == lv  # ISO text works too
    assert typography.format_date("2024-04-15", "en", form) == en


@pytest.mark.parametrize("form,lv", [("numeric", "15.04.2024."), ("month-numeric", "04.2024.")])
def test_numeric_dates_are_latvian_only(form: str, lv: str) -> None:
    """English dates are written out ("15 April 2024"): 15/04/2024 reads as
    two different days on either side of the Atlantic, so English has no
    numeric form at all, and asking for one names the written-out forms."""
    assert typography.format_date(datetime.date(2024, 4, 15), "lv", form) == lv
    with pytest.raises(ValueError, match=r"unknown form '" + form + r"'; use one of long, in, month, month-in$"):
        typography.format_date(datetime.date(2024, 4, 15), "en", form)


@pytest.mark.parametrize("month", range(1, 13))
def test_latvian_locative_of_every_month(month: int) -> None:
    assert typography.format_date(datetime.date(2022, month, 6), "lv", "in") == f"2022. gada 6. {LOCATIVES[month - 1]}"


def test_never_the_cldr_short_date() -> None:
    for form in ("long", "in", "numeric", "month", "month-in", "month-numeric"):
        assert "15.04.24" not in typography.format_date(datetime.date(2024, 4, 15), "lv", form).replace("2024", "")
    assert typography.format_date(datetime.date(2021, 6, 1), "lv", "numeric") == "01.06.2021."


def test_period() -> None:
    assert typography.format_period("2021-06", "2024-04", "lv") == "06.2021.–04.2024."
    assert typography.format_period("2021-06", "2024-04", "en") == "June 2021 – April 2024"


@pytest.mark.parametrize(
    "start,end,lv,en",
    [
        ("2021-06-21", "2024-04-20", "21.06.2021.–20.04.2024.", "21 June 2021 – 20 April 2024"),
        (datetime.date(2021, 6, 21), datetime.date(2021, 6, 25), "21.06.2021.–25.06.2021.", "21–25 June 2021"),
        ("2021-06-21", "2021-07-02", "21.06.2021.–02.07.2021.", "21 June – 2 July 2021"),
    ],
)
def test_days(start, end, lv: str, en: str) -> None:
    """A period of days (the eligibility of costs): numeric in Latvian,
    written out in English."""
    assert typography.format_days(start, end, "lv") == lv
    assert typography.format_days(start, end, "en") == en
    assert "/" not in typography.format_days(start, end, "en")


@pytest.mark.parametrize(
    "amount,lv,en",
    [
        (1250000, f"1{NBSP}250{NBSP}000{NBSP}EUR", f"EUR{NBSP}1,250,000"),
        (1062500, f"1{NBSP}062{NBSP}500{NBSP}EUR", f"EUR{NBSP}1,062,500"),
        (187500, f"187{NBSP}500{NBSP}EUR", f"EUR{NBSP}187,500"),
        (999, f"999{NBSP}EUR", f"EUR{NBSP}999"),
    ],
)
def test_money(amount: int, lv: str, en: str) -> None:
    assert typography.format_money(amount, "lv") == lv
    assert typography.format_money(amount, "en") == en
    assert " " not in typography.format_money(amount, "lv")  # never a breakable space


def test_lists() -> None:
    assert typography.join_list(["LPS", "LLPA", "KS"], "lv") == "LPS, LLPA un KS"
    assert typography.join_list(["LALRG", "AMCL", "KS"], "en") == "LALRG, AMCL and KS"
    assert typography.join_list(["LPS", "KS"], "lv") == "LPS un KS"
    assert typography.join_list(["KS"], "en") == "KS"
    assert typography.join_list([], "en") == ""


def test_quotes() -> None:
    assert typography.quote("Vietējā attīstība", "lv") == "„Vietējā attīstība”"
    assert typography.quote("Local Development", "en") == "“Local Development”"


def test_bad_arguments_say_what_to_use() -> None:
    with pytest.raises(ValueError, match="use 'lv' or 'en'"):
        typography.format_date(datetime.date(2024, 4, 15), "de")
    with pytest.raises(ValueError, match="use one of long, in, numeric, month, month-in, month-numeric$"):
        typography.format_date(datetime.date(2024, 4, 15), "lv", "short")
    with pytest.raises(ValueError, match="use one of long, in, month, month-in$"):
        typography.format_date(datetime.date(2024, 4, 15), "en", "short")
