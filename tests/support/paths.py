"""Where the test fixtures live, for test files that read them directly.

A module, not a conftest: ``from conftest import`` would find whichever conftest was loaded last.
"""

from __future__ import annotations

from pathlib import Path

FIXTURES_ROOT = Path(__file__).resolve().parent.parent / "fixtures"
ATTRIBUTION_FIXTURES = FIXTURES_ROOT / "attribution"
