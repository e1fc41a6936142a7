"""User settings: defaults, round trip, migration from older files, and bad content that never crashes."""

from __future__ import annotations

import base64
import json
import logging

import pytest

from workbench.core.settings import (
    MAX_RECENT_PROJECTS,
    SCHEMA_VERSION,
    Settings,
    load_settings,
    parse_setting,
    save_settings,
    settings_path,
)


def write_json(path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_path_follows_workbench_home(workbench_home):
    assert settings_path() == workbench_home / "config" / "settings.json"


def test_missing_file_gives_defaults():
    result = load_settings()

    assert result.settings == Settings()
    assert result.problems == []
    assert result.migrated_from is None
    assert result.needs_save


def test_round_trip_keeps_every_field():
    settings = Settings(
        language="zh_CN", annotator="李雷", device="cpu", precision="bfloat16", autosave_seconds=15,
        checkpoint_interval=250, theme="dark", window_geometry=base64.b64encode(b"\x01\x02").decode(),
        window_state="", recent_projects=["/tmp/项目", "/tmp/b"], cjk_font_notice_shown=True,
    )
    path = save_settings(settings)

    result = load_settings()

    assert result.settings == settings
    assert result.problems == []
    assert not result.needs_save
    on_disk = json.loads(path.read_text(encoding="utf-8"))
    assert on_disk["version"] == SCHEMA_VERSION
    assert "李雷" in path.read_text(encoding="utf-8")


def test_save_leaves_no_temporary_files(workbench_home):
    save_settings(Settings(theme="light"))
    save_settings(Settings(theme="dark"))

    names = sorted(p.name for p in (workbench_home / "config").iterdir())

    assert names == ["settings.json"]


def test_version0_qsettings_values_migrate():
    """The QSettings INI of 0.1 held recent projects (a str when only one) and geometry bytes."""
    geometry = b"\x01\xd9\xd0\xcb\x00\x03\x00\x00"
    legacy = {"recent_projects": "/home/me/诗歌", "window/geometry": geometry}

    result = load_settings(legacy=legacy)

    assert result.migrated_from == 0
    assert result.problems == []
    assert result.settings.recent_projects == ["/home/me/诗歌"]
    assert base64.b64decode(result.settings.window_geometry) == geometry
    assert result.settings.language == "system"
    assert result.needs_save


def test_older_file_with_bad_values_migrates(workbench_home, caplog):
    """A version-0 file with junk: each bad value reported and defaulted, the good ones kept."""
    path = workbench_home / "config" / "settings.json"
    write_json(path, {
        "version": 0,
        "recent_projects": ["/a", 7, "/a", "", "/b"],
        "window/geometry": "not base64!",
        "theme": "purple",
        "autosave_seconds": "often",
        "checkpoint_interval": 0,
        "annotator": "  Ada  ",
        "colour": "blue",
    })

    with caplog.at_level(logging.WARNING, logger="workbench.core.settings"):
        result = load_settings()

    assert result.migrated_from == 0
    settings = result.settings
    assert settings.recent_projects == ["/a", "/b"]
    assert settings.window_geometry == ""
    assert settings.theme == "system"
    assert settings.autosave_seconds == Settings().autosave_seconds
    assert settings.checkpoint_interval == Settings().checkpoint_interval
    assert settings.annotator == "Ada"
    text = "\n".join(result.problems)
    for phrase in ("recent_projects", "window_geometry", "'purple'", "autosave_seconds", "from 1 to",
                   "Unknown setting 'colour'"):
        assert phrase in text
    assert len(caplog.records) == len(result.problems)

    save_settings(settings)
    again = load_settings()
    assert again.problems == []
    assert again.settings == settings


@pytest.mark.parametrize(
    ("field", "value", "phrase"),
    [
        ("language", "fr", "expected one of system, en, zh_CN"),
        ("language", 3, "expected text"),
        ("device", "tpu", "expected one of auto, cpu, cuda, mps"),
        ("precision", "int4", "expected one of"),
        ("autosave_seconds", 1, "from 5 to 3600"),
        ("autosave_seconds", True, "whole number"),
        ("autosave_seconds", 12.5, "whole number"),
        ("annotator", "a\nb", "control characters"),
        ("annotator", "x" * 101, "longer than 100"),
        ("recent_projects", "/one/path", "list of paths"),
        ("cjk_font_notice_shown", "yes", "true or false"),
        ("window_state", "%%%", "base64"),
    ],
)
def test_invalid_value_defaulted(workbench_home, field, value, phrase):
    write_json(workbench_home / "config" / "settings.json", {"version": SCHEMA_VERSION, field: value})

    result = load_settings()

    assert getattr(result.settings, field) == getattr(Settings(), field)
    assert len(result.problems) == 1
    assert phrase in result.problems[0]
    assert field in result.problems[0]


def test_whole_float_accepted(workbench_home):
    write_json(workbench_home / "config" / "settings.json", {"version": 1, "autosave_seconds": 30.0})

    result = load_settings()

    assert result.settings.autosave_seconds == 30
    assert result.problems == []


def test_too_many_recent_projects_trimmed(workbench_home):
    paths = [f"/p{i}" for i in range(MAX_RECENT_PROJECTS + 5)]
    write_json(workbench_home / "config" / "settings.json", {"version": 1, "recent_projects": paths})

    result = load_settings()

    assert result.settings.recent_projects == paths[:MAX_RECENT_PROJECTS]
    assert "kept the first 10" in result.problems[0]


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (b"{not json", "cannot be read"),
        (b"\xff\xfe\x00garbage", "cannot be read"),
        (b"[1, 2, 3]", "JSON list, not an object"),
        (b"", "cannot be read"),
    ],
)
def test_unreadable_file_backed_up(workbench_home, content, phrase):
    path = workbench_home / "config" / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(content)

    result = load_settings()

    assert result.settings == Settings()
    assert phrase in result.problems[0]
    assert result.backup is not None
    assert result.backup.read_bytes() == content
    assert str(result.backup) in result.problems[0]


