"""Templates escape everything they are given, and links name articles whatever their ids hold."""

from __future__ import annotations

from storyline.model import Span
from storyline.serve.render import article_url, environment, render, span_url


def test_every_template_escapes():
    assert environment().autoescape is True
    page = render("error.html", title="<b>t</b>", message="<script>x()</script>", notice=None, read_only=True, db_name="", q='"><img>')
    assert "<script>x()" not in page and "&lt;script&gt;x()&lt;/script&gt;" in page
    assert "<b>t</b>" not in page and '"><img>' not in page


def test_links_encode_what_ids_hold():
    assert article_url("day1/a b?.txt") == "/article/day1%2Fa%20b%3F.txt"
    assert span_url(Span("x#1", 3, 9)) == "/article/x%231?start=3&end=9#target"
