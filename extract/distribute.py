"""The same extraction on a Dask cluster: ``warta extract --dask ADDRESS`` and ``warta ingest --dask``.

Needs the optional extra (``pip install 'warta[dask]'``: dask, distributed, fsspec) on the machine
that submits and on every worker. ``ADDRESS`` is a scheduler's ``tcp://host:8786``, or ``local:N``
for a :class:`~distributed.LocalCluster` of N worker processes on this machine.

- Input paths go through fsspec: local paths are expanded exactly as :func:`extract_records` does,
  and ``s3://``, ``gs://`` ... folders are listed with their filesystem and each file is fetched by the
  worker that reads it.
- The files are cut into batches of :data:`~extract.process.BATCH` and made a ``dask.bag``, one
  batch per partition. A worker runs :func:`~extract.process.extract_records` on its batch; the
  pipeline is built once per worker process (the module-level singleton in ``process``), never
  pickled. What comes back are plain dicts, one per document, a failure as a dict with its error.
- With ``out``, each worker writes its batch as one JSON Lines shard (``part-00000.jsonl`` ...) into
  ``out`` (a folder every worker can reach, or an object-store URL) and sends back only the failures;
  :func:`read_shards` reads the shards back, for ``warta ingest --records`` to load without any NLP.
- At most a few batches per worker are in flight, so memory stays bounded; a task on a worker that
  dies is run again by Dask on another one.
"""
from __future__ import annotations

import json
import logging
import tempfile
from collections import deque
from dataclasses import asdict
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from .process import BATCH, Outcome, extract_records
from .read.sources import SKIPPED_NAMES, SUFFIXES, iter_paths

INSTALL = "pip install 'warta[dask]'"
SHARD_GLOB = "part-*.jsonl"


def _require():
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
        import fsspec  # noqa: F401
    except ImportError:
        raise SystemExit(f"error: --dask needs Dask and fsspec, which are not installed; run {INSTALL}") from None


def _is_url(path: str) -> bool:
    return "://" in path


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Files to read: local paths as :func:`iter_paths` gives them, URL folders listed through fsspec."""
    import fsspec

    files: list[str] = []
    for given in paths:
        if given == "-":
            raise ValueError("-: standard input cannot be read on a cluster; save it to a file and pass that")
        if not _is_url(given):
            files.extend(iter_paths([given]))
            continue
        fs, root = fsspec.core.url_to_fs(given)
        if not fs.isdir(root):
            files.append(given)
            continue
        for found in sorted(fs.find(root)):
            rel = PurePosixPath(found).relative_to(PurePosixPath(root.rstrip("/")))
            if (PurePosixPath(found).suffix.lower() in SUFFIXES and rel.name.lower() not in SKIPPED_NAMES
                    and not any(part.startswith(".") for part in rel.parts)):
                files.append(fs.unstrip_protocol(found))
    return files


def _as_dict(outcome: Outcome) -> dict:
    return asdict(outcome) | {"warnings": list(outcome.warnings)}


def _as_outcome(data: dict) -> Outcome:
    return Outcome(data["path"], record=data.get("record"), error=data.get("error"),
                   warnings=tuple(data.get("warnings") or ()), skipped=bool(data.get("skipped")))


def _extract_batch(paths: list[str], ocr: bool, with_text: bool, ner: bool) -> list[dict]:
    """Run on a worker: the batch's outcomes as plain dicts, in order (remote files fetched first)."""
    if not any(_is_url(p) for p in paths):
        return [_as_dict(o) for o in extract_records(paths, ocr=ocr, with_text=with_text, ner=ner)]
    import fsspec

    outcomes = []
    with tempfile.TemporaryDirectory(prefix="warta-") as tmp:
        for i, path in enumerate(paths):
            if not _is_url(path):
                outcomes.extend(_as_dict(o) for o in extract_records([path], ocr=ocr, with_text=with_text, ner=ner))
                continue
            copy = str(Path(tmp) / f"{i}{PurePosixPath(path).suffix}")
            try:
                with fsspec.open(path, "rb") as src:
                    Path(copy).write_bytes(src.read())
            except (OSError, ValueError) as exc:
                outcomes.append(_as_dict(Outcome(path, error=f"{path}: cannot be fetched ({exc}); check the URL "
                                                             f"and the credentials")))
                continue
            (outcome,) = extract_records([copy], ocr=ocr, with_text=with_text, ner=ner)
            outcomes.append(_renamed(_as_dict(outcome), copy, path))
    return outcomes


def _renamed(data: dict, copy: str, url: str) -> dict:
    """A fetched file's outcome under its URL, never under the temporary copy's name."""
    data["path"] = url
    if data["record"] is not None:
        data["record"]["source"] = url
        data["record"]["warnings"] = [w.replace(copy, url) for w in data["record"].get("warnings", [])]
    if data["error"]:
        data["error"] = data["error"].replace(copy, url)
    data["warnings"] = [w.replace(copy, url) for w in data["warnings"]]
    return data


