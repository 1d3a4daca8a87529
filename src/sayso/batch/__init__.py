"""Batch runners: ``local`` (processes on one machine)."""
