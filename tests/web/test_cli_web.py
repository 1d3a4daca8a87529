"""``sayso serve``: clear errors before anything listens, and the real server in a child process."""

from __future__ import annotations

import socket
import sqlite3
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from web_fixtures import serving

from sayso.cli import main


def _not_sqlite(tmp: Path) -> Path:
    path = tmp / "notes.db"
    path.write_text("not a database at all " * 100, encoding="utf-8")
    return path


def _other_sqlite(tmp: Path) -> Path:
    path = tmp / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    return path


@pytest.mark.parametrize(("make", "message"), [
    (lambda tmp: tmp / "missing.db", "no store at"),
    (_not_sqlite, "cannot read"),
    (_other_sqlite, "is not a sayso statement store"),
])
def test_cli_serve_refuses_what_is_not_a_store(tmp_path: Path, make: object, message: str) -> None:
    db = make(tmp_path)  # type: ignore[operator]
    result = CliRunner().invoke(main, ["serve", "--db", str(db), "--port", "1"])
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert message in said
    assert "sayso ingest" in said


def test_cli_serve_says_when_the_port_is_taken(empty_store: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--db", str(empty_store), "--port", str(port)])
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
    assert "--port" in result.output


@pytest.mark.parametrize("default", ["--host TEXT", "[default: 127.0.0.1]", "[default: 8001;",
                                     "--allow-sql"])
def test_cli_serve_help_gives_safe_defaults(default: str) -> None:
    assert default in " ".join(CliRunner().invoke(main, ["serve", "--help"]).output.split())


def _listening_addresses(port: int) -> set[str]:
    """Local addresses of the IPv4 sockets listening on ``port`` (Linux /proc/net/tcp)."""
    table = Path("/proc/net/tcp")
    if not table.exists():
        pytest.skip("/proc/net/tcp is not available on this system")
    found = set()
    for line in table.read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
            found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


@pytest.mark.parametrize(("options", "sql_status"), [((), 403), (("--allow-sql",), 200)])
def test_cli_serve_runs_a_real_server(linked_store: Path, options: tuple[str, ...], sql_status: int) -> None:
    with serving(linked_store, *options) as server:
        with urllib.request.urlopen(server.url + "/") as r:
            assert "Latest statements" in r.read().decode("utf-8")
        try:
            with urllib.request.urlopen(server.url + "/linked?sql=select+1") as r:
                status = r.status
        except urllib.error.HTTPError as e:
            status = e.code
        assert status == sql_status
        assert _listening_addresses(server.port) == {"127.0.0.1"}
        assert f"read-only at http://127.0.0.1:{server.port}/" in server.log()
    assert server.process.returncode == 0  # Ctrl-C stops it cleanly
