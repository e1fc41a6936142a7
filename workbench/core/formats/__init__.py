"""Import and export of annotated text in the formats other tools use.

Each format is a module with one :class:`~.base.Format` subclass that detects, reads and
writes it; :mod:`.registry` lists them and :mod:`.pipeline` connects them to a project.
"""

from .base import DocLabel, Format, FormatError, Options, Problem, Record, Span
from .pipeline import ExportSummary, ImportSummary, export_project, import_paths, preview, resolve
from .registry import detect, format_names, formats, get_format
from .textio import InputError

__all__ = [
    "DocLabel", "ExportSummary", "Format", "FormatError", "ImportSummary", "InputError", "Options", "Problem",
    "Record", "Span", "detect", "export_project", "format_names", "formats", "get_format", "import_paths",
    "preview", "resolve",
]
