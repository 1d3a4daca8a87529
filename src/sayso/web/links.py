"""The addresses of sayso's pages, in one place (templates call these; the routes match them)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

PREFIX = "/-/sayso"


class Links:
    """Paths to the pages of one store; ``urls`` is Datasette's URL builder (it adds ``base_url``)."""

    def __init__(self, urls: Any, database: str) -> None:
        self.urls = urls
        self.database = database

    def _path(self, path: str, **args: Any) -> str:
        query = urlencode({k: v for k, v in args.items() if v is not None})
        return str(self.urls.path(PREFIX + path)) + (f"?{query}" if query else "")

    def home(self, q: str | None = None) -> str:
        return self._path("", q=q)

    def css(self) -> str:
        return self._path("/sayso.css")

    def statement(self, statement_id: int) -> str:
        return self._path(f"/statement/{int(statement_id)}")

    def article(self, article_id: int, statement: int | None = None) -> str:
        path = self._path(f"/article/{int(article_id)}", statement=statement)
        return path + (f"#s-{int(statement)}" if statement is not None else "")

    def speaker(self, ref: int | None, name: str | None = None) -> str | None:
        """The linked speaker's page, else the page of the name; ``None`` for a statement without one."""
        if ref is not None:
            return self._path(f"/speaker/{int(ref)}")
        if name:
            return self._path("/speaker", name=name)
        return None

    def speaker_page(self, speaker: dict[str, Any], offset: int) -> str:
        if speaker.get("id") is not None:
            return self._path(f"/speaker/{int(speaker['id'])}", offset=offset or None)
        return self._path("/speaker", name=speaker["name"], offset=offset or None)

    def cluster(self, cluster_id: int) -> str:
        return self._path(f"/cluster/{int(cluster_id)}")

    def table(self, table: str, **args: Any) -> str:
        query = urlencode({k: v for k, v in args.items() if v is not None})
        return str(self.urls.table(self.database, table)) + (f"?{query}" if query else "")

    def database_page(self) -> str:
        return str(self.urls.database(self.database))
