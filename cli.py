"""The ``warta`` command line: a thin shell over the ``extract`` package.

Exit codes, the same for every command: 0 when every input was processed; 2 when some inputs
failed and the rest were processed (each failure is printed on stderr as one line naming the
file, and ``ingest`` also records it in the ``errors`` table); 1 when nothing could be processed,
or on a bad invocation (an unknown option, a missing argument, a missing database: click's usage
errors, which exit 2 by default, exit 1 here). A scanned PDF that needs Tesseract where it is not
installed is skipped with a warning that names the install command; it does not count as a
failure. Output cut short by its reader (``warta extract corpus/ | head -1``) ends quietly with 0.
"""
from __future__ import annotations

import json
import os
import stat
import socket
import sys
from contextlib import contextmanager, nullcontext
from itertools import chain
from pathlib import Path

import click

import extract as api

DEFAULT_DB = "output/warta.db"
CONTEXT = {"help_option_names": ["-h", "--help"]}
EXIT_PARTIAL = 2
DASK_HELP = ("Run on a Dask cluster: a scheduler's tcp://HOST:8786, or local:N for N local worker processes "
             "(needs pip install 'warta[dask]').")
COMMIT_EVERY = 500


def _exit_code(done: int, failed: int) -> int:
    if failed and not done:
        return 1
    return EXIT_PARTIAL if failed else 0


EXIT_FAILED = 1


