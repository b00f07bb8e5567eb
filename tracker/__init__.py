"""The ``quotes`` command: wires crawler, attribution, db and reports together; holds no domain logic."""

# The one place the version is set (pyproject.toml reads it from here): a constant, because looking it up
# with importlib.metadata costs every command ~30 ms of start-up.
__version__ = "0.1.0"
