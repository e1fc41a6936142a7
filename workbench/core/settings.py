"""The user's settings: a typed, versioned object stored as JSON in the user config folder.

``settings.json`` lives in ``user_dir("config")``, so ``WORKBENCH_HOME`` relocates it. Reading
never fails: a file that is unreadable, not JSON, from a newer version, or holding values
of the wrong type or out of range gives defaults for what is wrong, and every problem comes
back as a sentence in :attr:`LoadResult.problems`. A file that cannot be read as it is gets
copied to a backup beside it before anything is written over it, so nothing is lost.

Versions (``SCHEMA_VERSION``):

0. The window's QSettings INI file (``workbench.ini``: ``recent_projects`` and
   ``window/geometry``). The window reads it with QSettings and passes the values in as a dict.
1. ``settings.json`` with the fields of :class:`Settings`.

To change the format, add a field with a default (no migration needed), or bump
``SCHEMA_VERSION`` and add ``MIGRATIONS[new_version]``, a function that turns a dict of the
previous version into one of the new version.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
import tempfile
import time
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Callable

from .logs import user_dir

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
SETTINGS_FILE = "settings.json"
MAX_RECENT_PROJECTS = 10
MAX_ANNOTATOR_LENGTH = 100

# "system" follows the operating system's locale; the others name a translation in resources/translations.
LANGUAGES = ("system", "en", "zh_CN")
DEVICES = ("auto", "cpu", "cuda", "mps")
PRECISIONS = ("auto", "float32", "bfloat16", "float16")
THEMES = ("system", "light", "dark")


def _choice(default: str, choices: tuple[str, ...], doc: str):
    return field(default=default, metadata={"choices": choices, "doc": doc})


def _number(default: int, minimum: int, maximum: int, doc: str):
    return field(default=default, metadata={"minimum": minimum, "maximum": maximum, "doc": doc})


@dataclass
class Settings:
    """User settings. Every field has a default, so a missing or invalid value falls back to it.

    The window holds them as ``MainWindow.user_settings`` and emits ``sigSettingsChanged`` after
    the user changes them.
    """

    language: str = _choice("system", LANGUAGES, "interface language; system follows the locale")
    annotator: str = field(default="", metadata={"doc": "name stored with labels you make"})
    device: str = _choice("auto", DEVICES, "default training device; auto picks CUDA, then MPS, then CPU")
    precision: str = _choice("auto", PRECISIONS, "default training precision")
    autosave_seconds: int = _number(60, 5, 3600, "seconds between autosaves of open edits")
    checkpoint_interval: int = _number(500, 1, 10_000_000, "training steps between checkpoints")
    theme: str = _choice("system", THEMES, "colour theme; system follows the desktop's light or dark mode")
    # Base64 of QWidget.saveGeometry() and QMainWindow.saveState(): opaque to the core.
    window_geometry: str = field(default="", metadata={"base64": True, "doc": "main window position and size"})
    window_state: str = field(default="", metadata={"base64": True, "doc": "main window docks and toolbars"})
    recent_projects: list[str] = field(default_factory=list, metadata={"doc": "most recent first"})
    cjk_font_notice_shown: bool = field(default=False, metadata={"doc": "the missing-Chinese-font notice was shown"})

    def add_recent_project(self, path: str | os.PathLike) -> None:
        """Put ``path`` first in the recent projects, without duplicates, keeping at most 10."""
        text = str(path)
        self.recent_projects = [text] + [p for p in self.recent_projects if p != text]
        del self.recent_projects[MAX_RECENT_PROJECTS:]

    def to_dict(self) -> dict[str, Any]:
        return {"version": SCHEMA_VERSION, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> tuple["Settings", list[str]]:
        """Build settings from a current-version dict; return them and the problems found.

        An invalid value is replaced by the field's default and reported; an unknown key is
        reported and dropped.
        """
        problems = []
        values = {}
        known = {f.name: f for f in fields(cls)}
        for key in data:
            if key != "version" and key not in known:
                problems.append(f"Unknown setting {key!r} ignored.")
        for name, spec in known.items():
            if name not in data:
                continue
            value, problem = _check_value(spec, data[name])
            if problem:
                problems.append(problem)
            if value is not MISSING:
                values[name] = value
        return cls(**values), problems


def setting_names() -> list[str]:
    return [spec.name for spec in fields(Settings)]


def describe_setting(name: str) -> str:
    """Return a one-line description of a setting and the values it accepts."""
    specs = {spec.name: spec for spec in fields(Settings)}
    if name not in specs:
        raise KeyError(name)
    meta = specs[name].metadata
    text = meta.get("doc", "")
    if "choices" in meta:
        text += f" ({', '.join(meta['choices'])})"
    elif "minimum" in meta:
        text += f" ({meta['minimum']} to {meta['maximum']})"
    return text


def parse_setting(name: str, text: str) -> Any:
    """Convert ``text`` from the command line to a valid value for ``name``; raise ValueError if invalid."""
    specs = {spec.name: spec for spec in fields(Settings)}
    if name not in specs:
        raise ValueError(f"Unknown setting {name!r}; known settings: {', '.join(specs)}.")
    spec = specs[name]
    default = _default_of(spec)
    raw: Any = text
    if isinstance(default, bool):
        lowered = text.strip().lower()
        if lowered not in ("true", "false", "1", "0", "yes", "no"):
            raise ValueError(f"Setting {name}={text!r} is invalid; use true or false.")
        raw = lowered in ("true", "1", "yes")
    elif isinstance(default, int):
        try:
            raw = int(text)
        except ValueError:
            raise ValueError(f"Setting {name}={text!r} is invalid; it must be a whole number.") from None
    elif isinstance(default, list):
        raw = [part for part in text.split(os.pathsep) if part]
    value, problem = _check_value(spec, raw)
    if problem:
        raise ValueError(problem.split(" The default ")[0])
    return value


def _default_of(spec) -> Any:
    return spec.default_factory() if spec.default is MISSING else spec.default


def _check_value(spec, value: Any) -> tuple[Any, str]:
    """Return ``(value, "")`` for a valid value, else ``(MISSING, problem)`` so the default applies."""
    name = spec.name
    meta = spec.metadata
    default = _default_of(spec)

    def invalid(reason: str) -> tuple[Any, str]:
        return MISSING, f"Setting {name}={value!r} is invalid: {reason}. The default {default!r} is used."

    if isinstance(default, bool):
        if not isinstance(value, bool):
            return invalid("expected true or false")
        return value, ""
    if isinstance(default, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            return invalid("expected a whole number")
        if not meta["minimum"] <= value <= meta["maximum"]:
            return invalid(f"it must be from {meta['minimum']} to {meta['maximum']}")
        return value, ""
    if isinstance(default, list):
        return _check_path_list(name, value)
    if not isinstance(value, str):
        return invalid("expected text")
    if "choices" in meta and value not in meta["choices"]:
        return invalid(f"expected one of {', '.join(meta['choices'])}")
    if meta.get("base64") and value:
        try:
            base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            return invalid("expected base64 data")
    if name == "annotator":
        value = value.strip()
        if len(value) > MAX_ANNOTATOR_LENGTH:
            return invalid(f"it is longer than {MAX_ANNOTATOR_LENGTH} characters")
        if any(ord(char) < 32 for char in value):
            return invalid("it contains control characters")
    return value, ""


def _check_path_list(name: str, value: Any) -> tuple[Any, str]:
    if not isinstance(value, list):
        return MISSING, f"Setting {name}={value!r} is invalid: expected a list of paths. The default [] is used."
    paths: list[str] = []
    dropped = [item for item in value if not isinstance(item, str) or not item]
    for item in value:
        if isinstance(item, str) and item and item not in paths:
            paths.append(item)
    problems = []
    if dropped:
        problems.append(f"Setting {name}: dropped {len(dropped)} entries that are not paths: {dropped!r}.")
    if len(paths) > MAX_RECENT_PROJECTS:
        problems.append(f"Setting {name}: kept the first {MAX_RECENT_PROJECTS} of {len(paths)} entries.")
        paths = paths[:MAX_RECENT_PROJECTS]
    return paths, " ".join(problems)


# Migrations ----------------------------------------------------------------------------------


def _from_qsettings_ini(old: dict[str, Any]) -> dict[str, Any]:
    """Version 0 to 1: values read from the QSettings ``workbench.ini`` of LM Workbench 0.1.

    QSettings returns a one-item list as a plain string and the geometry as bytes.
    """
    new: dict[str, Any] = {"version": 1}
    recent = old.get("recent_projects")
    if isinstance(recent, str):
        recent = [recent]
    if recent is not None:
        new["recent_projects"] = recent
    geometry = old.get("window/geometry")
    if isinstance(geometry, (bytes, bytearray)):
        new["window_geometry"] = base64.b64encode(bytes(geometry)).decode("ascii")
    elif geometry is not None:
        new["window_geometry"] = geometry
    for key in old:
        if key not in ("version", "recent_projects", "window/geometry"):
            new[key] = old[key]  # reported as unknown by Settings.from_dict
    return new


# MIGRATIONS[n] turns a dict of version n - 1 into a dict of version n.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _from_qsettings_ini,
}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Apply the migrations from ``data["version"]`` up to ``SCHEMA_VERSION``."""
    version = data["version"]
    for target in range(version + 1, SCHEMA_VERSION + 1):
        data = MIGRATIONS[target](data)
        data["version"] = target
    return data


