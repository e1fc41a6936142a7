"""Corpus preprocessing: normalise, filter, deduplicate, split, train a tokenizer, encode.

Each step is a module; :mod:`.pipeline` runs them in order as one job, and :mod:`.config`
reads and writes the ``pipeline.toml`` that makes a run reproducible.
"""

from .config import PipelineConfig, PipelineConfigError, load_config, load_project_config, save_project_config
from .pipeline import PipelineError, run_pipeline

__all__ = [
    "PipelineConfig",
    "PipelineConfigError",
    "PipelineError",
    "load_config",
    "load_project_config",
    "run_pipeline",
    "save_project_config",
]
