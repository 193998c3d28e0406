"""Dates: weekday dates with and without a year, the event date, datelines and long dates.

No row depends on today's date: texts carry a year or a ``reference`` date is given.
"""
from __future__ import annotations

import datetime as dt

import pytest

from extract.find.dates import document_date, event_date, find_dates, parse_long_date, year_for_weekday
from extract.find.quotes import find_quotes


@pytest.mark.parametrize("text, reference, expected", [
    # a day and month without a year take the year the weekday implies
    ("Wali Kota meninjau banjir di Kelurahan Sukamaju, Selasa (27/1). Data sejak 2025 menunjukkan kenaikan.",
     None, [("Selasa (27/1)", "2026-01-27")]),
    ("Wali Kota meninjau banjir pada Selasa (27/1).", dt.date(2026, 1, 28), [("Selasa (27/1)", "2026-01-27")]),
    ("Rapat kerja berlangsung Kamis (5/2) di Gedung DPRD pada 2026.", None, [("Kamis (5/2)", "2026-02-05")]),
    ("Sabtu (1/3) warga kerja bakti.", dt.date(2025, 3, 5), [("Sabtu (1/3)", "2025-03-01")]),
    ("Warga kerja bakti Minggu (28/12).", dt.date(2026, 1, 2), [("Minggu (28/12)", "2025-12-28")]),
    # with a year, in all its spellings
    ("Rapat digelar di Balai Kota, Senin (20/10/2025).", None, [("Senin (20/10/2025)", "2025-10-20")]),
    ("Rapat digelar Senin (20/10/25) pagi.", None, [("Senin (20/10/25)", "2025-10-20")]),
    ("Rapat digelar Senin ( 20 / 10 / 2025 ) pagi.", None, [("Senin ( 20 / 10 / 2025 )", "2025-10-20")]),
    ("Acara dibuka Senin, 20 Oktober 2025 di Jakarta.", None, [("Senin, 20 Oktober 2025", "2025-10-20")]),
    ("Pasar murah digelar Jum'at (24/10/2025).", None, [("Jum'at (24/10/2025)", "2025-10-24")]),
    ("Pasar murah digelar Sabtu, 25 Okt 2025.", None, [("Sabtu, 25 Okt 2025", "2025-10-25")]),
    ("Pasar murah digelar Jumat 24 Oktober.", dt.date(2025, 10, 20), [("Jumat 24 Oktober", "2025-10-24")]),
    ("Rapat digelar pada hari Senin tanggal 20 Oktober 2025.", None,
     [("Senin tanggal 20 Oktober 2025", "2025-10-20")]),
    ("Rapat digelar pada Senin, 20/10/2025.", None, [("Senin, 20/10/2025", "2025-10-20")]),
    # invalid dates are skipped, the valid ones kept
    ("Acara dibuka Sabtu (31/2/2025). Pembukaan kedua pada Minggu (2/3/2025).", None,
     [("Minggu (2/3/2025)", "2025-03-02")]),
    ("Acara dibuka Jumat (31/2). Pembukaan kedua pada Minggu (2/3/2025).", None,
     [("Minggu (2/3/2025)", "2025-03-02")]),
    ("Acara dibuka Senin (12/13/2025).", None, []),
    # a weekday and day that never meet near the text's years
    ("Rapat digelar Minggu (27/1) di aula.", dt.date(2026, 1, 28), []),
    ("Rapat akan digelar pekan depan.", None, []),
])
def test_find_dates(text, reference, expected):
    assert [(d.text, d.date.isoformat()) for d in find_dates(text, reference)] == expected


