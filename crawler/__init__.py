"""crawler package."""
