"""Render extracted records into Indonesian summaries and press-release drafts.

Templates live in the top-level ``templates/`` folder (installed as ``extract/templates``) and are
picked from specific to general: ``siaran-pers-circular.md.j2`` before ``siaran-pers.md.j2``. A
user folder given to :func:`make_env` comes first, so a file there overrides a built-in one of the
same name. Partials start with ``_``.

Draft templates see one variable, ``record``: a dict in the shape ``warta extract`` prints. Contract
fields are read directly, so a missing one fails loudly (``StrictUndefined``); extra fields
(``places``, ``addressees``, ``points``, ``statements`` ...) are read with ``record.get``.
Press-release drafts are worded so that the extractors read them back: regulations cited in full,
officials introduced as ``Position, Name`` before a speech verb, quotes in straight marks with a cue.

Briefs and profiles are rendered from the database instead, by :mod:`extract.write.briefs`, through
:func:`render_context`.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from functools import cache
from pathlib import Path, PurePath
from typing import Any

import jinja2

from .. import data
from ..store.persons import person_key
from .release import (briefing_sentences, headline, in_sentence, is_dangling, lead, numbered_points, own_place,
                      release_parts, speaker_window, summary_sentences, tidy)

__all__ = [
    "DraftError",
    "DRAFT_FORMATS",
    "DRAFT_NAMES",
    "KIND_DRAFTS",
    "draft_name",
    "dateline",
    "format_citation",
    "format_date_id",
    "join_names",
    "legal_basis",
    "make_env",
    "regulation_type_names",
    "render_context",
    "render_document",
    "render_drafts",
    "signer",
    "silent_officials",
    "slugify",
    "speaker_sections",
    "write_atomic",
]

DRAFT_NAMES = ("ringkasan", "siaran-pers")
BUILTIN_NAMES = ("ringkasan", "siaran-pers", "catatan", "brief-regulasi", "profil-pejabat")
# A news article is a journalist's, not the office's: it gets a briefing note instead of a release.
KIND_DRAFTS: dict[str, dict[str, str]] = {"news": {"siaran-pers": "catatan"}}
DRAFT_FORMATS = ("md", "html")

_PACKAGE = "extract"
_SOURCE_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
_ESCAPED_FORMATS = (".html", ".htm", ".xml")

_WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)


class DraftError(ValueError):
    """A draft could not be rendered: an unknown template name, or a field the template reads is missing.

    The message is one line that names the template and the field (or the names looked for).
    """


def draft_error(exc: Exception, names: Sequence[str], templates_dir: str | Path | None = None) -> DraftError:
    """One clear line for a Jinja2 failure: which template, which field or which names were looked for."""
    where = f"{templates_dir} and the built-in templates" if templates_dir else "the built-in templates"
    if isinstance(exc, jinja2.TemplatesNotFound | jinja2.TemplateNotFound):
        tried = ", ".join(getattr(exc, "templates", None) or [str(exc)])
        return DraftError(f"no template {tried} in {where}; built-in names: {', '.join(BUILTIN_NAMES)}")
    message = str(getattr(exc, "message", None) or exc)
    field = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", message)
    if field:
        message = re.sub(r": .*$", f": the field {(field.group(1) or field.group(2))!r} is missing", message)
    return DraftError(f"{message}; give the record that field, or read it with .get() in the template")


# --- filters -------------------------------------------------------------------------------


def format_date_id(value: str | date | None, weekday: bool = True) -> str:
    """Write a date the Indonesian way: ``2026-01-27`` -> ``Selasa, 27 Januari 2026``.

    Accepts an ISO string (a time part is ignored), a ``date`` or a ``datetime``. ``None`` or an
    empty string gives ``""``; a string that is not an ISO date comes back unchanged.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value)[:10])
        except ValueError:
            return str(value)
    text = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[day.weekday()]}, {text}" if weekday else text


def name_of(item: Any) -> str:
    """The display name of a list item: the ``name`` of a mapping, else the item as text."""
    if item is None:
        return ""
    if isinstance(item, Mapping):
        return str(item.get("name") or "")
    return str(item)


