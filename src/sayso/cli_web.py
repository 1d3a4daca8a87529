"""``sayso`` commands for the web layer; they register on ``cli.main`` when ``cli`` is imported."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from . import api
from .cli import main
from .errors import SaysoError


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@main.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path("sayso.db"),
              show_default=True, help="The statement store to show (opened read-only).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; only this machine can connect unless you give another.")
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True,
              help="Port to listen on.")
@click.option("--allow-sql", is_flag=True,
              help="Let visitors run arbitrary read-only SQL (?sql=, ?_where=); off by default.")
def serve(db: Path, host: str, port: int, allow_sql: bool) -> None:
    """Browse a statement store in a web browser: statements highlighted in their articles, speaker
    timelines, quote clusters, and Datasette's tables with facets.

    The store is opened read-only and article text is always shown as text. Needs the web extra:
    pip install 'sayso[web]'. Ctrl-C stops the server.
    """

    def started(url: str) -> None:
        if not _loopback(host):
            click.echo(f"sayso: listening on {host}: other machines can read this store", err=True)
        click.echo(f"sayso: serving {db} read-only at {url}"
                   + (" (arbitrary SQL allowed)" if allow_sql else "") + " — Ctrl-C stops", err=True)

    try:
        api.serve(db, host=host, port=port, allow_sql=allow_sql, on_start=started)
    except SaysoError as e:
        raise click.ClickException(str(e)) from e
