"""The Simplified Chinese translation: up to date, complete, compiled, and used by the window.

After adding or changing a ``self.tr(...)`` string in workbench/gui, run
``scripts/update_translations.sh``. It merges the new strings into
resources/translations/workbench_zh_CN.ts, keeping existing translations, and rebuilds the .qm.
Translate the new entries, for example with pyside6-linguist, then run the script again.
"""

from __future__ import annotations

import re
import shutil
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

REPO = Path(__file__).resolve().parents[2]
GUI_SOURCES = REPO / "workbench" / "gui"
TS_FILE = REPO / "resources" / "translations" / "workbench_zh_CN.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
UPDATE_HINT = "run scripts/update_translations.sh, translate the new entries and run it again"
REBUILD_HINT = "run scripts/update_translations.sh"

# lupdate keeps strings that left the code as entries of these types. lrelease leaves them out of the .qm.
OBSOLETE_TYPES = {"obsolete", "vanished"}
# Qt's place markers: %1 to %99 for QString.arg, and %v %m %p in QProgressBar formats.
QT_PLACE_MARKER = re.compile(r"%\d+|%[vmp]")
# A menu mnemonic such as "&F" in "&File". Remove "&&", a literal ampersand, before matching.
MNEMONIC = re.compile(r"&\S")


def find_tool(name: str) -> str:
    """Return the path of a PySide6 command-line tool, preferring the running interpreter's environment."""
    path = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if path is None:
        pytest.fail(f"{name} not found next to {sys.executable} or on PATH; install PySide6-Essentials")
    return path