def _extract_task(task: tuple[int, list[str]], ocr: bool, with_text: bool, ner: bool) -> list[dict]:
    return _extract_batch(task[1], ocr, with_text, ner)


def _shard_line(data: dict) -> str:
    if data.get("record") is not None:
        return json.dumps(data["record"], ensure_ascii=False)
    return json.dumps({"source": data["path"], "error": data["error"], "skipped": data["skipped"],
                       "warnings": data["warnings"]}, ensure_ascii=False)


def _extract_shard(task: tuple[int, list[str]], out: str, ocr: bool, with_text: bool, ner: bool) -> list[dict]:
    """Run on a worker: write the batch as shard ``part-NNNNN.jsonl`` in ``out``; return its failures.

    The shard is written under a temporary name and moved into place, so a task that is run again
    after a lost worker never leaves half a shard."""
    import fsspec

    index, paths = task
    outcomes = _extract_batch(paths, ocr, with_text, ner)
    fs, root = fsspec.core.url_to_fs(out)
    fs.makedirs(root, exist_ok=True)
    final = f"{root.rstrip('/')}/part-{index:05d}.jsonl"
    with fs.open(final + ".tmp", "w", encoding="utf-8") as f:
        for data in outcomes:
            f.write(_shard_line(data) + "\n")
    fs.mv(final + ".tmp", final)
    return [d | {"record": None} for d in outcomes]


def connect(address: str):
    """A Dask client for ``tcp://...`` (a running scheduler) or ``local:N`` (a new local cluster)."""
    _require()
    from distributed import Client, LocalCluster

    if address.startswith("local:"):
        try:
            n = int(address.split(":", 1)[1])
        except ValueError:
            n = 0
        if n < 1:
            raise ValueError(f"{address}: give local:N with N worker processes, such as local:2")
        # Workers of a local cluster log, on the way down, that the scheduler went first; say nothing
        # short of a crash.
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.CRITICAL)
        client = Client(cluster)
        client.warta_cluster = cluster  # closed with the client by close()
        return client
    if "://" not in address:
        raise ValueError(f"{address}: give a scheduler address such as tcp://10.0.0.5:8786, or local:N")
    return Client(address)


def close(client) -> None:
    cluster = getattr(client, "warta_cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def extract_on_dask(paths: Iterable[str], client, *, ocr: bool = True, with_text: bool = False,
                    ner: bool = False, out: str | None = None, batch: int = BATCH) -> Iterator[Outcome]:
    """Outcomes in input order, as :func:`extract_records` gives them, computed on ``client``'s cluster.

    With ``out`` the records go into shards there, and the outcomes carry no record (a document
    written to a shard has ``record=None`` and no error)."""
    import dask.bag as db

    files = expand_paths(paths)
    tasks = [(i, files[start:start + batch]) for i, start in enumerate(range(0, len(files), batch))]
    task, extra = (_extract_task, ()) if out is None else (_extract_shard, (out,))
    window = 2 * max(1, len(client.scheduler_info().get("workers", {})))
    pending: deque = deque()
    # One small bag per window of batches, submitted while the previous window is still running: the
    # graph sent each time stays small however many files there are, and so does what is in flight.
    for start in range(0, len(tasks), window):
        bag = db.from_sequence(tasks[start:start + window], partition_size=1).map(task, *extra, ocr, with_text, ner)
        pending.extend(client.compute(bag.to_delayed()))
        while len(pending) > window:
            yield from _outcomes(pending.popleft())
    while pending:
        yield from _outcomes(pending.popleft())


def _outcomes(future) -> Iterator[Outcome]:
    for batch in future.result():
        for data in batch:
            yield _as_outcome(data)
    future.release()


def read_shards(folder: str) -> Iterator[Outcome]:
    """The outcomes stored in a folder of shards (``part-*.jsonl``), in shard order, without any NLP."""
    _require()
    import fsspec

    fs, root = fsspec.core.url_to_fs(folder)
    if not fs.isdir(root):
        raise ValueError(f"{folder}: no such folder of shards; write one with 'warta extract --dask ... --out'")
    shards = sorted(fs.glob(f"{root.rstrip('/')}/{SHARD_GLOB}"))
    if not shards:
        raise ValueError(f"{folder}: holds no {SHARD_GLOB} shards; write them with 'warta extract --dask ... --out'")
    for shard in shards:
        with fs.open(shard, "r", encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                except json.JSONDecodeError:
                    yield Outcome(f"{shard}:{n}", error=f"{shard}:{n}: not a JSON record; write the shard again")
                    continue
                if "error" in data and "id" not in data:
                    yield Outcome(data["source"], error=data["error"], skipped=bool(data.get("skipped")),
                                  warnings=tuple(data.get("warnings") or ()))
                else:
                    yield Outcome(data.get("source", shard), record=data)
