"""``python -m sayso``: the same command as ``sayso`` (with every command group registered)."""

from .cli import main

main(prog_name="sayso")
