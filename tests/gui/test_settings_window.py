"""Settings in the window: the dialog, language switch, migration of the old INI file, layout and recent projects."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from workbench.core.settings import SCHEMA_VERSION, Settings, load_settings, save_settings, settings_path


@pytest.fixture
def restore_look(qapp):
    """Put the theme and translators back after a test changes them."""
    from workbench.gui import app as app_module
    from workbench.gui.theme import apply_theme

    yield
    apply_theme(qapp, "system")
    for translator in app_module._translators:
        qapp.removeTranslator(translator)
    app_module._translators.clear()


def open_window(qtbot, settings=None):
    from workbench.gui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    return window


def settings_dialog(window):
    window.show_settings()
    return window._settings_dialog


def menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_dialog_saves_settings(window, restore_look):
    from workbench.gui.theme import is_dark

    dialog = settings_dialog(window)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.device.setCurrentIndex(dialog.device.findData("cpu"))
    dialog.precision.setCurrentIndex(dialog.precision.findData("bfloat16"))
    dialog.annotator.setText("  张三 ")
    dialog.autosave.setValue(30)
    dialog.checkpoint.setValue(1200)
    dialog.buttons.button(QDialogButtonBox.Ok).click()

    saved = load_settings().settings
    assert saved.theme == "dark"
    assert saved.device == "cpu"
    assert saved.precision == "bfloat16"
    assert saved.annotator == "张三"
    assert saved.autosave_seconds == 30
    assert saved.checkpoint_interval == 1200
    assert window.user_settings == saved
    assert window.autosave_timer.interval() == 30_000
    assert is_dark(QApplication.instance())


def test_dialog_cancel_keeps_settings(window):
    dialog = settings_dialog(window)
    dialog.annotator.setText("nobody")
    dialog.buttons.button(QDialogButtonBox.Cancel).click()

    assert window.user_settings.annotator == ""
    assert load_settings().settings.annotator == ""


def test_dialog_restore_defaults(qtbot, restore_look):
    window = open_window(qtbot, Settings(theme="light", autosave_seconds=900, device="cuda"))
    dialog = settings_dialog(window)
    assert dialog.autosave.value() == 900

    dialog.buttons.button(QDialogButtonBox.RestoreDefaults).click()
    dialog.buttons.button(QDialogButtonBox.Apply).click()

    assert window.user_settings.autosave_seconds == Settings().autosave_seconds
    assert window.user_settings.device == "auto"
    assert window.user_settings.theme == "system"
    dialog.reject()


def test_switch_to_chinese_translates_menus(window, qtbot, restore_look):
    from workbench.gui.app import apply_language, current_language

    assert "&File" in menu_titles(window)
    dialog = settings_dialog(window)
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    assert dialog.language_note.isVisibleTo(dialog)
    dialog.buttons.button(QDialogButtonBox.Ok).click()

    box = window.restart_box
    assert box.isVisible()
    box.button(QMessageBox.No).click()
    assert window.isVisible()
    assert load_settings().settings.language == "zh_CN"

    # What the next start does: translators from the saved setting, then the window.
    choice = apply_language(QApplication.instance(), load_settings().settings.language)
    restarted = open_window(qtbot)

    assert choice.language == "zh_CN"
    assert current_language() == "zh_CN"
    titles = menu_titles(restarted)
    for title in ("文件(&F)", "视图(&V)", "帮助(&H)"):
        assert title in titles
    file_menu = restarted.menuBar().actions()[0].menu()
    assert "设置(&S)…" in [action.text() for action in file_menu.actions()]


def test_language_system_follows_locale(qapp, restore_look):
    from PySide6.QtCore import QLocale

    from workbench.gui.app import apply_language

    choice = apply_language(qapp, "system")

    assert choice.language == QLocale.system().name()


def test_chinese_without_font_falls_back(qapp, restore_look):
    from workbench.gui.app import apply_language, current_language

    choice = apply_language(qapp, "zh_CN", cjk_font=False)

    assert choice.language == "en"
    assert choice.fell_back
    assert current_language() == "en"


def test_font_notice_shown_once(window, qtbot):
    first = window.notify_fonts(cjk_font=False, fell_back=True)

    assert first is not None
    assert "Chinese" in first.text()
    assert "English" in first.text()
    assert load_settings().settings.cjk_font_notice_shown
    first.accept()
    assert window.notify_fonts(cjk_font=False, fell_back=True) is None
    assert open_window(qtbot).notify_fonts(cjk_font=False, fell_back=False) is None
    assert window.notify_fonts(cjk_font=True, fell_back=False) is None


def test_old_ini_settings_migrate(qtbot, tmp_path):
    """LM Workbench 0.1 kept recent projects and the geometry in workbench.ini."""
    from workbench.gui.main_window import app_settings

    first = open_window(qtbot)
    # The offscreen screen is 800 px wide, so the size must fit between the minimum and 800.
    width = first.minimumSizeHint().width() + 8
    first.resize(width, 700)
    geometry = first.saveGeometry()
    first.hide()
    ini = app_settings()
    ini.setValue("recent_projects", [str(tmp_path / "诗歌"), str(tmp_path / "b")])
    ini.setValue("window/geometry", geometry)
    ini.sync()
    settings_path().unlink(missing_ok=True)

    window = open_window(qtbot)

    assert window.recent_projects() == [str(tmp_path / "诗歌"), str(tmp_path / "b")]
    assert window.size().width() == width
    on_disk = json.loads(settings_path().read_text(encoding="utf-8"))
    assert on_disk["version"] == SCHEMA_VERSION
    assert base64.b64decode(on_disk["window_geometry"]) == bytes(geometry.data())


def test_invalid_settings_reported(qtbot, caplog):
    settings_path().write_text(json.dumps({"version": 1, "theme": "neon", "autosave_seconds": -4}), encoding="utf-8")

    window = open_window(qtbot)

    assert "settings were invalid" in window.statusBar().currentMessage()
    assert window.user_settings.theme == "system"
    assert "'neon'" in caplog.text
    repaired = json.loads(settings_path().read_text(encoding="utf-8"))
    assert repaired["theme"] == "system"
    assert repaired["autosave_seconds"] == Settings().autosave_seconds


def test_layout_restored(qtbot):
    window = open_window(qtbot)
    window.log_pane.show()
    width = window.minimumSizeHint().width() + 6
    window.resize(width, 720)
    size = window.size()
    window.close()

    again = open_window(qtbot)

    assert size.width() == width
    assert again.size() == size
    assert again.log_pane.isVisible()


def test_recent_projects_persist(window, qtbot, tmp_path):
    assert window.new_project(tmp_path / "a")
    assert window.new_project(tmp_path / "b")
    assert window.open_project(tmp_path / "a")

    again = open_window(qtbot)

    assert again.recent_projects() == [str(tmp_path / "a"), str(tmp_path / "b")]
    again._fill_recent_menu()
    texts = [action.text() for action in again.recent_menu.actions()]
    assert texts[:2] == [str(tmp_path / "a"), str(tmp_path / "b")]
    again.clear_recent_projects()
    assert load_settings().settings.recent_projects == []


def test_autosave_writes_layout(window, qtbot):
    with qtbot.waitSignal(window.sigAutosave, timeout=1000):
        window.autosave()

    saved = load_settings().settings
    assert saved.window_geometry
    assert saved.window_state


def test_settings_change_signal(window, qtbot):
    changed = Settings(annotator="Ada", checkpoint_interval=50)

    with qtbot.waitSignal(window.sigSettingsChanged, timeout=1000) as blocker:
        window.apply_settings(changed)

    assert blocker.args[0].annotator == "Ada"
    assert load_settings().settings.checkpoint_interval == 50


def test_theme_light_dark_system(qapp, restore_look):
    from workbench.gui.theme import apply_theme, is_dark

    before = qapp.palette().color(qapp.palette().ColorRole.Window)
    apply_theme(qapp, "dark")
    assert is_dark(qapp)
    apply_theme(qapp, "light")
    assert not is_dark(qapp)
    apply_theme(qapp, "system")
    assert qapp.palette().color(qapp.palette().ColorRole.Window) == before


def test_restart_arguments_open_project():
    import sys

    from workbench.gui.app import restart_arguments

    program, arguments = restart_arguments("/data/项目")

    assert program == sys.executable
    assert arguments == ["-m", "workbench", "open", "/data/项目"]
    assert restart_arguments(None)[1] == ["-m", "workbench"]


def test_settings_file_under_workbench_home(window):
    window.autosave()

    home = Path(os.environ["WORKBENCH_HOME"])
    assert settings_path() == home / "config" / "settings.json"
    assert settings_path().is_file()


def test_unwritable_settings_keep_window(qtbot):
    # A folder where the file should be makes every save fail, even for root.
    settings_path().mkdir(parents=True)

    window = open_window(qtbot)
    window.apply_settings(Settings(theme="system", annotator="Ada"))

    assert window.user_settings.annotator == "Ada"
    assert "Cannot save the settings" in window.statusBar().currentMessage()
    assert settings_path().is_dir()


def test_dialog_marks_missing_devices(window):
    import torch

    dialog = settings_dialog(window)
    cuda_text = dialog.device.itemText(dialog.device.findData("cuda"))

    assert ("not available" in cuda_text) == (not torch.cuda.is_available())
    assert "not available" not in dialog.device.itemText(dialog.device.findData("cpu"))
    dialog.reject()


def test_user_defaults_reach_the_tabs(qtbot):
    window = open_window(qtbot)
    settings = Settings(annotator="李白", device="cpu", precision="bfloat16", checkpoint_interval=250)

    window.sigSettingsChanged.emit(settings)

    fields = window.train_tab.form.fields
    assert window.annotate_tab.annotator() == "李白"
    assert fields["device"].currentData() == "cpu"
    assert fields["precision"].currentData() == "bf16"
    assert fields["checkpoint_interval"].value() == 250