def test_newer_version_read_and_backed_up(workbench_home):
    path = workbench_home / "config" / "settings.json"
    write_json(path, {"version": SCHEMA_VERSION + 1, "theme": "dark", "hologram": True})

    result = load_settings()

    assert result.settings.theme == "dark"
    assert any("newer LM Workbench" in problem for problem in result.problems)
    assert any("'hologram'" in problem for problem in result.problems)
    assert json.loads(result.backup.read_text(encoding="utf-8"))["hologram"] is True


@pytest.mark.parametrize("version", ["1", -3, None, 1.5])
def test_invalid_version_read_as_current(workbench_home, version):
    write_json(workbench_home / "config" / "settings.json", {"version": version, "theme": "light"})

    result = load_settings()

    assert result.settings.theme == "light"
    assert "version" in result.problems[0]


def test_failing_migration_gives_defaults(monkeypatch):
    from workbench.core import settings as module

    def broken(_old):
        raise KeyError("boom")

    monkeypatch.setitem(module.MIGRATIONS, 1, broken)

    result = load_settings(legacy={"recent_projects": ["/a"]})

    assert result.settings == Settings()
    assert "cannot be migrated" in result.problems[0]


def test_add_recent_project_moves_to_front():
    settings = Settings(recent_projects=[f"/p{i}" for i in range(MAX_RECENT_PROJECTS)])

    settings.add_recent_project("/p5")
    settings.add_recent_project("/new")

    assert settings.recent_projects[:2] == ["/new", "/p5"]
    assert len(settings.recent_projects) == MAX_RECENT_PROJECTS
    assert settings.recent_projects.count("/p5") == 1


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [("theme", "dark", "dark"), ("autosave_seconds", "30", 30), ("cjk_font_notice_shown", "yes", True)],
)
def test_parse_setting_converts(name, text, expected):
    assert parse_setting(name, text) == expected


@pytest.mark.parametrize(
    ("name", "text", "phrase"),
    [("theme", "neon", "expected one of"), ("autosave_seconds", "soon", "whole number"), ("nope", "1", "Unknown")],
)
def test_parse_setting_rejects(name, text, phrase):
    with pytest.raises(ValueError, match=phrase):
        parse_setting(name, text)


# Command line ----------------------------------------------------------------------------------


@pytest.fixture
def run_cli():
    """Run ``workbench.cli.main`` in-process and undo its logging setup afterwards."""
    from workbench.cli import main

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield main
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)
    if hasattr(root, "_workbench_configured"):
        del root._workbench_configured


def test_cli_shows_without_writing(run_cli, capsys):
    assert run_cli(["settings"]) == 0

    output = capsys.readouterr().out
    assert f"Settings file: {settings_path()}" in output
    assert "theme = 'system'" in output
    assert not settings_path().exists()


def test_cli_sets_values(run_cli, capsys):
    assert run_cli(["settings", "--set", "language=zh_CN", "--set", "autosave_seconds=30", "--json"]) == 0

    printed = json.loads(capsys.readouterr().out)
    saved = load_settings().settings
    assert printed["language"] == "zh_CN"
    assert saved.language == "zh_CN"
    assert saved.autosave_seconds == 30


@pytest.mark.parametrize(
    ("argument", "phrase"),
    [("theme=neon", "expected one of system, light, dark"), ("theme", "KEY=VALUE"), ("colour=red", "Unknown setting")],
)
def test_cli_rejects_bad_value(run_cli, capsys, argument, phrase):
    assert run_cli(["settings", "--set", argument]) == 2

    assert phrase in capsys.readouterr().err
    assert not settings_path().exists()


def test_cli_reset_keeps_recent_projects(run_cli):
    save_settings(Settings(theme="dark", recent_projects=["/p"]))

    assert run_cli(["settings", "--reset"]) == 0

    saved = load_settings().settings
    assert saved.theme == "system"
    assert saved.recent_projects == ["/p"]
