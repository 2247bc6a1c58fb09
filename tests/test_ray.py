"""The Ray engine for real: a local Ray instance, a two-node cluster on this machine (ray.cluster_utils.Cluster,
loopback only), an actor killed mid-run, and the driver of `extract --out` killed with SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

ray = pytest.importorskip("ray", reason="the Ray extra is not installed (pip install 'quotes[ray]'; make test does)")

from quotes import distributed  # noqa: E402
from quotes.db import QuoteDB  # noqa: E402
from quotes.extract import ExtractOptions  # noqa: E402
from quotes.pipeline import ingest  # noqa: E402

BIN = Path(sys.executable).parent
SPEAKERS = ["Mayor Ann Lee", "Senator Bo Park", "Chief Cy Ruiz", "Judge Di Moss"]


def corpus(folder: Path, n: int) -> Path:
    """n short articles, each with a direct quote, a reported one and a pronoun speaker."""
    path = folder / f"corpus{n}.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            who = SPEAKERS[i % len(SPEAKERS)]
            text = (f"{who} spoke on day {i} at the town hall.\n\n“Bridge {i} opens in May, on time and on budget,” "
                    f"{who.split()[-1]} said. {who.split()[-1]} said that the ferry {i} would stop in June.\n\n"
                    f"“We kept every promise we made,” she said.")
            out.write(json.dumps({"id": f"d{i}", "url": f"https://news{i % 3}.test/{i}", "outlet": f"News {i % 3}",
                                  "text": text}) + "\n")
    return path


def stored(path: Path) -> tuple[list, list, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = sorted(con.execute("SELECT speaker, quote, kind, title, outlet FROM quote_sheet").fetchall(), key=str)
        clusters = sorted(con.execute("SELECT norm_text, sources FROM cluster_sources").fetchall(), key=str)
        sources = con.execute("SELECT count(*) - count(DISTINCT content_hash) FROM sources").fetchone()[0]
        return rows, clusters, sources
    finally:
        con.close()


def ingest_with(db: Path, feed: Path, engine=None, on_progress=None, batch_size: int = 4):
    with QuoteDB(db) as database:
        return ingest(database, [str(feed)], ExtractOptions(), batch_size=batch_size, engine=engine,
                      on_progress=on_progress)


def ray_engine(actors: int, run: distributed.RayRun, batch_size: int = 4):
    def engine(batches, report):
        run.on_failure = report
        return distributed.ray_extract_batches(batches, ExtractOptions(), actors, batch_size, run)
    return engine


@pytest.fixture(scope="module")
def feed(tmp_path_factory):
    return corpus(tmp_path_factory.mktemp("ray"), 24)


@pytest.fixture(scope="module")
def local_result(feed, tmp_path_factory, nlp):
    db = tmp_path_factory.mktemp("local") / "local.duckdb"
    ingest_with(db, feed)
    return stored(db)


@pytest.fixture
def local_ray():
    distributed.start(num_cpus=2)
    yield
    ray.shutdown()


def test_a_local_ray_instance_stores_what_the_local_engine_stores(feed, local_result, tmp_path, local_ray):
    run = distributed.RayRun()
    summary = ingest_with(tmp_path / "ray.duckdb", feed, ray_engine(2, run))
    assert summary.new == 24 and summary.failed == 0
    assert stored(tmp_path / "ray.duckdb") == local_result
    assert len(run.processes) == 2  # two actors, each loaded the models once


def test_a_two_node_cluster_uses_both_nodes_and_stores_the_same(feed, local_result, tmp_path):
    from ray.cluster_utils import Cluster

    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1})
    cluster.add_node(num_cpus=1)
    try:
        distributed.start(address=cluster.address)
        assert len([n for n in ray.nodes() if n["Alive"]]) == 2
        run = distributed.RayRun()
        ingest_with(tmp_path / "two.duckdb", feed, ray_engine(2, run))
        assert len(run.nodes) == 2, run.nodes  # batches ran on the head and on the added node
        assert stored(tmp_path / "two.duckdb") == local_result
    finally:
        ray.shutdown()
        cluster.shutdown()


def test_an_actor_killed_mid_run_is_restarted_and_every_document_is_stored_once(tmp_path, local_ray, nlp):
    feed = corpus(tmp_path, 40)
    run = distributed.RayRun()
    killed = []

    def kill_one_actor(docs: int, quotes: int) -> None:
        if quotes and not killed:  # after the first batch is stored: the pool is busy with the rest
            node, pid = sorted(run.processes)[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    summary = ingest_with(tmp_path / "killed.duckdb", feed, ray_engine(2, run, batch_size=2), kill_one_actor,
                          batch_size=2)
    rows, _, doubled = stored(tmp_path / "killed.duckdb")
    assert killed and summary.new == 40 and summary.failed == 0 and doubled == 0
    assert len(run.processes) >= 3  # the killed actor came back as a new process
    ingest_with(tmp_path / "local.duckdb", feed)
    assert rows == stored(tmp_path / "local.duckdb")[0]


def test_extract_out_killed_with_sigkill_resumes_without_duplicates(tmp_path):
    feed = corpus(tmp_path, 48)
    shards = tmp_path / "shards"
    command = [BIN / "quotes", "extract", feed, "--engine", "ray", "--actors", "2", "--batch-size", "2",
               "--out", shards]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    manifest = shards / "manifest.jsonl"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists() and len(manifest.read_text().splitlines()) >= 2:
            break
        time.sleep(0.1)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and the Ray processes it started
    proc.wait()
    first = len(manifest.read_text().splitlines())
    assert 0 < first < 24
    again = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    hashes = duckdb.sql(f"SELECT content_hash FROM read_parquet('{shards}/sources/*.parquet')").fetchall()
    assert len(hashes) == 48 and len(set(hashes)) == 48
    quoted = duckdb.sql(f"SELECT count(DISTINCT content_hash) FROM read_parquet('{shards}/quotes/*.parquet')").fetchone()[0]
    assert quoted == 48
    db = tmp_path / "loaded.duckdb"
    for _ in range(2):  # loading twice changes nothing
        loaded = subprocess.run([BIN / "quotes", "load", shards, "--db", db], capture_output=True, text=True)
        assert loaded.returncode == 0, loaded.stderr
    assert stored(db)[2] == 0 and "0 new, 48 unchanged" in loaded.stdout


def test_without_ray_the_engine_fails_in_one_line(tmp_path):
    shim = tmp_path / "shim"
    (shim / "ray").mkdir(parents=True)
    (shim / "ray" / "__init__.py").write_text("raise ImportError('no ray here')\n")
    env = dict(os.environ, PYTHONPATH=str(shim))
    result = subprocess.run([BIN / "quotes", "ingest", corpus(tmp_path, 1), "--db", tmp_path / "x.duckdb",
                             "--engine", "ray"], capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["error: the Ray engine needs Ray: pip install 'quotes[ray]' "
                                                  "(or pip install 'ray[data]')"]
