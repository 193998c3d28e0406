"""The ``warta`` command line: a thin shell over the ``extract`` package.

Exit codes: 0 when every input was processed; 1 when no input could be processed, or on a usage
error; 2 when some inputs failed and the rest were processed (each failure is printed on stderr
as one line naming the file, and ``ingest`` also records it in the ``errors`` table). A scanned PDF
that needs Tesseract where it is not installed is skipped with a warning that names the install
command; it does not count as a failure.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click

from extract import (counts, extract_records, iter_records, open_db, record_error, render_briefs, render_drafts,
                     save_record, search as search_db, write_metadata)

DEFAULT_DB = "output/warta.db"
CONTEXT = {"help_option_names": ["-h", "--help"]}
EXIT_PARTIAL = 2


def _exit_code(done: int, failed: int) -> int:
    if failed and not done:
        return 1
    return EXIT_PARTIAL if failed else 0


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="warta")
def cli():
    """Warta: regulations, agencies, officials and quotes out of Indonesian government documents.

    \b
    Example:
        warta run                      # ingest corpus/, write drafts, print how to browse
        warta extract surat-edaran.pdf # one JSON record per document
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--with-text", is_flag=True, help="Add the normalized text that offsets point into.")
@click.option("--jobs", "-j", default=1, show_default=True, help="Worker processes.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR PDF pages that have no text layer (same as --ocr off).")
@click.option("--ocr", "ocr_mode", type=click.Choice(["auto", "force", "off"]), default="auto", show_default=True,
              help="OCR PDF pages: auto (scans and garbled text layers), force (every page), off.")
@click.option("--indent", is_flag=True, help="Pretty-print each record (no longer JSON Lines).")
@click.option("--ner", is_flag=True, help="Add the statistical NER's entities (slower).")
def extract(paths, with_text, jobs, no_ocr, ocr_mode, indent, ner):
    """Print one JSON record per document (JSON Lines); touches no database.

    PATHS are files or folders (folders recurse); "-" reads text from stdin.

    \b
    Example:
        warta extract corpus/ > records.jsonl
        warta extract --with-text siaran-pers.txt
        cat rilis.txt | warta extract -
    """
    done = failed = 0
    for outcome in extract_records(paths, jobs=jobs, ocr="off" if no_ocr else ocr_mode, with_text=with_text, ner=ner):
        for warning in outcome.warnings:
            click.echo(f"warning: {warning}", err=True)
        if outcome.skipped:
            click.echo(f"warning: skipped {outcome.error}", err=True)
            continue
        if outcome.error:
            failed += 1
            click.echo(f"error: {outcome.error}", err=True)
            continue
        done += 1
        click.echo(json.dumps(outcome.record, ensure_ascii=False, indent=2 if indent else None))
    sys.exit(_exit_code(done, failed))


def _ingest(paths, db_path, jobs, ocr, quiet=False) -> tuple[dict, int, int]:
    """Extract and store; returns (outcome counts, documents done, documents failed)."""
    Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    db = open_db(db_path)
    tally = {"added": 0, "unchanged": 0, "replaced": 0, "skipped": 0}
    done = failed = 0
    outcomes = extract_records(paths, jobs=jobs, ocr=ocr, with_text=True)
    show_bar = sys.stderr.isatty() and not quiet
    with click.progressbar(outcomes, label="Ingesting", file=sys.stderr, show_pos=True) if show_bar \
            else _nullbar(outcomes) as bar:
        for outcome in bar:
            for warning in outcome.warnings:
                click.echo(f"\nwarning: {warning}", err=True)
            if outcome.skipped:
                tally["skipped"] += 1
                click.echo(f"warning: skipped {outcome.error}", err=True)
                record_error(db, outcome.path, f"skipped: {outcome.error}")
                continue
            if outcome.error:
                failed += 1
                click.echo(f"error: {outcome.error}", err=True)
                record_error(db, outcome.path, outcome.error)
                continue
            try:
                tally[save_record(db, outcome.record)] += 1
                done += 1
            except Exception as exc:  # the document's transaction rolled back; record it and go on
                failed += 1
                message = f"{outcome.path}: could not be stored ({exc.__class__.__name__}: {exc})"
                click.echo(f"error: {message}", err=True)
                record_error(db, outcome.path, message)
    return tally, done, failed


