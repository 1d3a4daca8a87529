"""``sayso`` commands for the corpus layer; they register on ``cli.main`` when ``cli`` is imported."""

from __future__ import annotations
