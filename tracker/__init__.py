"""The ``quotes`` command: wires crawler, attribution, db and reports together; holds no domain logic."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("quote-tracker")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"
