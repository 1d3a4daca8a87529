"""Quote stages: direct quotations and reported speech."""