class _nullbar:
    def __init__(self, items):
        self.items = items

    def __enter__(self):
        return self.items

    def __exit__(self, *exc):
        return False


def _summary(db_path: str, tally: dict, failed: int) -> str:
    c = counts(open_db(db_path))
    return (f"{c['documents']} documents ({tally['added']} added, {tally['replaced']} replaced, "
            f"{tally['unchanged']} unchanged), {c['regulations']} regulations, {c['officials']} officials, "
            f"{c['agencies']} agencies, {c['quotes']} quotes, {failed} errors"
            + (f", {tally['skipped']} skipped (scans need Tesseract)" if tally.get("skipped") else "")
            + " in this run")


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite database to write.")
@click.option("--jobs", "-j", default=1, show_default=True, help="Worker processes for extraction.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR PDF pages that have no text layer (same as --ocr off).")
@click.option("--ocr", "ocr_mode", type=click.Choice(["auto", "force", "off"]), default="auto", show_default=True,
              help="OCR PDF pages: auto (scans and garbled text layers), force (every page), off.")
def ingest(paths, db_path, jobs, no_ocr, ocr_mode):
    """Extract documents into the database (default: corpus/ into output/warta.db).

    Idempotent: a document already stored with the same content is skipped; a changed file
    replaces its earlier rows. One transaction per document.

    \b
    Example:
        warta ingest corpus/ --db output/warta.db --jobs 2
    """
    paths = paths or ("corpus",)
    tally, done, failed = _ingest(paths, db_path, jobs, "off" if no_ocr else ocr_mode)
    click.echo(_summary(db_path, tally, failed))
    sys.exit(_exit_code(done, failed))


@cli.command()
@click.argument("query")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite database to search.")
@click.option("--limit", default=20, show_default=True, help="Most hits to show.")
@click.option("--json", "as_json", is_flag=True, help="Print hits as a JSON array.")
def search(query, db_path, limit, as_json):
    """Full-text search over documents, quotes and regulations, best first.

    \b
    Example:
        warta search "kemiskinan ekstrem"
        warta search "PP 50/2025" --json
    """
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no database yet; run 'warta ingest' or 'warta run' first")
    hits = search_db(open_db(db_path), query, limit=limit)
    if as_json:
        click.echo(json.dumps(hits, ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo(f"No match for {query!r}.")
    for hit in hits:
        where = hit.get("source") or hit.get("regulation_id") or ""
        click.echo(f"[{hit['type']}] {hit.get('title') or ''}  ({where})")
        click.echo(f"    {hit.get('snippet') or ''}")


@cli.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite database to read.")
@click.option("--out", "out_dir", default="output/drafts", show_default=True, help="Folder for the drafts.")
@click.option("--doc", "doc_ids", multiple=True, help="Only this document id (or unique prefix); repeatable.")
@click.option("--template", "names", multiple=True, help="Template name (ringkasan, siaran-pers); repeatable.")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False), help="Folder of templates that "
              "override the built-in ones by name.")
@click.option("--format", "formats", multiple=True, type=click.Choice(["md", "html"]), help="Output format(s).")
@click.option("--briefs/--no-briefs", default=True, show_default=True,
              help="Also write regulation briefs (regulasi/) and officials' profiles (pejabat/).")