class WartaGroup(click.Group):
    """Click's group with Warta's exit codes: usage errors exit 1, and a closed output pipe ends quietly."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            exc.show()
            sys.exit(EXIT_FAILED)
        except click.ClickException as exc:
            exc.show()
            sys.exit(EXIT_FAILED)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(EXIT_FAILED)
        except BrokenPipeError:
            _quiet_stdout()
            sys.exit(0)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # the reader went away (| head): nothing is wrong with the inputs
            _quiet_stdout()
            raise SystemExit(0) from None


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush into a closed pipe is silent."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _budget_options(command):
    """The per-document budgets, shared by extract, ingest and run."""
    defaults = api.Limits()
    options = [
        click.option("--max-bytes", type=click.IntRange(min=1), default=defaults.max_bytes, show_default=True,
                     help="Largest file, unpacked .docx or text per document, in bytes."),
        click.option("--max-seconds", type=click.FloatRange(min=0, min_open=True), default=defaults.max_seconds,
                     show_default=True, help="Longest time spent on one document (OCR excepted)."),
        click.option("--max-pages", type=click.IntRange(min=1), default=defaults.max_pages, show_default=True,
                     help="Most pages in one PDF."),
        click.option("--max-pixels", type=click.IntRange(min=1), default=defaults.max_pixels, show_default=True,
                     help="Most pixels of one page rendered for OCR."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _ocr_options(command):
    """--ocr auto|force|off and its short form --no-ocr, shared by extract, ingest and run."""
    command = click.option("--ocr", "ocr_mode", type=click.Choice(["auto", "force", "off"]), default="auto",
                           show_default=True,
                           help="OCR PDF pages: auto (scans and garbled text layers), force (every page), off.")(command)
    return click.option("--no-ocr", is_flag=True,
                        help="Do not OCR PDF pages that have no text layer (same as --ocr off).")(command)


def _ocr(no_ocr: bool, mode: str) -> str:
    """The OCR mode: --no-ocr is --ocr off."""
    return "off" if no_ocr else mode


def _limits(max_bytes, max_seconds, max_pages, max_pixels) -> "api.Limits":
    return api.Limits(max_bytes=max_bytes, max_seconds=max_seconds, max_pages=max_pages, max_pixels=max_pixels)


@click.group(cls=WartaGroup, context_settings=CONTEXT)
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
@_ocr_options
@click.option("--indent", is_flag=True, help="Pretty-print each record (no longer JSON Lines).")
@click.option("--ner", is_flag=True, help="Add the statistical NER's entities (slower).")
@click.option("--dask", "dask_address", metavar="ADDRESS", help=DASK_HELP)
@click.option("--out", "out_dir", metavar="DIR", help="With --dask: write the records as JSON Lines shards "
              "(part-*.jsonl) into DIR, a folder or URL every worker reaches, instead of printing them.")
@_budget_options
def extract(paths, with_text, jobs, no_ocr, ocr_mode, indent, ner, dask_address, out_dir, max_bytes, max_seconds, max_pages,
            max_pixels):
    """Print one JSON record per document (JSON Lines); touches no database.

    PATHS are files or folders (folders recurse); "-" reads text from stdin.

    \b
    Example:
        warta extract corpus/ > records.jsonl
        warta extract --with-text siaran-pers.txt
        cat rilis.txt | warta extract -
        warta extract --dask local:2 corpus/ > records.jsonl
        warta extract --dask tcp://10.0.0.5:8786 --with-text --out s3://arsip/shards s3://arsip/berita/
    """
    if out_dir and not dask_address:
        raise click.UsageError("--out writes shards from a Dask run; add --dask ADDRESS (local:2 on one machine)")
    if dask_address and "-" in paths:
        raise click.UsageError("-: standard input cannot be read on a cluster; save it to a file and pass that")
    limits = _limits(max_bytes, max_seconds, max_pages, max_pixels)
    with (_on_dask(dask_address) if dask_address else nullcontext()) as client:
        if client is None:
            outcomes = api.extract_records(paths, jobs=jobs, ocr=_ocr(no_ocr, ocr_mode), with_text=with_text, ner=ner,
                                           limits=limits)
        else:
            outcomes = _dask_outcomes(client, paths, ocr=_ocr(no_ocr, ocr_mode), with_text=with_text, ner=ner, out=out_dir)
        done, failed = _print_outcomes(_or_nothing_to_read(outcomes), indent)
    if out_dir:
        click.echo(f"{done} records in {out_dir}/part-*.jsonl, {failed} errors; load them with "
                   f"'warta ingest --records {out_dir}'", err=True)
    sys.exit(_exit_code(done, failed))


def _print_outcomes(outcomes, indent) -> tuple[int, int]:
    done = failed = 0
    for outcome in outcomes:
        for warning in outcome.warnings:
            click.echo(f"warning: {warning}", err=True)
        if outcome.notice:  # a word about a folder, not a document
            continue
        if outcome.skipped:
            click.echo(f"warning: skipped {outcome.error}", err=True)
            continue
        if outcome.error:
            failed += 1
            click.echo(f"error: {outcome.error}", err=True)
            continue
        done += 1
        if outcome.record is not None:  # None: written to a shard
            click.echo(json.dumps(outcome.record, ensure_ascii=False, indent=2 if indent else None))
    return done, failed


def _or_nothing_to_read(outcomes):
    """The outcomes, with an empty selection turned into a usage error (exit 1)."""
    try:
        yield from outcomes
    except api.NothingToRead as exc:
        raise click.ClickException(str(exc)) from None


def _ingest(paths, db_path, jobs, ocr, quiet=False, limits=None, outcomes=None, commit_every=1, extract=None,
            prune=False) -> tuple[dict, int, int]:
    """Extract and store; returns (outcome counts, documents done, documents failed).

    A file whose bytes hash as when it was stored is counted unchanged before it is read. ``extract``
    (paths -> outcomes) replaces the local extraction, as ``--dask`` does; ``outcomes`` skips it
    altogether (``--records``). ``commit_every`` documents share one transaction. The database is
    created only once there is something to put in it (an empty selection is an error and leaves no
    database behind).
    """
    tally = {"added": 0, "unchanged": 0, "replaced": 0, "skipped": 0, "pruned": 0}
    done = failed = 0
    hashes: dict[str, tuple[str | None, str | None]] = {}
    total = None
    db = api.open_db(db_path) if Path(db_path).exists() else None

    def database():
        nonlocal db
        if db is None:
            Path(db_path).parent.mkdir(parents=True, exist_ok=True)
            db = api.open_db(db_path)
        return db

    notices: list[str] = []
    if outcomes is None:
        files = list(api.iter_paths(list(paths), warn=notices.append))
        if not files and not notices:
            raise click.ClickException(str(api.NothingToRead(
                f"{', '.join(paths) or '(no paths)'}: no documents to read; check the path")))
        todo = []
        budget = (limits or api.Limits()).max_bytes
        for path in files:
            if not _hashable(path, budget):  # stdin, special files and files past the budget: load() says why
                todo.append(path)
                continue
            unchanged, sha, stored = api.check_file(db, path) if db is not None else (False, api.file_hash(path), None)
            if unchanged:
                tally["unchanged"] += 1
                done += 1
            else:
                hashes[path] = (sha, stored)
                todo.append(path)
        total = len(todo)
        local = (lambda files: api.extract_records(files, jobs=jobs, ocr=ocr, with_text=True,
                                                   limits=limits or api.Limits()))
        outcomes = _or_nothing_to_read((extract or local)(todo)) if todo else iter(())
    try:
        with _progress(total, quiet) as bar, _commits(lambda: db, commit_every) as commits:
            say = bar.say
            for notice in notices:
                say(f"warning: {notice}")
            for outcome in outcomes:
                bar.update()
                for warning in outcome.warnings:
                    say(f"warning: {warning}")
                if outcome.notice:  # a word about a folder, not a document
                    continue
                if outcome.skipped:
                    tally["skipped"] += 1
                    say(f"warning: skipped {outcome.error}")
                    api.record_error(database(), outcome.path, f"skipped: {outcome.error}")
                    continue
                if outcome.error:
                    failed += 1
                    say(f"error: {outcome.error}")
                    api.record_error(database(), outcome.path, outcome.error)
                    continue
                record = outcome.record
                if record["source"] == "-":  # stdin: named by its content, so one never overwrites another
                    record = dict(record, source=f"stdin:{record['id']}")
                sha, stored = hashes.get(outcome.path, (None, None))
                # the file changed since it was stored, perhaps reached under another spelling of its path
                replacing = bool(stored) and stored != record["id"]
                try:
                    result = api.store_file_record(database(), record, outcome.path, sha,
                                                   stored if replacing else None)
                    tally["replaced" if replacing and result == "added" else result] += 1
                    done += 1
                except Exception as exc:  # the document's transaction rolled back; record it and go on
                    failed += 1
                    message = f"{outcome.path}: could not be stored ({exc.__class__.__name__}: {exc})"
                    say(f"error: {message}")
                    api.record_error(database(), outcome.path, message)
                commits.tick()
        if prune and db is not None:
            for row in api.vanished_files(db):
                if row["document_id"]:
                    api.delete_document(db, row["document_id"])
                    tally["pruned"] += 1
                api.forget_file(db, row["path"])
    finally:
        if db is not None:
            api.close_db(db)
    return tally, done, failed


def _hashable(path: str, max_bytes: int | None) -> bool:
    """Whether a file may be hashed before it is read: a regular file within the size budget."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(info.st_mode) and not (max_bytes and info.st_size > max_bytes)