def join_names(items: Iterable[Any] | None, conjunction: str = "dan") -> str:
    """Join names Indonesian style: ``A``, ``A dan B``, ``A, B, dan C``.

    Items may be strings or mappings with a ``name``; empty ones are skipped.
    """
    names = [name for name in (name_of(item).strip() for item in items or ()) if name]
    if len(names) <= 2:
        return f" {conjunction} ".join(names)
    return f"{', '.join(names[:-1])}, {conjunction} {names[-1]}"


@cache
def regulation_type_names() -> dict[str, str]:
    """Map each regulation type code (``PP``) to its long name (``Peraturan Pemerintah``).

    Read once from ``extract/data/regulation_types.json``; raises ``ValueError`` on a malformed
    entry or a repeated code.
    """
    raw = data.text("regulation_types.json")
    names: dict[str, str] = {}
    for entry in json.loads(raw):
        code, name = entry.get("code"), entry.get("name")
        if not (isinstance(code, str) and code and isinstance(name, str) and name):
            raise ValueError(f"regulation_types.json: bad entry {entry!r}")
        if code in names:
            raise ValueError(f"regulation_types.json: code {code!r} listed twice")
        names[code] = name
    return names


def _merge_overlap(head: str, tail: str) -> str:
    """Join two phrases, sharing the words where ``head`` ends the way ``tail`` begins.

    ``("Peraturan Menteri", "Menteri Keuangan")`` -> ``Peraturan Menteri Keuangan``.
    """
    head_words, tail_words = head.split(), tail.split()
    for size in range(min(len(head_words), len(tail_words)), 0, -1):
        if [w.lower() for w in head_words[-size:]] == [w.lower() for w in tail_words[:size]]:
            return " ".join(head_words + tail_words[size:])
    return " ".join(head_words + tail_words)


def format_citation(regulation: Mapping[str, Any] | None, with_issuer: bool = True) -> str:
    """Cite a regulation in full from its type code, number, year, issuer and subject.

    ``{"type": "PP", "number": "50", "year": 2025, "subject": "..."}`` ->
    ``Peraturan Pemerintah Nomor 50 Tahun 2025 tentang ...``. The year is left out when the
    number already carries it (``400.3/123/SE/2025``). An ``OTHER`` or unknown type with a
    mention is cited as the text wrote it.
    """
    if not regulation:
        return ""
    code = str(regulation.get("type") or "OTHER").upper()
    number = regulation.get("number")
    year = regulation.get("year")
    issuer = regulation.get("issuer")
    subject = regulation.get("subject")
    names = regulation_type_names()
    mentions = regulation.get("mentions") or []
    if (code == "OTHER" or code not in names) and mentions and mentions[0].get("text"):
        cited = str(mentions[0]["text"])
    else:
        cited = names.get(code, code)
        if issuer and with_issuer:
            cited = _merge_overlap(cited, str(issuer))
        if number:
            cited += f" Nomor {number}"
        if year and not (number and str(number).endswith(f"/{year}")):
            cited += f" Tahun {year}"
    if subject and "tentang" not in cited.lower():
        cited += f" tentang {subject}"
    return cited


def person_label(person: Mapping[str, Any] | None) -> str:
    """``Name (Position)``, or just the name when no position is known."""
    if not person:
        return ""
    name, position = name_of(person), person.get("position")
    return f"{name} ({position})" if position else name


def agency_label(agency: Mapping[str, Any] | None) -> str:
    """``Full Name (Acronym)``, or just the name when it has no distinct acronym."""
    if not agency:
        return ""
    name, acronym = name_of(agency), agency.get("acronym")
    return f"{name} ({acronym})" if acronym and acronym != name else name


def with_position(
    name: str | None,
    officials: Iterable[Mapping[str, Any]] | None,
    appositive: bool = False,
) -> str:
    """``Name, Position`` for attributing a quote, looking the position up among the officials.

    With ``appositive`` the position is closed by a comma too, for the subject of a sentence:
    ``Name, Position, menyampaikan ...``.
    """
    if not name:
        return ""
    position = _position_of(name, officials)
    return f"{name}, {position}{',' if appositive else ''}" if position else name


def quote_for_attribution(text: str | None) -> str:
    """Ready a quote to be followed by ``kata ...``: a closing full stop becomes a comma.

    ``"Kami siap."`` -> ``"Kami siap,"``; a question or exclamation mark is kept.
    """
    body = (text or "").strip()
    if body.endswith(("?", "!")):
        return body
    return body.rstrip(" .,;:") + ","


