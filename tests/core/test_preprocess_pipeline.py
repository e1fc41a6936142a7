"""The whole pipeline on real projects: removals with reasons, spans, splits, encoding, bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from tests.real_data import DATA_DIR
from workbench.core import annotations
from workbench.core.encoding import load_split, read_meta
from workbench.core.importing import ImportFailed, import_files
from workbench.core.jobs import JobCancelled, JobContext
from workbench.core.preprocess import PipelineConfig, PipelineError, run_pipeline, store
from workbench.core.preprocess.pipeline import assign_splits
from workbench.core.preprocess.config import SplitConfig
from workbench.core.project import create_project
from workbench.core.tokenizer import UNK, load_tokenizer

POEMS = [
    "床前明月光，疑是地上霜。举头望明月，低头思故乡。",
    "白日依山尽，黄河入海流。欲穷千里目，更上一层楼。",
    "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。",
    "千山鸟飞绝，万径人踪灭。孤舟蓑笠翁，独钓寒江雪。",
    "The quick brown fox jumps over the lazy dog, and then it runs far away into the forest.",
    "It was the best of times, it was the worst of times, it was the age of wisdom and of foolishness.",
]


def small_config(**tokenizer) -> PipelineConfig:
    config = PipelineConfig()
    config.tokenizer.kind = tokenizer.get("kind", "char")
    config.tokenizer.vocab_size = tokenizer.get("vocab_size", 300)
    config.tokenizer.min_frequency = 1
    return config


def project_with(tmp_path, texts: list[str]):
    project = create_project(tmp_path / "project")
    with project.transaction() as db:
        db.conn.executemany(
            "INSERT INTO documents (text, source, metadata, created_at) VALUES (?, 'test', '{}', 'now')",
            [(t,) for t in texts],
        )
    return project


def test_duplicates_set_aside_with_reasons(tmp_path):
    texts = POEMS + [POEMS[0], "  " + POEMS[1] + "  ", POEMS[4].replace("forest", "woods"), "   "]
    project = project_with(tmp_path, texts)
    config = small_config()
    config.dedup.threshold = 0.7
    config.dedup.bands, config.dedup.rows = 32, 4

    result = run_pipeline(project, config)

    assert project.document_count() == len(texts)
    removed = {r["document_id"]: r for r in store.removed_documents(project, result["run_id"])}
    assert removed[7]["reason"] == "exact_duplicate"
    assert removed[7]["duplicate_of"] == 1
    assert removed[8]["reason"] == "exact_duplicate"
    assert removed[9]["reason"] == "near_duplicate"
    assert removed[9]["duplicate_of"] == 5
    assert removed[10]["reason"] == "empty"
    assert result["kept"] == 6
    assert store.duplicate_clusters(project, result["run_id"]) == [
        {"kept": 1, "removed": [7]}, {"kept": 2, "removed": [8]}, {"kept": 5, "removed": [9]}
    ]


def test_run_recorded_with_config_and_counts(tmp_path):
    project = project_with(tmp_path, POEMS)
    config = small_config()
    config.split.seed = 3

    result = run_pipeline(project, config)

    run = store.run(project, result["run_id"])
    assert run["status"] == "finished"
    assert PipelineConfig.from_toml(run["config"]) == config
    assert [s["step"] for s in run["counts"]["steps"]] == ["normalise", "filter", "dedup", "split", "tokenizer", "encode"]
    assert run["stats"]["document_chars_after"]["count"] == 6
    assert run["stats"]["token_rank_frequency"]["distinct"] > 10


def test_trainer_reads_encoded_splits(tmp_path):
    project = project_with(tmp_path, POEMS * 3 + [p + str(i) for i, p in enumerate(POEMS * 3)])
    config = small_config()
    config.dedup.near = False
    config.split.test = 0.2

    result = run_pipeline(project, config)

    meta = read_meta(project)
    tokenizer = load_tokenizer(project.tokenizer_path)
    assert meta["vocab_size"] == tokenizer.get_vocab_size()
    total = sum(meta[f"{s}_documents"] for s in ("train", "val", "test"))
    assert total == result["kept"]
    train = load_split(project, "train")
    assert len(train) == meta["train_tokens"]
    assert np.count_nonzero(np.asarray(train) == meta["eot_id"]) == meta["train_documents"]
    assert meta["test_documents"] >= 1


def test_normalise_moves_spans_and_undo_restores(tmp_path):
    text = "Ａｌｉｃｅ   met\t\tBob in   北京 ."
    project = project_with(tmp_path, [text, "ä¸­æ–‡ mojibake with a span", *POEMS])
    label_set = annotations.ensure_label_set(project, "ner", "spans")
    person = annotations.add_label(project, label_set, "PER")
    place = annotations.add_label(project, label_set, "LOC")
    annotations.add_span(project, 1, label_set, person.id, text.index("Bob"), text.index("Bob") + 3)
    annotations.add_span(project, 1, label_set, place.id, text.index("北京"), text.index("北京") + 2)
    annotations.add_span(project, 2, label_set, person.id, 0, 6)
    config = small_config()
    config.normalise.form = "NFKC"

    result = run_pipeline(project, config)

    new_text = project.document(1)["text"]
    assert new_text == "Alice met Bob in 北京 ."
    assert [new_text[s["start"]:s["end"]] for s in annotations.spans(project, 1)] == ["Bob", "北京"]
    assert project.document(2)["text"] == "ä¸­æ–‡ mojibake with a span"
    notes = result["steps"][0]["notes"]
    assert any("left unchanged" in note and "2" in note for note in notes)

    # NFKC also folds the poems' full-width commas.
    assert project.document(3)["text"] == POEMS[0].replace("，", ",")

    restored = store.undo_normalisation(project, result["run_id"])

    assert restored == result["steps"][0]["changed"]
    assert project.document(1)["text"] == text
    assert project.document(3)["text"] == POEMS[0]
    assert [text[s["start"]:s["end"]] for s in annotations.spans(project, 1)] == ["Bob", "北京"]


def test_mojibake_repaired_without_spans(tmp_path):
    project = project_with(tmp_path, ["ä¸­æ–‡ text", *POEMS])

    run_pipeline(project, small_config())

    assert project.document(1)["text"] == "中文 text"


def test_splits_deterministic_and_by_count():
    ids = list(range(1, 101))

    first = assign_splits(ids, SplitConfig(val=0.2, test=0.1, seed=5))
    again = assign_splits(list(reversed(ids)), SplitConfig(val=0.2, test=0.1, seed=5))
    counted = assign_splits(ids, SplitConfig(mode="count", val=7, test=3, seed=5))

    assert first == again
    assert 5 <= list(first.values()).count("val") <= 35
    assert list(counted.values()).count("val") == 7
    assert list(counted.values()).count("test") == 3
    assert assign_splits(ids, SplitConfig(val=0.2, seed=6)) != first


def test_split_counts_too_large_rejected():
    with pytest.raises(PipelineError) as info:
        assign_splits([1, 2, 3], SplitConfig(mode="count", val=2, test=1))

    assert "only 3 document(s) remain" in str(info.value)


def test_label_distribution_before_and_after(tmp_path):
    project = project_with(tmp_path, POEMS + [POEMS[0]])
    label_set = annotations.ensure_label_set(project, "topic")
    poem = annotations.add_label(project, label_set, "poem")
    for doc_id in (1, 2, 7):
        annotations.set_document_label(project, doc_id, label_set, poem.id)

    result = run_pipeline(project, small_config())

    assert result["stats"]["labels"] == {"topic": {"poem": [3, 2]}}


def test_cancel_marks_run(tmp_path):
    project = project_with(tmp_path, POEMS)
    ctx = JobContext()
    ctx.request_stop()

    with pytest.raises(JobCancelled):
        run_pipeline(project, small_config(), ctx)

    assert store.runs(project)[-1]["status"] == "cancelled"
    assert project.document_count() == len(POEMS)


def test_real_corpora(tmp_path):
    project = create_project(tmp_path / "real")
    import_files(project, [DATA_DIR / "chinese_poetry_sample.txt"], mode="paragraph")
    import_files(project, [DATA_DIR / "tinyshakespeare.txt"], mode="paragraph")
    config = PipelineConfig()
    config.filter.languages = ["zh", "en"]
    config.filter.quality = True
    config.tokenizer.enabled = False
    config.encode.enabled = False

    result = run_pipeline(project, config)

    reasons = result["removed"]
    assert result["kept"] > 0.6 * result["documents"]
    assert reasons.get("language", 0) < 0.05 * result["documents"]
    # Chinese poems end their lines in 。！？; the CJK-aware rule must not drop them.
    assert reasons.get("quality:punctuation_lines", 0) < 0.2 * result["documents"]
    assert reasons.get("quality:alphabetic_words", 0) < 0.05 * result["documents"]


# Bad input -------------------------------------------------------------------------


def test_empty_corpus_message(tmp_path):
    project = create_project(tmp_path / "empty")

    with pytest.raises(PipelineError) as info:
        run_pipeline(project, small_config())

    assert "no documents" in str(info.value)


def test_one_document_message(tmp_path):
    project = project_with(tmp_path, [POEMS[0]])

    with pytest.raises(PipelineError) as info:
        run_pipeline(project, small_config())

    assert "Only 1 document is left" in str(info.value)
    assert store.runs(project)[-1]["status"] == "failed"


def test_all_filtered_message(tmp_path):
    project = project_with(tmp_path, ["   ", "\t\n", " \u3000 "])
    config = small_config()

    with pytest.raises(PipelineError) as info:
        run_pipeline(project, config)

    assert "No document is left" in str(info.value)
    assert store.removal_reasons(project, store.runs(project)[-1]["id"]) == {"empty": 3}


def test_whitespace_only_lines_skipped_on_import(tmp_path):
    source = tmp_path / "lines.txt"
    source.write_text("第一行。\n   \n\t\n第二行。\n", encoding="utf-8")
    project = create_project(tmp_path / "p")

    report = import_files(project, [source], mode="line")

    assert report.documents == 2
    assert report.blank_skipped == 2


def test_invalid_utf8_rejected_on_import(tmp_path):
    source = tmp_path / "bad.txt"
    source.write_bytes("好的".encode("utf-8") + b"\xff\xfe broken\n")
    project = create_project(tmp_path / "p")

    with pytest.raises(ImportFailed) as info:
        import_files(project, [source])

    assert "invalid UTF-8 at byte offset 6" in str(info.value)
    assert project.document_count() == 0


def test_unknown_characters_at_encode(tmp_path):
    project = project_with(tmp_path, POEMS)
    run_pipeline(project, small_config())
    tokenizer = load_tokenizer(project.tokenizer_path)

    encoding = tokenizer.encode("龘靐 unseen")

    assert UNK in encoding.tokens
    assert len(encoding.ids) == len("龘靐 unseen")


def test_long_single_line(tmp_path):
    line = ("the cat sat on the mat 床前明月光 " * 45_000)[:1_200_000]
    project = project_with(tmp_path, [line, POEMS[0], POEMS[4]])
    config = small_config(kind="bytebpe", vocab_size=400)

    result = run_pipeline(project, config)

    meta = read_meta(project)
    assert result["kept"] == 3
    assert meta["train_tokens"] + meta["val_tokens"] > 250_000


def test_fifty_megabyte_line_filters_and_deduplicates(tmp_path):
    line = ("the cat sat on the mat 床前明月光 " * 1_800_000)[:50_000_000]
    project = project_with(tmp_path, [line, POEMS[0], POEMS[0]])
    del line
    config = small_config()
    config.tokenizer.enabled = False
    config.encode.enabled = False

    result = run_pipeline(project, config)

    assert result["removed"] == {"exact_duplicate": 1}
    assert result["kept"] == 2
    assert result["stats"]["document_chars_after"]["max"] == 50_000_000


BOUNDED_BPE = """
import sys
from workbench.core.tokenizer import train_tokenizer
poems = open(sys.argv[1], encoding="utf-8").read()
text = "".join(poems.split())
text = (text * (5_000_000 // len(text.encode("utf-8")) + 1))[: 5_000_000 // 3]
tokenizer = train_tokenizer([text], sys.argv[2], 2000, min_frequency=2, max_token_length=6)
# VmHWM, unlike ru_maxrss, starts afresh at exec, so the forking test process does not count.
status = open("/proc/self/status", encoding="utf-8").read()
peak_kb = int(status.split("VmHWM:")[1].split()[0])
print(tokenizer.get_vocab_size(), peak_kb // 1024)
"""


@pytest.mark.parametrize("kind", ["bytebpe", "cjkbpe"])
def test_chinese_without_spaces_bounded_memory(kind):
    """5 MB of Chinese on one line, no spaces: pre-tokens stay short, so memory stays bounded."""
    completed = subprocess.run(
        [sys.executable, "-c", BOUNDED_BPE, str(DATA_DIR / "chinese_poetry_sample.txt"), kind],
        capture_output=True, text=True, timeout=300, check=True,
    )
    vocab_size, peak_mb = map(int, completed.stdout.split())

    assert vocab_size > 1000
    assert peak_mb < 1500
