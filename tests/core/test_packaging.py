"""The packaging files: a valid desktop entry, icons at every size, and a spec that parses."""

from __future__ import annotations

import configparser
import struct
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
ICONS = REPO / "resources" / "icons"


def test_desktop_entry_fields():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive, e.g. Name[zh_CN]
    parser.read(PACKAGING / "workbench.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]

    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "workbench"
    assert entry["Icon"] == "workbench"
    assert entry["Name[zh_CN]"] == "语言模型工作台"
    assert entry["Terminal"] == "false"


@pytest.mark.parametrize("size", [16, 32, 48, 64, 128, 256, 512])
def test_icon_png_has_size(size):
    data = (ICONS / f"workbench-{size}.png").read_bytes()

    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (size, size)


def test_icon_svg_is_source():
    text = (ICONS / "workbench.svg").read_text(encoding="utf-8")

    assert "<svg" in text
    assert 'viewBox="0 0 256 256"' in text


def test_spec_parses_and_names_existing_data():
    source = (PACKAGING / "workbench.spec").read_text(encoding="utf-8")
    compile(source, "workbench.spec", "exec")

    for relative in ("resources/translations/workbench_zh_CN.qm", "resources/docs", "resources/icons",
                     "projects/example", "packaging/workbench_entry.py"):
        assert (REPO / relative).exists(), relative
    assert '"transformers"' in source  # a test-only dependency stays out of the bundle
