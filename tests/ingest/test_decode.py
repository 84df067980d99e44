"""Bytes to text: legacy encodings are detected, broken UTF-8 is repaired and reported, and a
declared charset is read the way browsers read it."""

from __future__ import annotations

import pytest

from storyline.ingest.decode import decode_html, decode_text

RUSSIAN = (
    "Генеральный секретарь «ООН» Антониу Гутерриш в понедельник призвал к дипломатии. "
    "Он заявил журналистам в Нью-Йорке, что цена войны была бы слишком высокой. "
    "Переговоры продолжатся на следующей неделе в Женеве."
)
JAPANESE = (
    "国連のグテーレス事務総長は月曜日、ロシアとウクライナの緊張緩和に向けて外交努力を呼びかけた。"
    "事務総長はニューヨークで記者団に対し、戦争の代償は大きすぎると述べた。"
    "協議は来週ジュネーブで続けられる予定だ。"
)
CHINESE = (
    "联合国秘书长古特雷斯星期一呼吁通过外交途径缓解俄罗斯和乌克兰之间的紧张局势。"
    "他在纽约对记者说，战争的代价太高了。会谈将于下周在日内瓦继续举行。"
)
GREEK = (
    "Ο γενικός γραμματέας του ΟΗΕ κάλεσε τη Δευτέρα σε διπλωματία για την εκτόνωση των εντάσεων. "
    "Είπε στους δημοσιογράφους ότι το τίμημα ενός πολέμου θα ήταν πολύ υψηλό."
)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(RUSSIAN, "cp1251"), (JAPANESE, "shift_jis"), (CHINESE, "gbk"), (GREEK, "cp1253")],
    ids=["russian", "japanese", "chinese", "greek"],
)
def test_legacy_encodings_are_detected_not_taken_for_broken_utf8(text, encoding):
    assert decode_text(text.encode(encoding)) == (text, None)


def test_broken_utf8_is_still_repaired_with_a_warning():
    text = "Гутерриш встретился с Зеленским в Киеве — переговоры были «конструктивными». " * 3
    raw = text.encode("utf-8")
    cut = raw.index("—".encode())
    decoded, warning = decode_text(raw[:cut] + raw[cut : cut + 2] + raw[cut + 3 :])  # a cut-off "—"
    assert warning and "invalid UTF-8" in warning and "1 byte sequence" in warning
    assert decoded.count("\ufffd") == 1 and "«конструктивными»" in decoded


@pytest.mark.parametrize(
    "text",
    [
        "Le président a déclaré à Paris que la réunion aura lieu à Genève.",
        "El curso de español se dará en el año próximo.",
    ],
    ids=["french", "spanish"],
)
def test_western_text_is_cp1252_when_detection_ties_it_with_another_latin_code_page(text):
    assert decode_text(text.encode("cp1252")) == (text, None)


def test_a_latin_code_page_is_kept_where_cp1252_would_break_words():
    text = "Rozmowy w Genewie, źródła donoszą. Pułkownik mówi, że może być głos."
    assert decode_text(text.encode("cp1250")) == (text, None)


@pytest.mark.parametrize("label", ["iso-8859-1", "latin1", "us-ascii", "ascii"])
def test_html_declared_latin1_or_ascii_is_read_as_windows_1252(label):
    page = f'<html><head><meta charset="{label}"></head><body><p>He said “we are ready” — and left.</p></body></html>'
    html, warning = decode_html(page.encode("cp1252"))
    assert html == page and warning is None


CZECH = "Generální tajemník OSN v pondělí vyzval k diplomacii. Řekl novinářům, že cena války by byla příliš vysoká."


def test_html_charset_from_outside_the_page_is_used_when_the_page_declares_none():
    page = f"<html><body><p>{CZECH}</p></body></html>"
    assert decode_html(page.encode("cp1250"), "windows-1250") == (page, None)


def test_the_page_own_charset_wins_over_one_from_outside():
    page = f'<html><head><meta charset="windows-1250"></head><body><p>{CZECH}</p></body></html>'
    assert decode_html(page.encode("cp1250"), "iso-8859-1") == (page, None)