@contextmanager
def _commits(database, every):
    """``api.Commits`` on the database once it exists; one transaction per document before that."""
    db = database()
    if db is None or every == 1:
        yield _NoCommits()
        return
    with api.Commits(db, every) as commits:
        yield commits


class _NoCommits:
    def tick(self):
        pass


class _progress:
    """A progress bar on stderr when it is a terminal: done/total, rate and ETA; ``say`` prints a
    warning or an error on its own line above the bar, never glued onto it."""

    def __init__(self, total, quiet=False):
        self.bar = None
        if sys.stderr.isatty() and not quiet:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc="Ingesting", unit="doc", file=sys.stderr, dynamic_ncols=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()
        return False

    def update(self):
        if self.bar is not None:
            self.bar.update()

    def say(self, line):
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            click.echo(line, err=True)


@contextmanager
def _on_dask(address):
    """A Dask client for ``--dask ADDRESS``, closed (with its local cluster) afterwards."""
    from extract import distribute

    try:
        client = distribute.connect(address)
    except (ValueError, OSError) as exc:
        raise click.ClickException(f"--dask {exc}") from None
    try:
        yield client
    finally:
        distribute.close(client)


def _dask_outcomes(client, paths, **options):
    from extract import distribute

    try:
        files = distribute.expand_paths(paths)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    return distribute.extract_on_dask(files, client, **options)