# Reading and writing -------------------------------------------------------------------------


def settings_path() -> Path:
    """Return the settings file's path (``WORKBENCH_HOME/config/settings.json`` when that is set)."""
    return user_dir("config") / SETTINGS_FILE


@dataclass
class LoadResult:
    settings: Settings
    path: Path
    problems: list[str] = field(default_factory=list)
    # The version the file or legacy values had, when a migration ran; else None.
    migrated_from: int | None = None
    # Where an unreadable or newer file was copied before it gets overwritten.
    backup: Path | None = None

    @property
    def needs_save(self) -> bool:
        """True when the file on disk differs from what was loaded (missing, migrated or repaired)."""
        return self.migrated_from is not None or bool(self.problems) or not self.path.is_file()


def load_settings(path: Path | None = None, legacy: dict[str, Any] | None = None) -> LoadResult:
    """Read the settings file; never raise for bad content.

    ``legacy`` holds version-0 values (the old QSettings file) and is used only when the JSON
    file does not exist yet. Problems are logged as warnings and returned.
    """
    path = Path(path) if path is not None else settings_path()
    result = LoadResult(Settings(), path)
    if not path.is_file():
        if legacy:
            _apply(result, {**legacy, "version": 0})
        return result
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        result.backup = _backup(path, "invalid")
        result.problems.append(
            f"Settings file {path} cannot be read ({exc}); using defaults. The old file is kept as {result.backup}."
        )
        _log_problems(result)
        return result
    if not isinstance(data, dict):
        result.backup = _backup(path, "invalid")
        result.problems.append(
            f"Settings file {path} holds a JSON {type(data).__name__}, not an object; using defaults."
            f" The old file is kept as {result.backup}."
        )
        _log_problems(result)
        return result
    _apply(result, data)
    return result


