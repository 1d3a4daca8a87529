"""Text stages: normalise, segment, language."""