def _summary(db_path: str, tally: dict, failed: int) -> str:
    c = api.counts(api.open_db(db_path))
    return (f"{c['documents']} documents ({tally['added']} added, {tally['replaced']} replaced, "
            f"{tally['unchanged']} unchanged), {c['regulations']} regulations, {c['officials']} officials, "
            f"{c['agencies']} agencies, {c['quotes']} quotes, {failed} errors"
            + (f", {tally['skipped']} skipped (scans need Tesseract)" if tally.get("skipped") else "")
            + (f", {tally['pruned']} pruned (their files are gone)" if tally.get("pruned") else "")
            + " in this run")


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite database to write.")
@click.option("--jobs", "-j", default=1, show_default=True, help="Worker processes for extraction.")
@_ocr_options
@click.option("--dask", "dask_address", metavar="ADDRESS", help=DASK_HELP)
@click.option("--records", "records_dir", metavar="DIR", help="Load the shards 'warta extract --dask --with-text "
              "--out DIR' wrote, without extracting anything.")
@click.option("--prune", is_flag=True, help="Delete the documents whose files are gone.")
@_budget_options
def ingest(paths, db_path, jobs, no_ocr, ocr_mode, dask_address, records_dir, prune, max_bytes, max_seconds, max_pages,
           max_pixels):
    """Extract documents into the database (default: corpus/ into output/warta.db).

    Incremental: a file whose bytes are as when it was stored is skipped before it is read; a
    changed file replaces its earlier rows, under whichever spelling of its path; stdin documents are
    named by their content hash. One transaction per document (per 500 documents with --dask or
    --records, each document still rolled back alone if it fails). Any number of ingests may write
    to one database at once.

    \b
    Example:
        warta ingest corpus/ --db output/warta.db --jobs 2
        warta ingest corpus/ --prune
        warta ingest --dask local:2 corpus/
        warta ingest --records shards/ --db output/warta.db
    """
    if records_dir and (paths or dask_address):
        raise click.UsageError("--records loads shards already extracted; give no PATHS and no --dask with it")
    if dask_address and "-" in paths:
        raise click.UsageError("-: standard input cannot be read on a cluster; save it to a file and pass that")
    limits = _limits(max_bytes, max_seconds, max_pages, max_pixels)
    if records_dir:
        from extract import distribute

        try:
            outcomes = distribute.read_shards(records_dir)
            first = next(outcomes, None)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
        outcomes = chain([first], outcomes) if first is not None else iter(())
        tally, done, failed = _ingest((), db_path, jobs, _ocr(no_ocr, ocr_mode), outcomes=outcomes, commit_every=COMMIT_EVERY,
                                      prune=prune, limits=limits)
    elif dask_address:
        with _on_dask(dask_address) as client:
            tally, done, failed = _ingest(
                paths or ("corpus",), db_path, jobs, _ocr(no_ocr, ocr_mode), commit_every=COMMIT_EVERY, prune=prune,
                limits=limits, extract=lambda files: _dask_outcomes(client, files, ocr=_ocr(no_ocr, ocr_mode), with_text=True))
    else:
        tally, done, failed = _ingest(paths or ("corpus",), db_path, jobs, _ocr(no_ocr, ocr_mode), prune=prune, limits=limits)
    click.echo(_summary(db_path, tally, failed))
    sys.exit(_exit_code(done, failed))


