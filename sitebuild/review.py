"""Review dates: the day the site is built (which decides what is overdue), and when a page
reviewed on a given day is next due."""

import calendar
import datetime
import os

# Builds are dated by the day they run; SITE_BUILD_DATE (YYYY-MM-DD) pins it, e.g. for tests.
BUILD_DATE_ENV = "SITE_BUILD_DATE"


def build_date():
    pinned = os.environ.get(BUILD_DATE_ENV)
    return datetime.date.fromisoformat(pinned) if pinned else datetime.date.today()


def review_due(last_reviewed, months):
    """The date a page reviewed on `last_reviewed` is next due for review."""
    month = last_reviewed.month - 1 + months
    year, month = last_reviewed.year + month // 12, month % 12 + 1
    # The 31st plus one month is the last day of the shorter month, not an error.
    return datetime.date(year, month, min(last_reviewed.day, calendar.monthrange(year, month)[1]))