def _apply(result: LoadResult, data: dict[str, Any]) -> None:
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        result.problems.append(
            f"Settings file has version {version!r}, not a whole number from 0 to {SCHEMA_VERSION};"
            f" reading it as version {SCHEMA_VERSION}."
        )
        version = SCHEMA_VERSION
    if version > SCHEMA_VERSION:
        result.backup = _backup(result.path, f"v{version}")
        result.problems.append(
            f"Settings file {result.path} is version {version}, from a newer LM Workbench (this one writes"
            f" version {SCHEMA_VERSION}); the settings this version knows are used, and the file is kept as"
            f" {result.backup}."
        )
        version = SCHEMA_VERSION
    data = {**data, "version": version}
    if version < SCHEMA_VERSION:
        try:
            data = migrate(data)
        except Exception as exc:  # a migration bug must not stop the app from starting
            log.exception("Settings migration from version %s failed", version)
            result.problems.append(f"Settings from version {version} cannot be migrated ({exc}); using defaults.")
            _log_problems(result)
            return
        result.migrated_from = version
    result.settings, problems = Settings.from_dict(data)
    result.problems.extend(problems)
    _log_problems(result)


def _log_problems(result: LoadResult) -> None:
    for problem in result.problems:
        log.warning("%s", problem)
    if result.migrated_from is not None:
        log.info("Migrated settings from version %s to %s", result.migrated_from, SCHEMA_VERSION)


def _backup(path: Path, reason: str) -> Path | None:
    """Copy ``path`` to ``settings.json.<reason>-<time>.bak``; return the copy, or None if that fails."""
    if not path.is_file():
        return None
    target = path.with_name(f"{path.name}.{reason}-{time.strftime('%Y%m%d-%H%M%S')}.bak")
    try:
        target.write_bytes(path.read_bytes())
    except OSError as exc:
        log.error("Cannot back up the settings file %s to %s: %s", path, target, exc)
        return None
    return target


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write ``settings`` atomically (a temporary file renamed over the old one) and return the path."""
    path = Path(path) if path is not None else settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(settings.to_dict(), ensure_ascii=False, indent=2) + "\n"
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
