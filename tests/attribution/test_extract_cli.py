"""``quotes extract``: one file (.txt / .html) and the JSON Lines batch contract."""

from __future__ import annotations

import json
import pickle

import pytest
from support.paths import ATTRIBUTION_FIXTURES as FIXTURES
from typer.testing import CliRunner

from tracker.cli import app

runner = CliRunner()


@pytest.fixture(scope="module", autouse=True)
def _share_the_session_pipeline(extractor):
    """The command builds an Extractor per run; reuse the session's so the model loads once."""
    import tracker.commands.extract as command

    original = command._extractor
    command._extractor = lambda: extractor
    yield
    command._extractor = original


def test_batch_contract_with_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": '"I am here," she said.', "published": "2020-01-02"}),
        "not json at all",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": "He said that the economy is doing very well.", "published": None}),
        json.dumps({"id": "d", "text": "x", "published": "yesterday"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "e", "text": "Nothing quoted."}),
    ]
    inp, out = tmp_path / "docs.jsonl", tmp_path / "preds.jsonl"
    inp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--input", str(inp), "--output", str(out)])
    assert result.exit_code == 2
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(lines)
    assert [r.get("id") for r in rows] == ["a", None, None, "c", None, None, "e"]
    assert [r.get("line") for r in rows if "error" in r] == [2, 3, 5, 6]
    assert "no text" in rows[2]["error"]
    assert rows[0]["quotes"][0]["text"] == "I am here," and rows[0]["quotes"][0]["cue"] == "said"
    assert rows[3]["quotes"][0]["type"] == "indirect"
    assert rows[6]["quotes"] == []
    assert "4 bad lines" in result.stderr


def test_batch_without_errors_exits_zero(tmp_path):
    inp, out = tmp_path / "docs.jsonl", tmp_path / "preds.jsonl"
    inp.write_text(json.dumps({"id": 7, "text": '"Yes," he said.'}) + "\n\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--input", str(inp), "--output", str(out)])
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert row["id"] == "7" and row["quotes"][0]["speaker_mention"] == "he"


