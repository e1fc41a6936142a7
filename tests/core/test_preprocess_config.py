"""Pipeline configuration: TOML round trip and rejected settings."""

from __future__ import annotations

import pytest

from workbench.core.preprocess import PipelineConfig, PipelineConfigError, load_project_config, save_project_config
from workbench.core.project import create_project


def test_toml_round_trip():
    config = PipelineConfig()
    config.normalise.form = "NFKC"
    config.filter.languages = ["zh", "en"]
    config.dedup.threshold = 0.7
    config.split.test = 0.05
    config.tokenizer.kind = "cjkbpe"
    config.tokenizer.special_tokens = ["<|user|>"]

    loaded = PipelineConfig.from_toml(config.to_toml())

    assert loaded == config


def test_missing_sections_take_defaults():
    loaded = PipelineConfig.from_toml("[dedup]\nthreshold = 0.9\n")

    assert loaded.dedup.threshold == 0.9
    assert loaded.normalise == PipelineConfig().normalise


def test_integer_accepted_for_float():
    assert PipelineConfig.from_toml("[dedup]\nthreshold = 1\n").dedup.threshold == 1.0


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("[normalise]\nfrom = 'NFC'\n", "Unknown setting(s) from in [normalise]"),
        ("[cleanup]\n", "Unknown pipeline section(s) cleanup"),
        ("[normalise]\nform = 'NFD'\n", "form = 'NFD' is invalid"),
        ("[dedup]\nbands = 10\n", "must equal num_perm = 128"),
        ("[dedup]\nthreshold = 'high'\n", "expected a float"),
        ("[split]\nval = 0.6\ntest = 0.5\n", "leaves no training documents"),
        ("[tokenizer]\nkind = 'sentencepiece'\n", "kind = 'sentencepiece' is invalid"),
        ("[filter]\nmin_chars = 10\nmax_chars = 5\n", "min_chars = 10 is larger than max_chars = 5"),
        ("[filter]\nlanguages = 'zh'\n", "must be a list of strings"),
        ("[filter\n", "is not valid TOML"),
    ],
)
def test_invalid_settings_rejected(toml, expected):
    with pytest.raises(PipelineConfigError) as info:
        PipelineConfig.from_toml(toml)

    assert expected in str(info.value)


def test_project_config_saved_and_loaded(tmp_path):
    project = create_project(tmp_path / "p")
    assert load_project_config(project) == PipelineConfig()
    config = PipelineConfig()
    config.split.seed = 7

    path = save_project_config(project, config)

    assert path == project.root / "pipeline.toml"
    assert load_project_config(project).split.seed == 7
