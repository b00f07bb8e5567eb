"""The settings table is the one source of truth: docs/settings.md lists exactly its rows, the environment
is read only in tracker/settings.py, and the crawler receives its settings instead of importing tracker."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.settings import SETTINGS, SettingError, get_settings, scrapy_settings

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
PACKAGES = ("attribution", "crawler", "db", "reports", "tracker")


def _documented() -> dict[str, tuple[str, str]]:
    """variable -> (default, type) of each row of the doc's table."""
    rows = re.findall(r"^\| `(QUOTES_[A-Z_]+)` \| ([^|]+) \| (\w+) \|", DOC, flags=re.M)
    return {env: (default.strip(), kind) for env, default, kind in rows}


def test_every_setting_is_documented_with_its_default_and_type() -> None:
    documented = _documented()
    for setting in SETTINGS:
        assert setting.env in documented, f"{setting.env} is missing from docs/settings.md"
        default = "unset" if setting.default is None else f"`{setting.default}`"
        assert documented[setting.env] == (default, setting.type.__name__), setting.env


def test_everything_documented_is_a_setting() -> None:
    assert set(_documented()) <= {setting.env for setting in SETTINGS}
    assert len(_documented()) == len(SETTINGS)


def test_readme_points_to_the_settings_doc() -> None:
    assert "docs/settings.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_each_variable_once_and_defaults_are_of_their_type() -> None:
    assert len({s.env for s in SETTINGS}) == len({s.name for s in SETTINGS}) == len(SETTINGS)
    for setting in SETTINGS:
        assert setting.default is None or isinstance(setting.default, setting.type), setting.name


def test_values_come_from_the_environment_and_empty_means_unset() -> None:
    settings = get_settings({"QUOTES_DATABASE_URL": "postgresql://h/q", "QUOTES_BATCH_SIZE": "8",
                             "QUOTES_KEEP_HTML": "off", "QUOTES_REDIS_IDLE_GRACE": "2.5", "QUOTES_SOURCES": ""})
    assert settings.database_url == "postgresql://h/q"
    assert settings.batch_size == 8 and settings.keep_html is False and settings.redis_idle_grace == 2.5
    assert settings.sources_file is None
    assert get_settings({}).database_url == "sqlite:///quotes.db"


@pytest.mark.parametrize(("env", "value"), [("QUOTES_BATCH_SIZE", "many"), ("QUOTES_KEEP_HTML", "maybe"),
                                            ("QUOTES_REDIS_IDLE_GRACE", "soon")])
def test_a_bad_value_names_its_variable(env: str, value: str) -> None:
    with pytest.raises(SettingError, match=env):
        get_settings({env: value})


def test_the_cli_reports_a_bad_value_in_one_line(tmp_path: Path) -> None:
    env = {"PATH": "", "QUOTES_LEASE_SECONDS": "long", "QUOTES_DATABASE_URL": f"sqlite:///{tmp_path}/q.db"}
    result = subprocess.run([sys.executable, "-m", "tracker.cli", "status"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr == "error: QUOTES_LEASE_SECONDS must be a whole number, got 'long'\n"


def test_the_crawl_receives_every_crawl_setting_by_its_variable_name() -> None:
    from crawler.run import CrawlOptions, build_settings

    settings = get_settings({"QUOTES_KEEP_HTML": "false", "QUOTES_SOURCES": "/s.toml"})
    crawl = build_settings(CrawlOptions(settings=scrapy_settings(settings)))
    assert crawl.getbool("QUOTES_KEEP_HTML") is False and crawl["QUOTES_SOURCES"] == "/s.toml"
    assert crawl["QUOTES_DATABASE_URL"] == "sqlite:///quotes.db"
    assert {s.env for s in SETTINGS if s.scrapy} == set(scrapy_settings(settings))


def test_scrapy_settings_module_is_the_crawler_module_with_the_table_on_top() -> None:
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("tracker.scrapy_settings")
    assert settings.getbool("ROBOTSTXT_OBEY") is True  # crawler/settings.py underneath
    assert settings.getfloat("QUOTES_REDIS_IDLE_GRACE") == 10.0


def _python_files(*packages: str) -> list[Path]:
    return [path for package in packages for path in sorted((ROOT / package).rglob("*.py"))]


def test_only_tracker_settings_reads_the_environment() -> None:
    readers = [path.relative_to(ROOT).as_posix() for path in _python_files(*PACKAGES)
               if re.search(r"\bos\.environ\b|\bgetenv\(|\bfrom os import .*environ", path.read_text("utf-8"))]
    assert readers == ["tracker/settings.py"]


def test_the_shared_options_are_declared_once() -> None:
    for flag in ("--db", "--processes", "--batch-size", "--lease"):
        declaring = [path.relative_to(ROOT).as_posix() for path in _python_files("tracker")
                     if re.search(rf'Option\(\s*(None,\s*)?"{flag}"', path.read_text("utf-8"))]
        assert declaring == ["tracker/options.py"], flag


def _imported_packages(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(("package", "forbidden"), [
    ("attribution", {"db", "crawler", "reports", "tracker"}),
    ("db", {"crawler", "reports", "tracker"}),
    ("crawler", {"reports", "tracker"}),
    ("reports", {"crawler", "tracker"}),
])
def test_imports_point_one_way(package: str, forbidden: set[str]) -> None:
    for path in _python_files(package):
        assert not _imported_packages(path) & forbidden, path.relative_to(ROOT)