@cli.command()
@click.argument("query")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite database to search.")
@click.option("--limit", default=20, show_default=True, help="Most hits to show.")
@click.option("--json", "as_json", is_flag=True, help="Print hits as a JSON array.")
def search(query, db_path, limit, as_json):
    """Full-text search over documents, quotes and regulations, best first.

    A query that starts with "-" goes after "--", which ends the options.

    \b
    Example:
        warta search "kemiskinan ekstrem"
        warta search "PP 50/2025" --json
        warta search -- "-19"
    """
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no database yet; run 'warta ingest' or 'warta run' first")
    hits = api.search(api.open_db(db_path), query, limit=limit)
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
@click.option("--out", "out_dir", default=None, help="Folder for the drafts  [default: drafts/ beside the database, "
              "where the Datasette drafts page reads them]")
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
        records = list(api.iter_records(api.open_db(db_path), doc_ids or None))
    except ValueError as exc:
        raise click.ClickException(f"{exc}; list ids with 'warta search' or in Datasette") from None
    out_dir = out_dir or str(Path(db_path).parent / "drafts")
    kwargs = {"templates_dir": templates_dir}
    if names:
        kwargs["names"] = names
    if formats:
        kwargs["formats"] = formats
    try:
        written = api.render_drafts(records, out_dir, **kwargs)
        click.echo(f"{len(written)} drafts for {len(records)} documents in {out_dir}/")
        if briefs and not doc_ids and not names:
            extra = api.render_briefs(api.open_db(db_path), out_dir, templates_dir=templates_dir, **(
                {"formats": formats} if formats else {}))
            click.echo(f"{len(extra)} regulation briefs and officials' profiles in {out_dir}/regulasi/ and "
                       f"{out_dir}/pejabat/")
    except (api.DraftError, FileNotFoundError) as exc:
        raise click.ClickException(str(exc)) from None


@cli.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite database to export.")
@click.option("--parquet", "parquet_dir", metavar="DIR", required=True,
              help="Folder for one Parquet file per table (needs pip install 'warta[parquet]').")
def export(db_path, parquet_dir):
    """Write the database's tables as Parquet files, for DuckDB, pandas or Spark.

    \b
    Example:
        warta export --parquet output/parquet
        duckdb -c "select kind, count(*) from 'output/parquet/documents.parquet' group by kind"
    """
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no database yet; run 'warta ingest' or 'warta run' first")
    try:
        written = api.export_parquet(api.open_db(db_path), parquet_dir)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{len(written)} tables in {parquet_dir}/ (" + ", ".join(p.stem for p in written) + ")")


def _writable_queries(metadata_path: str) -> list[str]:
    """Names of the canned queries with ``"write": true`` in a Datasette metadata file."""
    metadata = json.loads(Path(metadata_path).read_text(encoding="utf-8"))
    return sorted(f"{database}/{name}" for database, settings in (metadata.get("databases") or {}).items()
                  for name, query in ((settings or {}).get("queries") or {}).items()
                  if isinstance(query, dict) and query.get("write"))


