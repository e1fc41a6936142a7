"""'workbench preprocess': the saved pipeline, --config, --removed, --undo-normalise and errors."""

from __future__ import annotations

import json

import pytest

from tests.core.test_cli import _restore_root_logger  # noqa: F401  (autouse fixture)
from workbench.cli import main
from workbench.core.encoding import read_meta
from workbench.core.preprocess import PipelineConfig, store
from workbench.core.project import open_project

LINES = [
    "床前明月光，疑是地上霜。举头望明月，低头思故乡。",
    "白日依山尽，黄河入海流。欲穷千里目，更上一层楼。",
    "Ｆｕｌｌ－ｗｉｄｔｈ text with   extra   spaces.",
    "床前明月光，疑是地上霜。举头望明月，低头思故乡。",
    "The quick brown fox jumps over the lazy dog.",
]


@pytest.fixture
def project_dir(tmp_path, write_text):
    folder = tmp_path / "p"
    assert main(["new", str(folder)]) == 0
    assert main(["import", str(folder), str(write_text(tmp_path / "a.txt", "\n".join(LINES) + "\n"))]) == 0
    return folder


def test_init_then_run_saved_pipeline(project_dir, capsys):
    assert main(["preprocess", str(project_dir), "--init"]) == 0
    toml = (project_dir / "pipeline.toml").read_text(encoding="utf-8")
    (project_dir / "pipeline.toml").write_text(
        toml.replace('form = "NFC"', 'form = "NFKC"').replace('kind = "bytebpe"', 'kind = "char"'), encoding="utf-8"
    )
    capsys.readouterr()

    assert main(["preprocess", str(project_dir)]) == 0

    out = capsys.readouterr().out
    assert "kept 4 of 5 documents" in out
    assert "exact_duplicate 1" in out
    project = open_project(project_dir)
    assert project.document(3)["text"] == "Full-width text with extra spaces."
    assert read_meta(project)["source"] == f"preprocess run {store.runs(project)[-1]['id']}"


def test_config_file_and_json(project_dir, tmp_path, capsys):
    config = PipelineConfig()
    config.tokenizer.kind = "char"
    config.dedup.exact = False
    config.dedup.near = False
    path = tmp_path / "other.toml"
    path.write_text(config.to_toml(), encoding="utf-8")
    capsys.readouterr()

    assert main(["preprocess", str(project_dir), "--config", str(path), "--json"]) == 0

    result = json.loads(capsys.readouterr().out)
    assert result["kept"] == 5
    assert not (project_dir / "pipeline.toml").exists()


def test_removed_listing(project_dir, capsys):
    assert main(["preprocess", str(project_dir), "--json"]) == 0
    capsys.readouterr()

    assert main(["preprocess", str(project_dir), "--removed"]) == 0

    out = capsys.readouterr().out
    assert "set aside 1 document(s): exact_duplicate 1" in out
    assert "4  exact_duplicate (copy of 1)  床前明月光" in out


def test_undo_normalise(project_dir, capsys):
    assert main(["preprocess", str(project_dir), "--json"]) == 0
    run_id = json.loads(capsys.readouterr().out)["run_id"]

    assert main(["preprocess", str(project_dir), "--undo-normalise", str(run_id)]) == 0

    assert open_project(project_dir).document(3)["text"] == LINES[2]


@pytest.mark.parametrize(
    ("toml", "message"),
    [("[dedup]\nbands = 3\n", "must equal num_perm"), ("[nonsense]\n", "Unknown pipeline section")],
)
def test_bad_config_exits_2(project_dir, tmp_path, capsys, toml, message):
    path = tmp_path / "bad.toml"
    path.write_text(toml, encoding="utf-8")

    assert main(["preprocess", str(project_dir), "--config", str(path)]) == 2

    assert message in capsys.readouterr().err


def test_empty_project_exits_2(tmp_path, capsys):
    assert main(["new", str(tmp_path / "e")]) == 0

    assert main(["preprocess", str(tmp_path / "e")]) == 2

    assert "no documents" in capsys.readouterr().err


def test_removed_without_run_exits_2(project_dir, capsys):
    assert main(["preprocess", str(project_dir), "--removed"]) == 2

    assert "no finished preprocessing run" in capsys.readouterr().err