def ensure_period(text: str | None) -> str:
    """End a sentence with a full stop unless it already ends with punctuation."""
    body = (text or "").strip()
    if not body or body[-1] in ".!?:;…":
        return body
    return body + "."


def legal_basis(regulations: Sequence[Mapping[str, Any]] | None) -> list[Mapping[str, Any]]:
    """The regulations marked ``basis`` (a Mengingat list); all of them when none is marked."""
    items = list(regulations or ())
    basis = [item for item in items if item.get("basis")]
    return basis or items


def dateline(record: Mapping[str, Any]) -> str:
    """``BANDUNG, 4 November 2025 –`` for the start of a release.

    The place is the document's own: the place a circular or regulation was set (``Ditetapkan di``,
    ``Kota, tanggal`` above the signature), else the ``Kota, tanggal`` line of a release's header, else
    the ``KOTA -`` opening its first paragraph; never the letterhead or an agency's region. The date is
    the document date, else the event date. Missing parts are left out; ``""`` when nothing is known.
    """
    place = own_place(record) or ""
    when = format_date_id(record.get("date") or record.get("event_date"), weekday=False)
    head = ", ".join(part for part in (place.upper(), when) if part)
    return f"{head} –" if head else ""


def quote_text(text: str | None) -> str:
    """A quote ready to sit inside straight double marks: inner double marks become single ones."""
    return re.sub(r'["\u201c\u201d]', "'", (text or "").strip())


def _position_of(name: str, officials: Iterable[Mapping[str, Any]] | None) -> str | None:
    """The position of the official called ``name`` (case-insensitively), if listed with one."""
    wanted = name.casefold()
    for official in officials or ():
        if name_of(official).casefold() == wanted and official.get("position"):
            return str(official["position"])
    return None


def _full_name(name: str, officials: Sequence[Mapping[str, Any]]) -> str:
    """A speaker's full name: ``Indah`` becomes the one official whose name has that word."""
    if not name or " " in name:
        return name
    wanted = name.casefold()
    found = {name_of(o) for o in officials if wanted in name_of(o).casefold().split()}
    return found.pop() if len(found) == 1 else name


def _named_before(text: str, start: Any, officials: Sequence[Mapping[str, Any]]) -> str:
    """The official last named where the speaker of ``start`` would be (see ``speaker_window``), or ``""``."""
    if not isinstance(start, int) or start <= 0:
        return ""
    window = speaker_window(text, start).casefold()
    found = [(window.rfind(name_of(o).casefold()), name_of(o)) for o in officials if name_of(o)]
    found = [(at, name) for at, name in found if at >= 0]
    return max(found)[1] if found else ""


def speaker_sections(
    quotes: Iterable[Mapping[str, Any]] | None,
    statements: Iterable[Mapping[str, Any]] | None = None,
    officials: Iterable[Mapping[str, Any]] | None = None,
    document: str | None = None,
) -> list[dict[str, Any]]:
    """What each speaker said, grouped: ``[{"name", "position", "items": [{"kind", "text"}]}]``.

    With the record's text (``document``), a statement stored without a speaker takes the official named
    earlier in its own sentence ("Kepala X, Nama, menjelaskan bahwa pihaknya ...").

    Named speakers come in the order they first speak (by ``start``, else list order), each with
    their statements before their quotes (``kind`` is ``"statement"`` or ``"quote"``); the
    position is looked up among ``officials``. Unattributed items follow, one section each, with
    ``name`` ``None``. Items without text are dropped.
    """
    utterances = [("statement", item) for item in statements or ()]
    utterances += [("quote", item) for item in quotes or ()]
    officials = list(officials or ())

    def place(n: int) -> tuple[float, int]:
        start = utterances[n][1].get("start")
        return (start if isinstance(start, int) else float("inf"), n)

    named: dict[str, dict[str, Any]] = {}
    unnamed: list[dict[str, Any]] = []
    for n in sorted(range(len(utterances)), key=place):
        kind, item = utterances[n]
        text = tidy(item.get("text"))
        if not text:
            continue
        speaker = _full_name(str(item.get("speaker") or "").strip(), officials)
        if not speaker and kind == "statement" and document:
            speaker = _named_before(document, item.get("start"), officials)
        if not speaker:
            if not (kind == "statement" and is_dangling(text)):  # "pihaknya ..." with nobody named
                unnamed.append({"name": None, "position": None, "items": [{"kind": kind, "text": text}]})
            continue
        section = named.setdefault(speaker.casefold(), {
            "name": speaker, "position": _position_of(speaker, officials), "items": []})
        section["items"].append({"kind": kind, "text": text})
    for section in named.values():
        section["items"].sort(key=lambda item: item["kind"] != "statement")
    return [*named.values(), *unnamed]


