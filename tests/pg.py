"""A throwaway PostgreSQL server for tests: `NEWSPRISM_TEST_PG` if set, else a temp cluster.

The temp cluster is made with Debian's `initdb`/`pg_ctl` (run as the `postgres` user when the
tests run as root, since PostgreSQL refuses root), listens on a Unix socket only, and is removed
at the end of the session. Each test gets a fresh database. Without PostgreSQL binaries, the
tests that need it skip and say why.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if found:
        return Path(found[0]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_user() -> tuple[list[str], int | None, int | None]:
    """Command prefix, uid and gid to run the server as (not root)."""
    if os.geteuid() != 0:
        return [], None, None
    try:
        pw = pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("running as root and there is no `postgres` user to run a test PostgreSQL server")
    runuser = shutil.which("runuser")
    if runuser is None:
        pytest.skip("running as root without `runuser` to start PostgreSQL as the postgres user")
    return [runuser, "-u", "postgres", "--"], pw.pw_uid, pw.pw_gid


def _run(prefix: list[str], args: list[str]) -> None:
    proc = subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:1])} failed: {proc.stderr.strip() or proc.stdout.strip()}")


class TempCluster:
    """initdb + pg_ctl start in a temp folder; `url(db)` gives a connection URL."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.dir = tempfile.mkdtemp(prefix="newsprism-pg-")
        self.data = os.path.join(self.dir, "data")
        self.port = _free_port()
        self.prefix, uid, gid = _as_user()
        if uid is not None and gid is not None:
            os.chown(self.dir, uid, gid)
        os.chmod(self.dir, 0o755)

    def start(self) -> None:
        _run(self.prefix, [str(self.bindir / "initdb"), "-D", self.data, "-A", "trust", "-U",
                           "newsprism", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        opts = f"-k {self.dir} -p {self.port} -c listen_addresses='' -c fsync=off"
        _run(self.prefix, [str(self.bindir / "pg_ctl"), "-D", self.data, "-o", opts, "-l",
                           os.path.join(self.dir, "log"), "-w", "start"])

    def url(self, db: str = "postgres") -> str:
        return f"postgresql://newsprism@/{db}?host={self.dir}&port={self.port}"

    def stop(self) -> None:
        try:
            _run(self.prefix, [str(self.bindir / "pg_ctl"), "-D", self.data, "-m", "immediate", "stop"])
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def _admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a PostgreSQL server's maintenance database, for the whole session."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'newsprism[postgres]')")
    env = os.environ.get("NEWSPRISM_TEST_PG")
    if env:
        yield env
        return
    bindir = _bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL binaries (initdb): `make system-deps` installs Debian's postgresql")
    cluster = TempCluster(bindir)
    try:
        cluster.start()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        cluster.stop()
        pytest.skip(f"could not start a test PostgreSQL server: {exc}")
    try:
        yield cluster.url()
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database on the test server; dropped afterwards."""
    name = f"np_{uuid.uuid4().hex[:12]}"
    _admin(pg_server, f'CREATE DATABASE "{name}"')
    try:
        yield _with_db(pg_server, name)
    finally:
        _admin(pg_server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _with_db(url: str, db: str) -> str:
    """`url` pointing at database `db` (URLs of the form postgresql://user@host/db?params)."""
    head, _, rest = url.partition("://")
    authority, _, path = rest.partition("/")
    _, sep, query = path.partition("?")
    return f"{head}://{authority}/{db}" + (f"?{query}" if sep else "")


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
"""Fixture params for tests that must pass on both stores."""


@contextmanager
def open_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A fresh store of the backend named by the fixture's param (`sqlite` or `postgresql`)."""
    from newsprism.store import open_store

    if request.param == "sqlite":
        store = open_store(str(tmp_path / "test.db"))
    else:
        store = open_store(request.getfixturevalue("pg_url"))
    try:
        yield store
    finally:
        store.close()