@pytest.mark.parametrize("text, reference, expected", [
    ("Wali Kota meninjau banjir pada Selasa (27/1). Sebanyak 200 rumah terendam sepanjang 2025.", None,
     "2026-01-27"),
    ("Rapat digelar di Balai Kota, Senin (20/10/2025).", None, "2025-10-20"),
    # background marked as past is not the event
    ("Bupati meninjau pasar, Kamis (12/12/2024). Sebelumnya, pasar itu terbakar pada Rabu (10/9/2025) lalu.",
     None, "2024-12-12"),
    ("Sebelumnya, pasar itu terbakar pada Rabu (10/9/2025) lalu. Bupati meninjau pasar, Kamis (11/9/2025).",
     None, "2025-09-11"),
    ("Rapat Selasa (27/1) lalu. Kunjungan Rabu (28/1).", dt.date(2026, 1, 29), "2026-01-28"),
    ("Pasar itu terbakar pada Rabu (10/9/2025) lalu.", None, None),
    ("Wali Kota meninjau lokasi banjir, Selasa (27/1/2026) kemarin. Ratusan rumah terendam.", None,
     "2026-01-27"),
    # a date inside a quote is not the event
    ('"Kami sudah rapat pada Senin (20/10/2025) bersama warga," kata camat. Peninjauan dilakukan Jumat '
     '(24/10/2025).', None, "2025-10-24"),
    ('"Kami sudah rapat pada Senin (20/10/2025) bersama warga," kata camat.', None, None),
    # "kemarin" counts back from the reference date
    ("Banjir kemarin merendam ratusan rumah.", dt.date(2025, 3, 4), "2025-03-03"),
    ("Banjir kemarin merendam ratusan rumah.", None, None),
])
def test_event_date(text, reference, expected):
    assert event_date(text, find_quotes(text), reference) == expected


@pytest.mark.parametrize("text, expected", [
    ("Jakarta, 3 Maret 2025\nKementerian Sosial menyalurkan bantuan.", "2025-03-03"),
    ("Siaran Pers\nBandung, 3 Maret 2025\nDinas menyalurkan bantuan.", "2025-03-03"),
    ("Jakarta, Senin, 3 Maret 2025 - Kementerian menyalurkan bantuan.", "2025-03-03"),
    ("Kota Bogor, 17 Agustus 2025 \u2013 Pemkot menggelar upacara.", "2025-08-17"),
    ("Surabaya, 5 Des. 2024\nPemkot membuka pasar malam.", "2024-12-05"),
    ("Jakarta, 31 Februari 2025\nKementerian menyalurkan bantuan.", None),
    ("Kementerian Sosial menyalurkan bantuan kepada warga.", None),
    ("Kementerian menyalurkan bantuan." + " Warga antre." * 100 + "\nJakarta, 3 Maret 2025", None),
])
def test_document_date_from_dateline(text, expected):
    assert document_date(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("3 Maret 2025", dt.date(2025, 3, 3)),
    ("Ditetapkan di Bandung pada tanggal 17 Agustus 2025", dt.date(2025, 8, 17)),
    ("5 Pebruari 2024", dt.date(2024, 2, 5)),
    ("1 Des. 2023", dt.date(2023, 12, 1)),
    ("30 nopember 2022", dt.date(2022, 11, 30)),
    ("31 Februari 2025", None),
    ("hari ini", None),
    ("3 Maret", None),
])
def test_parse_long_date(text, expected):
    assert parse_long_date(text) == expected


@pytest.mark.parametrize("day, month, weekday, years, expected", [
    (27, 1, 1, [2026], 2026),
    (27, 1, 1, [2025], 2026),   # 27 January 2025 was a Monday; the next year fits
    (29, 2, 3, [2025], 2024),   # 29 February only exists in leap years
    (20, 10, 0, [2025, 2019], 2025),
    (27, 1, 6, [2026], None),   # Sunday 27 January is not near 2026
    (31, 4, 0, [2025], None),   # no 31 April
])
def test_year_for_weekday(day, month, weekday, years, expected):
    assert year_for_weekday(day, month, weekday, years) == expected


def test_past_flag_and_offsets():
    text = "Sebelumnya, pasar itu terbakar pada Rabu (10/9/2025) lalu."
    [d] = find_dates(text)
    assert d.past
    assert text[d.start:d.end] == d.text == "Rabu (10/9/2025) lalu"