def _is_loopback(host: str) -> bool:
    """Whether ``host`` is an address of this machine only (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@cli.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite database to serve.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; only this machine can connect on the default. 0.0.0.0 opens it to "
                   "the network.")
@click.option("--port", default=8001, show_default=True, help="Port to listen on.")
@click.option("--reload", is_flag=True, help="Restart when the metadata or plugin changes (while editing them).")
def serve(db_path, host, port, reload):
    """Browse the database in Datasette, with Warta's metadata, search, dashboard and drafts.

    The database is served live (not immutable), so documents ingested while it runs show up, and
    read-only: Warta's plugin refuses every request that could write (POST and the like), and a
    metadata.json with a writable canned query is refused. It listens on 127.0.0.1, this machine
    only, unless --host says otherwise. Warta's metadata goes to metadata.json beside the database,
    or, where you keep your own metadata.json there, to warta-metadata.json with your settings
    merged in. Stopping warta (Ctrl+C, SIGTERM) stops Datasette: warta becomes the Datasette process.

    \b
    Example:
        warta serve --port 8001    # then open http://127.0.0.1:8001/
        warta serve --host 0.0.0.0 # reachable from other machines: anyone there can read it
    """
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no database yet; run 'warta ingest' or 'warta run' first")
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise click.ClickException(f"port {port} on {host} is in use or not available ({exc.strerror}); "
                                       f"pick another with --port, or stop what is using it") from None
    try:
        metadata = str(api.write_metadata(db_path, Path(db_path).with_name("metadata.json")))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    writable = _writable_queries(metadata)
    if writable:
        raise click.ClickException(f"{metadata}: canned query {', '.join(writable)} writes to the database, and "
                                   f"warta serve serves it read-only; remove \"write\": true from your metadata.json")
    if not _is_loopback(host):
        click.echo(f"warning: listening on {host}: anyone who can reach this machine can read the database",
                   err=True)
    from extract.serve import SETTINGS

    settings = [part for name, value in SETTINGS.items() for part in ("--setting", name, str(value))]
    command = [sys.executable, "-m", "datasette", "serve", db_path, "--metadata", metadata, *settings,
               "--host", host, "--port", str(port), *(["--reload"] if reload else [])]
    click.echo(f"Serving {db_path} at http://{host}:{port}/ (Ctrl+C to stop)")
    click.echo(f"Search: http://{host}:{port}/{Path(db_path).stem}/search; dashboard: "
               f"http://{host}:{port}/-/warta/dashboard; drafts: http://{host}:{port}/-/warta/drafts")
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, command)  # one process: a signal to warta reaches Datasette itself


@cli.command()
@click.option("--corpus", default="corpus", show_default=True, help="Folder of documents to ingest.")
@click.option("--out", "out_dir", default="output", show_default=True, help="Folder for database, metadata, drafts.")
@click.option("--jobs", "-j", default=1, show_default=True, help="Worker processes for extraction.")
@_ocr_options
@_budget_options
def run(corpus, out_dir, jobs, no_ocr, ocr_mode, max_bytes, max_seconds, max_pages, max_pixels):
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
    tally, done, failed = _ingest([corpus], db_path, jobs, _ocr(no_ocr, ocr_mode),
                                  limits=_limits(max_bytes, max_seconds, max_pages, max_pixels))
    metadata = api.write_metadata(db_path, out / "metadata.json")
    drafts = api.render_drafts(list(api.iter_records(api.open_db(db_path))), out / "drafts")
    drafts += api.render_briefs(api.open_db(db_path), out / "drafts")
    click.echo(_summary(db_path, tally, failed))
    click.echo(f"Database:  {db_path}")
    click.echo(f"Metadata:  {metadata}")
    click.echo(f"Drafts:    {out / 'drafts'}/ ({len(drafts)} files)")
    click.echo(f"Browse:    warta serve --db {db_path}   (Datasette on http://127.0.0.1:8001/)")
    click.echo(f"Search:    warta search \"kata kunci\" --db {db_path}")
    sys.exit(_exit_code(done, failed))


@cli.command()
@click.argument("gold_dir")
@click.option("--root", type=click.Path(file_okay=False), help="Folder the gold files' \"source\" paths are "
              "relative to (default: the folder holding gold/, or the nearest one where they exist).")
@click.option("--save", "save_name", metavar="NAME", help="Store this run under NAME.")
@click.option("--against", "against_name", metavar="NAME", help="Print, per document, what was gained and lost "
              "since the run saved as NAME.")
@click.option("--runs", "runs_dir", type=click.Path(file_okay=False), help="Folder of saved runs "
              "(default: GOLD_DIR/.warta-eval).")
@click.option("--jobs", "-j", default=1, show_default=True, help="Worker processes for extraction.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def evaluate(gold_dir, root, save_name, against_name, runs_dir, jobs, as_json):
    """Score Warta on your own gold: extract the documents the gold files name, print P/R/F1 per field
    and the summary score (the matching rules of the shared scorer).

    \b
    Example:
        warta evaluate gold/news --save before
        warta evaluate gold/news --against before    # per document: + gained, - lost
        warta evaluate mine/ --root ~/documents --json
    """
    from extract.evaluate import (EvaluationError, compare_runs, evaluate as run_evaluation, format_changes,
                                  format_figures, load_gold, load_run, runs_folder, save_run)

    try:
        folder = runs_folder(gold_dir, runs_dir)
        before = load_run(folder, against_name) if against_name else None
        report = run_evaluation(gold_dir, root, jobs=jobs)
        for error in report.errors:
            click.echo(f"error: {error}", err=True)
        click.echo(json.dumps(report.figures, indent=1) if as_json else format_figures(report.figures))
        if before is not None:
            changes, earlier = compare_runs(load_gold(gold_dir, root), before["predictions"], report)
            click.echo(f"== since {against_name}")
            click.echo(format_changes(changes, earlier, report.figures))
        if save_name:
            click.echo(f"saved {save_run(report, folder, save_name)}")
    except EvaluationError as exc:
        raise click.ClickException(str(exc)) from None
    sys.exit(EXIT_PARTIAL if report.errors else 0)


if __name__ == "__main__":
    cli()
