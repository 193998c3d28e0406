"""Extraction on a real Dask cluster (two local worker processes) gives the serial run's records,
document for document; shards written by the workers load into SQLite without any NLP."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli import cli
from extract import extract_records, iter_records, open_db, save_record
from extract.read.sources import iter_paths
from extract.store.bulk import Commits

distributed = pytest.importorskip("distributed")
pytest.importorskip("fsspec")

from extract.distribute import connect, close, expand_paths, extract_on_dask, read_shards  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster):
    client = connect(cluster.scheduler_address)  # the tcp:// path, as for a real scheduler
    yield client
    close(client)


@pytest.fixture
def inputs(tmp_path) -> list[str]:
    """The corpus plus two files that fail: one empty, one missing."""
    (tmp_path / "kosong.txt").write_text("")
    return [str(CORPUS), str(tmp_path / "kosong.txt"), str(tmp_path / "tidak-ada.txt")]


def _plain(outcomes) -> list[tuple]:
    return [(o.path, json.dumps(o.record, ensure_ascii=False, sort_keys=True) if o.record else None, o.error,
             o.skipped) for o in outcomes]


def test_records_on_two_workers_equal_the_serial_run(client, inputs):
    serial = list(extract_records(inputs))
    # small batches, so that both workers get several and the order has to be put back
    on_dask = list(extract_on_dask(inputs, client, batch=3))
    assert len(client.scheduler_info()["workers"]) == 2
    assert len(serial) == len(list(iter_paths([str(CORPUS)]))) + 2
    assert _plain(on_dask) == _plain(serial)
    errors = {o.path: o.error for o in on_dask if o.error}
    assert sorted(Path(p).name for p in errors) == ["kosong.txt", "tidak-ada.txt"]
    assert "is empty" in errors[inputs[1]]


def test_shards_hold_the_records_and_the_failures(client, inputs, tmp_path):
    out = tmp_path / "shards"
    written = list(extract_on_dask(inputs, client, with_text=True, out=str(out), batch=4))
    assert all(o.record is None for o in written)
    assert sum(1 for o in written if o.error) == 2
    shards = sorted(p.name for p in out.iterdir())
    assert shards == [f"part-{i:05d}.jsonl" for i in range(len(shards))] and len(shards) > 2
    serial = list(extract_records(inputs, with_text=True))
    assert _plain(read_shards(str(out))) == _plain(serial)


def test_ingest_records_loads_shards_like_a_serial_ingest(runner, client, cluster, inputs, tmp_path):
    out = tmp_path / "shards"
    result = runner.invoke(cli, ["extract", "--dask", cluster.scheduler_address, "--with-text", "--out", str(out),
                                 *inputs])
    assert result.exit_code == 2, result.output  # two inputs failed, the rest were written
    assert "tidak-ada.txt" in result.stderr and "warta ingest --records" in result.stderr
    assert result.stdout == ""

    loaded = runner.invoke(cli, ["ingest", "--records", str(out), "--db", str(tmp_path / "a.db")])
    serial = runner.invoke(cli, ["ingest", *inputs, "--db", str(tmp_path / "b.db")])
    assert loaded.exit_code == serial.exit_code == 2
    assert loaded.stdout.splitlines()[-1] == serial.stdout.splitlines()[-1]
    a, b = open_db(str(tmp_path / "a.db")), open_db(str(tmp_path / "b.db"))
    assert list(iter_records(a)) == list(iter_records(b))
    assert a["errors"].count == b["errors"].count == 2


def test_ingest_on_dask_stores_what_a_serial_ingest_stores(runner, cluster, tmp_path):
    on_dask = runner.invoke(cli, ["ingest", "--dask", cluster.scheduler_address, str(CORPUS),
                                  "--db", str(tmp_path / "a.db")])
    serial = runner.invoke(cli, ["ingest", str(CORPUS), "--db", str(tmp_path / "b.db")])
    assert on_dask.exit_code == serial.exit_code == 0, on_dask.output
    assert list(iter_records(open_db(str(tmp_path / "a.db")))) == list(iter_records(open_db(str(tmp_path / "b.db"))))


def test_urls_are_listed_through_fsspec_like_local_folders(tmp_path):
    shutil.copy(CORPUS / "berita-pasar-murah-bekasi.txt", tmp_path / "a.txt")
    (tmp_path / ".tersembunyi").mkdir()
    (tmp_path / ".tersembunyi" / "b.txt").write_text("x")
    (tmp_path / "c.xyz").write_text("x")
    assert expand_paths([str(tmp_path)]) == [str(tmp_path / "a.txt")]
    assert expand_paths([f"file://{tmp_path}"]) == [f"file://{tmp_path}/a.txt"]
    assert expand_paths([f"memory://{tmp_path}/a.txt"]) == [f"memory://{tmp_path}/a.txt"]


# (arguments, words of the one-line error) -- usage mistakes caught before any cluster starts
BAD = [
    (["extract", "--out", "shards", "corpus"], "add --dask ADDRESS"),
    (["extract", "--dask", "local:2", "-"], "standard input cannot be read on a cluster"),
    (["extract", "--dask", "local:0", "corpus"], "give local:N with N worker processes"),
    (["extract", "--dask", "penjadwal", "corpus"], "give a scheduler address such as tcp://"),
    (["ingest", "--records", "tidak-ada/"], "no such folder of shards"),
    (["ingest", "--records", "shards", "corpus"], "give no PATHS and no --dask"),
]


@pytest.mark.parametrize(("args", "message"), BAD)
def test_bad_distribution_options_get_one_clear_line(runner, tmp_path, args, message):
    args = [str(tmp_path / a) if a == "tidak-ada/" else a for a in args]
    result = runner.invoke(cli, args)
    assert result.exit_code in (1, 2)
    assert message in result.output


def test_a_failed_document_rolls_back_alone_inside_a_group(tmp_path):
    db = open_db(str(tmp_path / "w.db"))
    records = [o.record for o in extract_records([str(CORPUS)], with_text=True)][:3]
    broken = dict(records[1], id="rusak", source="rusak.txt", abbreviations=[{}])  # fails after its document row
    with Commits(db, 10) as commits:
        for record in (records[0], broken, records[2]):
            try:
                save_record(db, record)
            except KeyError:
                failed = record["id"]
            commits.tick()
    assert failed == "rusak"
    ids = [r["id"] for r in db["documents"].rows]
    assert sorted(ids) == sorted([records[0]["id"], records[2]["id"]])
