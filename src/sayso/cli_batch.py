"""``sayso`` commands for the batch layer; they register on ``cli.main`` when ``cli`` is imported."""

from __future__ import annotations
