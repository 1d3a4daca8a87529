"""Helpers the web tests share: the test articles, Datasette's in-process client, id look-ups, one
extra speaker alias."""

from __future__ import annotations

import asyncio
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import httpx

from sayso import api
from sayso.corpus.names import key as name_key

DATA = Path(__file__).parent / "data"
ARTICLES = DATA / "articles.jsonl"
# A speaker alias that is an HTML payload (aliases come from article text, so they are untrusted too).
PAYLOAD_ALIAS = '<img src=x onerror="window.__sayso_xss = 5; alert(5)">'


def add_alias_for_tests(db: Path, speaker_name: str, alias: str) -> None:
    """One more alias for the linked speaker called ``speaker_name`` (the safety tests give one an HTML
    payload as a name); fails when the linker made no such speaker."""
    conn = sqlite3.connect(db)
    try:
        with conn:
            cur = conn.execute('INSERT INTO aliases (speaker, alias, language, statements, "key") '
                               "SELECT id, ?, 'en', 1, ? FROM speakers WHERE name = ?",
                               (alias, name_key(alias), speaker_name))
        assert cur.rowcount == 1, f"no linked speaker called {speaker_name!r} in {db}"
    finally:
        conn.close()


class Pages:
    """Datasette's in-process client over one store, with a synchronous ``get`` (one event loop)."""

    def __init__(self, db: Path, allow_sql: bool = False) -> None:
        self.db = db
        self.ds = api.web_app(db, allow_sql=allow_sql)
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(self.ds.invoke_startup())

    def get(self, path: str, follow: bool = False) -> httpx.Response:
        response: httpx.Response = self.loop.run_until_complete(
            self.ds.client.get(path, follow_redirects=follow))
        return response

    def run(self, coro: Any) -> Any:
        return self.loop.run_until_complete(coro)

    def close(self) -> None:
        for db in self.ds.databases.values():
            db.close()
        self.loop.close()


def ids(db: Path, sql: str, *params: Any) -> list[Any]:
    """The first column of a query on the store (to find the id of a known statement or speaker)."""
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute(sql, params)]
    finally:
        conn.close()


def query(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """The rows of a query on the store."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


SAYSO = Path(sys.executable).parent / "sayso"
START_SECONDS = 30


@dataclass
class Server:
    url: str
    port: int
    process: subprocess.Popen[bytes]
    output: IO[bytes]

    def log(self) -> str:
        """What the server wrote to stdout and stderr so far."""
        self.output.seek(0)
        return self.output.read().decode("utf-8", "replace")


@contextmanager
def serving(db: Path, *options: str) -> Iterator[Server]:
    """``sayso serve --db DB`` in a child process (the real command and HTTP server), stopped with
    Ctrl-C (SIGINT) at the end. Its output goes to a file, not a pipe, so it never blocks on it."""
    port = free_port()
    with tempfile.TemporaryFile() as output:
        proc = subprocess.Popen([str(SAYSO), "serve", "--db", str(db), "--port", str(port), *options],
                                stdout=output, stderr=subprocess.STDOUT)
        server = Server(f"http://127.0.0.1:{port}", port, proc, output)
        try:
            _wait_until_up(server)
            yield server
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def _wait_until_up(server: Server) -> None:
    deadline = time.monotonic() + START_SECONDS
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(f"sayso serve ended early: {server.log()}")
        try:
            with urllib.request.urlopen(server.url + "/-/sayso", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
