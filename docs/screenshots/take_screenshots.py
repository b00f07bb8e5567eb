"""Take the screenshots of docs/reports.md from a real report (normally the demo's).

    .venv/bin/quotes demo --out demo-out
    .venv/bin/python docs/screenshots/take_screenshots.py demo-out/site

Drives Debian's Chromium through Playwright, like the browser tests.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def figure_href(site: Path, name: str) -> str:
    manifest = json.loads((site / "manifest.json").read_text("utf-8"))
    for record in manifest["figures"].values():
        if record["summary"]["name"] == name and record["summary"]["href"]:
            return record["summary"]["href"]
    raise SystemExit(f"{name} has no page in {site}")


def main(site: Path) -> None:
    site = site.resolve()
    shots = [
        ("report-index.png", "index.html", None, None),
        ("report-index-filtered.png", "index.html", ("#filter", "mc"), None),
        ("report-figure.png", figure_href(site, "John McCain"), None, None),
        ("report-search.png", "search.html", ("#q", "tyrant"), "#results li"),
        ("report-outlets.png", "outlets/index.html", None, None),
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 800})
        for name, path, typed, wait_for in shots:
            page.goto((site / path).as_uri())
            if typed:
                page.fill(*typed)
            if wait_for:
                page.wait_for_selector(wait_for)
            page.wait_for_timeout(200)
            page.screenshot(path=str(HERE / name), full_page=False)
            print(HERE / name)
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "demo-out/site"))