def silent_officials(
    officials: Iterable[Mapping[str, Any]] | None,
    quotes: Iterable[Mapping[str, Any]] | None = None,
    statements: Iterable[Mapping[str, Any]] | None = None,
) -> list[Mapping[str, Any]]:
    """The named ``officials`` who neither make one of the ``statements`` nor speak one of the ``quotes``."""
    speakers = {str(item.get("speaker") or "").casefold() for item in [*(quotes or ()), *(statements or ())]}
    return [official for official in officials or ()
            if name_of(official) and name_of(official).casefold() not in speakers]


def signer(record: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The signatory when its name looks like a person's (two words or more), else ``None``.

    A signature block read wrongly often leaves a city or a title where the name should be;
    such a name is better left out of a release than printed.
    """
    signatory = record.get("signatory") if isinstance(record, Mapping) else None
    if not signatory or len(person_key(name_of(signatory)).split()) < 2:
        return None
    return signatory


FILTERS: dict[str, Callable[..., Any]] = {
    "summary": summary_sentences,
    "briefing": briefing_sentences,
    "dangling": is_dangling,
    "headline": headline,
    "in_sentence": in_sentence,
    "lead": lead,
    "points": numbered_points,
    "release": release_parts,
    "tidy": tidy,
    "agency": agency_label,
    "citation": format_citation,
    "dateline": dateline,
    "join_names": join_names,
    "legal_basis": legal_basis,
    "long_date": format_date_id,
    "name_of": name_of,
    "person": person_label,
    "quote_lead": quote_for_attribution,
    "quote_text": quote_text,
    "sentence": ensure_period,
    "signer": signer,
    "silent_officials": silent_officials,
    "speakers": speaker_sections,
    "with_position": with_position,
}


# --- environment and rendering -------------------------------------------------------------


def _builtin_loader() -> jinja2.BaseLoader:
    """The shipped templates: the installed package data, else the source checkout's folder."""
    try:
        return jinja2.PackageLoader(_PACKAGE, "templates")
    except ValueError:
        return jinja2.FileSystemLoader(_SOURCE_TEMPLATES)


def _autoescape_for(fmt: str) -> Callable[[str | None], bool]:
    """Escape HTML templates by name; format-neutral partials follow the environment's format."""

    def autoescape(name: str | None) -> bool:
        stem = (name or "").removesuffix(".j2")
        if stem.endswith(_ESCAPED_FORMATS):
            return True
        if "." in PurePath(stem).name:
            return False
        return fmt == "html"

    return autoescape


def make_env(templates_dir: str | Path | None = None, fmt: str = "md") -> jinja2.Environment:
    """A Jinja2 environment over the user's templates (if any) and then the built-in ones.

    ``fmt`` is the output format the environment is for; HTML is autoescaped, Markdown is not.
    Raises ``FileNotFoundError`` when ``templates_dir`` is not a folder.
    """
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir is not None:
        folder = Path(templates_dir)
        if not folder.is_dir():
            raise FileNotFoundError(f"templates folder not found: {folder}")
        loaders.append(jinja2.FileSystemLoader(folder))
    loaders.append(_builtin_loader())
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=_autoescape_for(fmt),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


def _failing_template(exc: BaseException) -> str | None:
    """The innermost template (file and line) in an exception's traceback, if any."""
    where = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = f"{Path(filename).name}, line {tb.tb_lineno}"
        tb = tb.tb_next
    return where


def render_document(
    record: Mapping[str, Any],
    name: str,
    fmt: str = "md",
    env: jinja2.Environment | None = None,
) -> str:
    """Render one record with the most specific template: ``{name}-{kind}.{fmt}.j2``, else
    ``{name}.{fmt}.j2``.

    Raises ``jinja2.TemplateNotFound`` when neither exists and ``jinja2.UndefinedError`` naming
    the template when the record lacks a field the template reads.
    """
    env = env or make_env(fmt=fmt)
    kind = record.get("kind") or "other"
    template = env.select_template([f"{name}-{kind}.{fmt}.j2", f"{name}.{fmt}.j2"])
    try:
        return template.render(record=record)
    except jinja2.UndefinedError as exc:
        where = _failing_template(exc)
        detail = f" ({where})" if where and not where.startswith(f"{template.name},") else ""
        raise jinja2.UndefinedError(
            f"template {template.name!r}{detail} for record {record.get('id')!r}: {exc.message}"
        ) from exc


def render_context(
    context: Mapping[str, Any],
    names: Sequence[str],
    env: jinja2.Environment,
) -> str:
    """Render a context dict (its keys become template variables) with the first of ``names`` found.

    Raises ``jinja2.TemplatesNotFound`` when none exists and ``jinja2.UndefinedError`` naming the
    template when the context lacks a field the template reads.
    """
    template = env.select_template(list(names))
    try:
        return template.render(**context)
    except jinja2.UndefinedError as exc:
        where = _failing_template(exc)
        detail = f" ({where})" if where and not where.startswith(f"{template.name},") else ""
        raise jinja2.UndefinedError(f"template {template.name!r}{detail}: {exc.message}") from exc


def slugify(text: str | None, max_length: int = 80) -> str:
    """A lowercase ASCII slug: ``Surat Edaran No. 6/2025`` -> ``surat-edaran-no-6-2025``.

    Returns ``""`` when the text has no letters or digits.
    """
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")


def _source_stem(record: Mapping[str, Any]) -> str:
    """A slug of the record's source file stem, keeping a ``#fragment`` (``data.csv#id=4``)."""
    path, _, fragment = str(record.get("source") or "").partition("#")
    stem = slugify(f"{PurePath(path).stem} {fragment}")
    return stem or slugify(str(record.get("id") or "")) or "dokumen"


def _draft_stems(records: Sequence[Mapping[str, Any]]) -> list[str]:
    """One unique file stem per record; stems shared by several records get a short id."""
    bases = [_source_stem(record) for record in records]
    counts = Counter(bases)
    stems: list[str] = []
    taken: set[str] = set()
    for record, base in zip(records, bases):
        short_id = slugify(str(record.get("id") or ""))[:8]
        stem = f"{base}-{short_id}" if counts[base] > 1 and short_id else base
        candidate, n = stem, 2
        while candidate in taken:
            candidate, n = f"{stem}-{n}", n + 1
        taken.add(candidate)
        stems.append(candidate)
    return stems


def write_atomic(path: Path, text: str) -> None:
    """Write a file through a temporary sibling and a rename, so no reader sees half of it."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def draft_name(name: str, kind: str | None) -> str:
    """The draft a document of ``kind`` gets for ``name``: a news article's ``siaran-pers`` is a ``catatan``."""
    return KIND_DRAFTS.get(kind or "", {}).get(name, name)


def render_drafts(
    records: Iterable[Mapping[str, Any]],
    out_dir: str | Path,
    *,
    templates_dir: str | Path | None = None,
    names: Sequence[str] = DRAFT_NAMES,
    formats: Sequence[str] = DRAFT_FORMATS,
) -> list[Path]:
    """Write ``out_dir/<stem>.<name>.<fmt>`` for every record, name and format.

    ``<stem>`` is a slug of the record's source file stem, with a short id appended where two
    records share one. Each record is rendered in full before its files are written, and every
    file is written atomically. Returns the paths written, in order.
    """
    items = list(records)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    envs = {fmt: make_env(templates_dir, fmt) for fmt in formats}
    written: list[Path] = []
    for record, stem in zip(items, _draft_stems(items)):
        kinds = [draft_name(name, record.get("kind")) for name in names]
        try:
            drafts = {
                out / f"{stem}.{name}.{fmt}": render_document(record, name, fmt, envs[fmt])
                for name in dict.fromkeys(kinds)
                for fmt in formats
            }
        except (jinja2.TemplateNotFound, jinja2.UndefinedError) as exc:
            raise draft_error(exc, names, templates_dir) from None
        for path, text in drafts.items():
            write_atomic(path, text)
            written.append(path)
    return written