def draft(db_path, out_dir, doc_ids, names, templates_dir, formats, briefs):
    """Write summaries (ringkasan) and press-release drafts (siaran pers) from the database,
    and briefs on regulations and profiles of officials across documents.

    \b
    Example:
        warta draft --template siaran-pers --format md
        warta draft --doc 3f9a1c0e --templates my-templates/ --no-briefs
    """
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no database yet; run 'warta ingest' or 'warta run' first")
    try:
        records = list(iter_records(open_db(db_path), doc_ids or None))
    except ValueError as exc:
        raise click.ClickException(f"{exc}; list ids with 'warta search' or in Datasette") from None
    kwargs = {"templates_dir": templates_dir}
    if names:
        kwargs["names"] = names
    if formats:
        kwargs["formats"] = formats
    written = render_drafts(records, out_dir, **kwargs)
    click.echo(f"{len(written)} drafts for {len(records)} documents in {out_dir}/")
    if briefs and not doc_ids:
        extra = render_briefs(open_db(db_path), out_dir, templates_dir=templates_dir, **(
            {"formats": formats} if formats else {}))
        click.echo(f"{len(extra)} regulation briefs and officials' profiles in {out_dir}/regulasi/ and {out_dir}/pejabat/")


@cli.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite database to serve.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, help="Port to listen on.")
def serve(db_path, host, port):
    """Browse the database in Datasette, read-only, with Warta's metadata and canned queries.

    \b
    Example:
        warta serve --port 8001    # then open http://127.0.0.1:8001/
    """
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no database yet; run 'warta ingest' or 'warta run' first")
    metadata = str(Path(db_path).with_name("metadata.json"))
    write_metadata(db_path, metadata)
    command = [sys.executable, "-m", "datasette", "serve", "--immutable", db_path, "--metadata", metadata,
               "--host", host, "--port", str(port)]
    click.echo(f"Serving {db_path} at http://{host}:{port}/ (Ctrl+C to stop)")
    click.echo(f"Documents with highlights: http://{host}:{port}/-/warta/doc/<id>; "
               f"drafts: http://{host}:{port}/-/warta/drafts")
    try:
        sys.exit(subprocess.call(command))
    except KeyboardInterrupt:
        sys.exit(0)


@cli.command()
@click.option("--corpus", default="corpus", show_default=True, help="Folder of documents to ingest.")
@click.option("--out", "out_dir", default="output", show_default=True, help="Folder for database, metadata, drafts.")
@click.option("--jobs", "-j", default=1, show_default=True, help="Worker processes for extraction.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR PDF pages that have no text layer (same as --ocr off).")
@click.option("--ocr", "ocr_mode", type=click.Choice(["auto", "force", "off"]), default="auto", show_default=True,
              help="OCR PDF pages: auto (scans and garbled text layers), force (every page), off.")
def run(corpus, out_dir, jobs, no_ocr, ocr_mode):
    """The main job: ingest the corpus, write Datasette metadata and drafts, say where they are.

    \b
    Example:
        warta run
        warta run --corpus ~/surat-edaran --out ~/warta-output
    """
    if not Path(corpus).is_dir():
        raise click.ClickException(f"{corpus}: no such folder; pass --corpus with the documents' folder")
    out = Path(out_dir)
    db_path = str(out / "warta.db")
    tally, done, failed = _ingest([corpus], db_path, jobs, "off" if no_ocr else ocr_mode)
    metadata = write_metadata(db_path, out / "metadata.json")
    drafts = render_drafts(list(iter_records(open_db(db_path))), out / "drafts")
    drafts += render_briefs(open_db(db_path), out / "drafts")
    click.echo(_summary(db_path, tally, failed))
    click.echo(f"Database:  {db_path}")
    click.echo(f"Metadata:  {metadata}")
    click.echo(f"Drafts:    {out / 'drafts'}/ ({len(drafts)} files)")
    click.echo(f"Browse:    warta serve --db {db_path}   (Datasette on http://127.0.0.1:8001/)")
    click.echo(f"Search:    warta search \"kata kunci\" --db {db_path}")
    sys.exit(_exit_code(done, failed))


if __name__ == "__main__":
    cli()