def run_tool(name: str, *args: str) -> None:
    completed = subprocess.run(
        [find_tool(name), *args], cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert completed.returncode == 0, (
        f"{name} failed with exit code {completed.returncode}:\n{completed.stdout}\n{completed.stderr}"
    )


def read_ts(path: Path) -> ET.Element:
    with open(path, encoding="utf-8") as handle:
        return ET.fromstring(handle.read())


def iter_messages(root: ET.Element):
    """Yield ``(context, source, translation element)`` for every message in a .ts tree."""
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message.findtext("source"), message.find("translation")


def live_messages(path: Path) -> set[tuple[str, str]]:
    """Return the ``(context, source)`` pairs of a .ts file that are neither obsolete nor vanished."""
    return {
        (context, source)
        for context, source, translation in iter_messages(read_ts(path))
        if translation.get("type") not in OBSOLETE_TYPES
    }


def translated_texts(translation: ET.Element) -> list[str]:
    """Return the translated text, or each plural form of a ``numerus`` message."""
    forms = translation.findall("numerusform")
    if forms:
        return [form.text or "" for form in forms]
    return [translation.text or ""]


def format_fields(text: str) -> Counter:
    """Count the ``str.format`` replacement fields, with conversion and format spec, plus Qt's % markers.

    Raises ValueError for a malformed format string, such as a lone ``{``.
    """
    fields = Counter(
        f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
        for _, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )
    fields.update(QT_PLACE_MARKER.findall(text))
    return fields


def count_mnemonics(text: str) -> int:
    return len(MNEMONIC.findall(text.replace("&&", "")))


def describe(pairs) -> str:
    return "\n".join(f"  [{context}] {source!r}" for context, source in sorted(pairs))


@pytest.fixture
def code_messages(tmp_path) -> set[tuple[str, str]]:
    """Run lupdate over workbench/gui into a copy of the committed .ts and return its live messages."""
    fresh = tmp_path / TS_FILE.name
    shutil.copyfile(TS_FILE, fresh)
    # Same arguments as scripts/update_translations.sh.
    run_tool("pyside6-lupdate", "-extensions", "py", "-locations", "relative", str(GUI_SOURCES), "-ts", str(fresh))
    return live_messages(fresh)


def test_ts_has_every_gui_string(code_messages):
    missing = code_messages - live_messages(TS_FILE)
    assert not missing, f"strings in workbench/gui missing from {TS_FILE.name}; {UPDATE_HINT}:\n{describe(missing)}"


def test_ts_has_no_removed_strings(code_messages):
    removed = live_messages(TS_FILE) - code_messages
    assert not removed, (
        f"{TS_FILE.name} lists strings that workbench/gui no longer has; {REBUILD_HINT}:\n{describe(removed)}"
    )


def test_ts_targets_simplified_chinese():
    assert read_ts(TS_FILE).get("language") == "zh_CN"


def test_ts_every_message_translated():
    unfinished = []
    empty = []
    for context, source, translation in iter_messages(read_ts(TS_FILE)):
        kind = translation.get("type")
        if kind in OBSOLETE_TYPES:
            continue
        if kind == "unfinished":
            unfinished.append((context, source))
        if not all(text.strip() for text in translated_texts(translation)):
            empty.append((context, source))
    assert not unfinished, f"messages marked unfinished in {TS_FILE.name}:\n{describe(unfinished)}"
    assert not empty, f"messages with an empty translation in {TS_FILE.name}:\n{describe(empty)}"


def test_ts_translations_keep_placeholders():
    mismatched = []
    for context, source, translation in iter_messages(read_ts(TS_FILE)):
        if translation.get("type") in OBSOLETE_TYPES:
            continue
        expected = format_fields(source)
        for text in translated_texts(translation):
            try:
                actual = format_fields(text)
            except ValueError as exc:
                mismatched.append(f"  [{context}] {source!r}: translation {text!r} is not a valid format string ({exc})")
                continue
            if actual != expected:
                mismatched.append(
                    f"  [{context}] {source!r}: translation {text!r} has {sorted(actual.elements())},"
                    f" expected {sorted(expected.elements())}"
                )
    assert not mismatched, "translations whose placeholders differ from the source:\n" + "\n".join(mismatched)


def test_ts_translations_keep_mnemonics():
    """A source with a mnemonic ("&File") needs exactly one in its translation ("文件(&F)")."""
    wrong = []
    for context, source, translation in iter_messages(read_ts(TS_FILE)):
        if translation.get("type") in OBSOLETE_TYPES:
            continue
        expected = count_mnemonics(source)
        for text in translated_texts(translation):
            if count_mnemonics(text) != expected:
                wrong.append(f"  [{context}] {source!r}: translation {text!r}")
    assert not wrong, "translations that add or drop a & mnemonic:\n" + "\n".join(wrong)


def test_qm_matches_ts(tmp_path):
    compiled = tmp_path / QM_FILE.name
    run_tool("pyside6-lrelease", str(TS_FILE), "-qm", str(compiled))
    assert QM_FILE.is_file(), f"{QM_FILE} is missing; {REBUILD_HINT}"
    assert compiled.read_bytes() == QM_FILE.read_bytes(), f"{QM_FILE.name} is older than {TS_FILE.name}; {REBUILD_HINT}"


# The window in Chinese --------------------------------------------------------------------


@pytest.fixture
def chinese_translators(qapp):
    """Install the zh_CN translators before any window is built, and remove them afterwards."""
    from workbench.gui.app import install_translators

    app = QApplication.instance()
    translators = install_translators(app, "zh_CN")
    yield translators
    for translator in translators:
        app.removeTranslator(translator)


def open_window(qtbot):
    from workbench.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def menu_texts(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def tab_texts(window) -> list[str]:
    return [window.tabs.tabText(index) for index in range(window.tabs.count())]


def test_window_shows_chinese_then_english(qtbot, chinese_translators):
    loaded = [Path(translator.filePath()).name for translator in chinese_translators]
    assert QM_FILE.name in loaded, f"install_translators did not load {QM_FILE}; loaded: {loaded}"

    window = open_window(qtbot)
    assert "文件(&F)" in menu_texts(window)
    assert "帮助(&H)" in menu_texts(window)
    file_menu = window.menuBar().actions()[0].menu()
    assert "新建项目(&N)…" in [action.text() for action in file_menu.actions()]
    assert "语料" in tab_texts(window)
    assert "训练" in tab_texts(window)
    assert window.windowTitle() == "LM Workbench — 未打开项目"
    assert window.statusBar().currentMessage() == "请打开或新建一个项目以开始。"

    app = QApplication.instance()
    for translator in chinese_translators:
        assert app.removeTranslator(translator)
    english = open_window(qtbot)
    assert "&File" in menu_texts(english)
    assert "Train" in tab_texts(english)
    assert english.windowTitle() == "LM Workbench — no project"
