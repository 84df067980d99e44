from __future__ import annotations

import pytest

from storyline.ingest.dates import find_dateline, normalise_date


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2022-02-14", "2022-02-14"),
        ("2022-02-14T10:00:00Z", "2022-02-14"),
        ("2022-02-14 10:00:00+02:00", "2022-02-14"),
        ("2022-02", "2022-02"),
        ("2022", "2022"),
        ("Mon, 14 Feb 2022 10:00:00 GMT", "2022-02-14"),
        ("February 14, 2022", "2022-02-14"),
        ("14 Feb. 2022", "2022-02-14"),
        ("Tuesday, April 26, 2022", "2022-04-26"),
        ("2022-13-01", None),
        ("Feb 30, 2022", None),
        ("last Tuesday", None),
        ("February 14, 2022 was a Monday", None),
    ],
)
def test_normalise_date(given, expected):
    assert normalise_date(given) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (" date 2022-02-23 Follow us on Image Source : AP. UN Secretary General", ("2022-02-23", "date 2022-02-23")),
        ("Published: 14 February 2022 10:31 GMT\nKyiv", ("2022-02-14", "Published: 14 February 2022")),
        ("By Jane Roe | Updated on Mon, Feb. 14, 2022 | 3 min read", ("2022-02-14", "Updated on Mon, Feb. 14, 2022")),
        ("February 14, 2022\nGuterres said", ("2022-02-14", "February 14, 2022")),
        ("UNITED NATIONS, Feb 23, 2022 (AP) - The UN chief", ("2022-02-23", "UNITED NATIONS, Feb 23, 2022")),
    ],
)
def test_datelines_found(head, expected):
    assert find_dateline(head, 400) == expected


@pytest.mark.parametrize(
    "head",
    [
        # A photo caption's date is when the photo was taken, not when the story was published.
        "In this file photo taken on Dec 21, 2021 UN Secretary-General Antonio Guterres attends",
        "A woman walks past the US Embassy in Kyiv, Ukraine, Jan 24, 2022. (EFREM LUKATSKY / AP)",
        "The report of 2022-02-23 said",
        "Guterres spoke on Monday.",
        # A date inside a sentence, even after a dateline word, is what the sentence is about.
        "according to a UN report published on March 3, 2021, which officials cited again on Monday",
        "February 24, 2022 began like any other day in Kyiv.",
    ],
)
def test_dates_that_are_not_datelines(head):
    assert find_dateline(head, 400) is None


def test_dateline_only_in_the_head():
    text = "x" * 500 + "\nPublished: 14 February 2022"
    assert find_dateline(text, 400) is None
    assert find_dateline(text, 600) == ("2022-02-14", "Published: 14 February 2022")
