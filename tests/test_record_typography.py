"""The typography and data rules of the record, in-process: dates of a day,
a month, a year or a span of days in both languages (hooks/helpers/typography.py),
file sizes, and how hooks/helpers/schema.py reads an event's date and a size."""

from __future__ import annotations

import datetime
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))

from helpers import schema, typography  # noqa: E402

NBSP = "\u00a0"


@pytest.mark.parametrize(
    "value,end,form,lv,en",
    [
        (datetime.date(2022, 4, 6), None, "label", "2022. gada 6. aprīlī", "6 April 2022"),
        (datetime.date(2022, 4, 6), None, "in", "2022. gada 6. aprīlī", "on 6 April 2022"),
        (datetime.date(2022, 4, 6), None, "long", "2022. gada 6. aprīlis", "6 April 2022"),
        ("2024-01", None, "label", "2024. gada janvārī", "January 2024"),
        ("2024-01", None, "in", "2024. gada janvārī", "in January 2024"),
        ("2024-01", None, "long", "2024. gada janvāris", "January 2024"),
        (2021, None, "label", "2021. gadā", "2021"),
        ("2021", None, "in", "2021. gadā", "in 2021"),
        (2021, None, "long", "2021. gads", "2021"),
        # Spans of days: within a month, across months, across years.
        ("2030-03-01", "2030-03-03", "label", "2030. gada 1.–3. martā", "1–3 March 2030"),
        ("2030-03-01", "2030-03-03", "in", "2030. gada 1.–3. martā", "on 1–3 March 2030"),
        ("2030-03-01", "2030-03-03", "long", "2030. gada 1.–3. marts", "1–3 March 2030"),
        ("2030-03-30", "2030-04-02", "label", "2030. gada 30. martā – 2. aprīlī", "30 March – 2 April 2030"),
        ("2029-12-30", "2030-01-02", "label", "2029. gada 30. decembrī – 2030. gada 2. janvārī", "30 December 2029 – 2 January 2030"),
    ],
)
def test_dates_of_events(value, end, form: str, lv: str, en: str) -> None:
    assert typography.format_when(value, "lv", form, end) == lv
    assert typography.format_when(value, "en", form, end) == en


@pytest.mark.parametrize("value,iso", [(datetime.date(2022, 4, 6), "2022-04-06"), ("2024-01", "2024-01"), (2021, "2021")])
def test_machine_readable_dates(value, iso: str) -> None:
    assert typography.when_iso(value) == iso


def test_unknown_form_or_language_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown form"):
        typography.format_when(2021, "lv", "short")
    with pytest.raises(ValueError, match="unknown language"):
        typography.format_when(2021, "de")


@pytest.mark.parametrize(
    "size,lv,en",
    [
        (1_200_000, f"1,2{NBSP}MB", f"1.2{NBSP}MB"),
        (1_234_567, f"1,2{NBSP}MB", f"1.2{NBSP}MB"),
        (845_000, f"845{NBSP}kB", f"845{NBSP}kB"),
        (12_345_000, f"12,3{NBSP}MB", f"12.3{NBSP}MB"),
        (2_000_000, f"2{NBSP}MB", f"2{NBSP}MB"),
        (999, f"999{NBSP}B", f"999{NBSP}B"),
        (3_500_000_000, f"3,5{NBSP}GB", f"3.5{NBSP}GB"),
    ],
)
def test_file_sizes(size: int, lv: str, en: str) -> None:
    assert typography.format_size(size, "lv") == lv
    assert typography.format_size(size, "en") == en


@pytest.mark.parametrize("text,size", [("1.2 MB", 1_200_000), ("1,2 MB", 1_200_000), ("845 kB", 845_000), ("845 KB", 845_000), ("2MB", 2_000_000), ("900 B", 900)])
def test_sizes_as_publishers_write_them(text: str, size: int) -> None:
    assert schema.size_in_bytes(text) == size
    assert typography.format_size(schema.size_in_bytes(text), "en").replace(NBSP, " ").split()[1] in ("MB", "kB", "B")


@pytest.mark.parametrize(
    "value,parts,problem",
    [
        ("2022-04-06", (2022, 4, 6), ""),
        ("2024-01", (2024, 1, None), ""),
        (2021, (2021, None, None), ""),
        ("2022-02-29", None, ", which is not a real date"),
        ("2024-13", None, ", which is not a real date"),
        ("12.06.", None, ", which has no year"),
        ("12 June", None, ", which has no year"),
        ("06.04.2022.", None, ": write the date as YYYY-MM-DD, for example 2022-04-06"),
        ("April 2022", None, ": write it as YYYY-MM-DD (a day), YYYY-MM (a month) or YYYY (a year)"),
        (True, None, ", which is not a date"),
    ],
)
def test_how_a_date_is_read(value, parts, problem: str) -> None:
    found, message = schema.partial_date(value)
    assert found == parts
    assert message.startswith(problem)
