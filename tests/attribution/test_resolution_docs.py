"""docs/attribution-resolution.md stays honest: its example runs and prints what the comments say."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

DOC = Path(__file__).parents[2] / "docs" / "attribution-resolution.md"


def test_docs_example_prints_what_it_says():
    text = DOC.read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    promised = [c.strip() for c in re.findall(r"^print\(.*?\)\s+# (.+)$|^# (.+)$", code, re.M) for c in c if c]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(DOC), "exec"), {})  # noqa: S102 - our own documentation
    printed = [line.strip() for line in out.getvalue().splitlines()]
    assert printed == promised
