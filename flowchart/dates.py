"""Dates in words, the one way the site writes them ("2 December 2026").

Month names are spelt out here rather than taken from strftime, whose names follow the locale
(and whose "%-d" exists only with glibc), so the build, the tests and Pyodide all agree."""

from datetime import date

MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(value: date) -> str:
    """'2 December 2026' for a date or datetime."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def month_year(value: date) -> str:
    """'December 2026'."""
    return f"{MONTHS[value.month - 1]} {value.year}"
