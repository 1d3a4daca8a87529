"""Speaker stages: attribution (and, later, coreference)."""
