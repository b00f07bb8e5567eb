"""The learned components' shipped weights (package data, retrained by python -m attribution.train)."""