def test_single_text_file_prints_the_document_then_quotes(tmp_path):
    seed = FIXTURES / "helsinki-2025-08-07.txt"
    result = runner.invoke(app, ["extract", str(seed), "--published", "2025-08-07"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    document, quotes = rows[0]["document"], rows[1:]
    assert document["published"] == "2025-08-07"
    assert document["text"] == seed.read_text(encoding="utf-8")
    mccain = [q for q in quotes if q["speaker_mention"] == "McCain"]
    assert mccain and document["text"][mccain[0]["start"]:mccain[0]["end"]] == mccain[0]["text"]


def test_html_file_is_reduced_to_its_main_text(tmp_path):
    body = " ".join(["The senator spoke to reporters outside the chamber on a grey morning."] * 6)
    html = f"""<html><head><title>Senate</title></head><body><nav>Home | News</nav><article>
    <h1>Vote delayed</h1><p>{body}</p>
    <p>“We will not vote on this bill until the budget office has scored it,” Senator Jane Doe said.</p>
    <p>{body}</p></article><footer>Copyright</footer></body></html>"""
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(page), "--published", "2024-01-02"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    text = rows[0]["document"]["text"]
    assert "Copyright" not in text
    quote = next(q for q in rows[1:] if q["type"] == "direct")
    assert text[quote["start"]:quote["end"]] == quote["text"]
    assert quote["text"].startswith("We will not vote")


def test_file_and_input_are_exclusive(tmp_path):
    result = runner.invoke(app, ["extract"])
    assert result.exit_code != 0
    result = runner.invoke(app, ["extract", str(tmp_path / "missing.txt")])
    assert result.exit_code != 0 and "no such file" in result.output


def test_bad_published_option(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Nothing.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--published", "soon"])
    assert result.exit_code != 0


@pytest.mark.slow
def test_batch_with_processes_gives_the_same_lines(tmp_path):
    lines = [json.dumps({"id": str(i), "text": f'"Point number {i}," the mayor said. "And more."'}) for i in range(5)]
    lines.insert(2, "{broken")
    inp = tmp_path / "docs.jsonl"
    inp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outputs = []
    for processes in ("1", "2"):
        out = tmp_path / f"preds-{processes}.jsonl"
        result = runner.invoke(app, ["extract", "--input", str(inp), "--output", str(out), "--processes", processes,
                                     "--batch-size", "2"])
        assert result.exit_code == 2
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    rows = [json.loads(line) for line in outputs[0].splitlines()]
    assert [r.get("id") for r in rows] == ["0", "1", None, "2", "3", "4"]
    assert rows[2]["line"] == 3 and "not JSON" in rows[2]["error"]
    assert all(len(r["quotes"]) == 2 for r in rows if "id" in r)


def test_a_lone_surrogate_is_replaced_and_the_whole_batch_written(tmp_path):
    inp, out = tmp_path / "docs.jsonl", tmp_path / "preds.jsonl"
    inp.write_text('{"id": "bad", "text": "\\"Hi,\\" she said. \\ud800 end"}\n'
                   + json.dumps({"id": "good", "text": '"Yes," he said.'}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--input", str(inp), "--output", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["bad", "good"]
    assert rows[0]["quotes"][0]["text"] == "Hi," and rows[1]["quotes"][0]["text"] == "Yes,"


def test_binary_input_is_refused_with_one_line(tmp_path):
    binary = tmp_path / "tool"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8 + b'"Fake," said Jane Doe.')
    result = runner.invoke(app, ["extract", str(binary)])
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert "binary" in line and str(binary) in line


def test_missing_input_file_is_one_line(tmp_path):
    out = tmp_path / "preds.jsonl"
    result = runner.invoke(app, ["extract", "--input", str(tmp_path / "nope.jsonl"), "--output", str(out)])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert "no such file" in line and "nope.jsonl" in line
    assert not out.exists()


def test_a_document_the_pipeline_fails_on_costs_only_its_own_line(tmp_path, extractor, monkeypatch):
    import tracker.commands.extract as command

    class Failing:
        """The session's Extractor, except on one text (as an unforeseen pipeline error would)."""

        def extract(self, text, published=None):
            if "BOOM" in text:
                raise RuntimeError("cannot process this one")
            return extractor.extract(text, published)

        def extract_many(self, docs, batch_size=16):
            for text, published in docs:
                yield self.extract(text, published)

    monkeypatch.setattr(command, "_extractor", Failing)
    inp, out = tmp_path / "docs.jsonl", tmp_path / "preds.jsonl"
    texts = ['"One," she said.', "BOOM", '"Three," he said.', "not json", '"Five," they said.']
    inp.write_text("\n".join(t if t == "not json" else json.dumps({"id": str(i), "text": t})
                             for i, t in enumerate(texts, start=1)) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--input", str(inp), "--output", str(out), "--batch-size", "2"])
    assert result.exit_code == 2
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r.get("id") for r in rows] == ["1", None, "3", None, "5"]
    assert rows[1] == {"line": 2, "error": "extraction failed: RuntimeError: cannot process this one"}
    assert rows[3]["line"] == 4 and all(r["quotes"] for r in rows if "id" in r)
    assert all("line" not in r for r in rows if "id" in r)


class _FailsOnBoom:
    """Stands in for a worker's Extractor: fine on every text but those holding BOOM."""

    def extract(self, text, published=None):
        if "BOOM" in text:
            error = RuntimeError("cannot process this one")
            error.callback = lambda: None  # an attribute pickle cannot carry across the worker's pipe
            raise error
        return [text.upper()]

    def extract_many(self, docs, batch_size=16):
        return [self.extract(text, published) for text, published in docs]


def test_a_worker_process_costs_a_failing_document_only_itself(monkeypatch):
    from attribution import parallel

    monkeypatch.setattr(parallel, "_worker", _FailsOnBoom())
    results = parallel._run_chunk([("one", None), ("BOOM", None), ("three", None)])
    assert results[0] == ["ONE"] and results[2] == ["THREE"]
    assert isinstance(results[1], RuntimeError) and "cannot process this one" in str(results[1])
    pickle.loads(pickle.dumps(results))  # the whole chunk's result still crosses the pipe
