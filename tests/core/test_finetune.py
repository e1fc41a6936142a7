"""Fine-tuning on annotations: real topic data, spans in code points, splits and predictions."""

from __future__ import annotations

import csv
import itertools
import json

import pytest
import torch

from tests.real_data import DATA_DIR
from workbench.core import annotations
from workbench.core.evaluation import load_report
from workbench.core.finetune import FinetuneConfig, finetune, load_run_model
from workbench.core.finetune_data import FinetuneError, LabelSpace, label_space, prepare_data, split_documents
from workbench.core.importing import import_files
from workbench.core.jobs import JobContext
from workbench.core.predict import predict_documents, predict_text, uncertainty_queue
from workbench.core.project import create_project
from workbench.core.span_tags import document_spans, spans_to_tags, tags_to_spans
from workbench.core.tokenizer import load_tokenizer, train_tokenizer

SIB = DATA_DIR / "labelled"

PEOPLE = ["张伟", "李娜", "王芳", "Alice", "刘洋"]
PLACES = ["北京", "上海", "𪢠城", "Paris", "广州"]
TEMPLATES = [
    "{person}住在{place}🙂。",
    "我在{place}见到了{person}🌊！",
    "Hello {person} from {place} 👋",
    "{place}的天气很好，{person}很开心。",
]


def _ner_documents() -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Return texts with their person and place spans in code points."""
    documents = []
    for i, (template, person, place) in enumerate(itertools.product(TEMPLATES, PEOPLE, PLACES)):
        text = template.format(person=person, place=place)
        spans = [(text.index(person), text.index(person) + len(person), "人名"),
                 (text.index(place), text.index(place) + len(place), "地名")]
        documents.append((text, spans))
    return documents


def _import_texts(tmp_path, project, texts: list[str]) -> list[int]:
    source = tmp_path / "docs.jsonl"
    source.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
    import_files(project, [source])
    return project.document_ids()


def _train_project_tokenizer(project, kind: str, vocab_size: int) -> None:
    tokenizer = train_tokenizer((text for _, text in project.iter_texts()), kind, vocab_size)
    project.tokenizer_dir.mkdir(parents=True, exist_ok=True)
    tokenizer.save(str(project.tokenizer_path))


@pytest.fixture
def ner_project(tmp_path):
    project = create_project(tmp_path / "ner")
    documents = _ner_documents()
    doc_ids = _import_texts(tmp_path, project, [text for text, _ in documents])
    _train_project_tokenizer(project, "char", 500)
    label_set = annotations.ensure_label_set(project, "实体", "spans")
    ids = {name: annotations.add_label(project, label_set, name).id for name in ("人名", "地名")}
    for doc_id, (_, spans) in zip(doc_ids, documents):
        for start, end, name in spans:
            annotations.add_span(project, doc_id, label_set, ids[name], start, end)
    return project


@pytest.mark.parametrize("kind", ["char", "bytebpe"])
def test_span_tags_round_trip_exact(kind):
    documents = _ner_documents()
    tokenizer = train_tokenizer([text for text, _ in documents] * 3, kind, 400 if kind == "bytebpe" else 200)
    names = ["人名", "地名"]
    for text, spans in documents:
        encoding = tokenizer.encode(text)
        gold = [(s, e, names.index(n)) for s, e, n in spans]
        tags = spans_to_tags(text, encoding.offsets, gold)
        back = [(s, e, label) for s, e, label, _ in tags_to_spans(text, encoding.offsets, tags)]
        assert back == sorted(gold), (kind, text, encoding.tokens)
        for s, e, label in back:
            assert text[s:e] in PEOPLE + PLACES


def test_emoji_split_into_bytes_counts_once():
    text = "看🙂好"
    # Three tokens cover the emoji's single code point, as byte-level BPE does for rare characters.
    offsets = [(0, 1), (1, 2), (1, 2), (1, 2), (2, 3)]
    tags = spans_to_tags(text, offsets, [(1, 2, 0)])
    assert tags == [0, 1, 2, 2, 0]
    assert tags_to_spans(text, offsets, tags) == [(1, 2, 0, 1.0)]


def test_spaces_stay_outside_spans():
    text = "I met Alice Smith today"
    offsets = [(0, 1), (1, 5), (5, 11), (11, 17), (17, 23)]  # byte-level pieces carry the leading space
    tags = spans_to_tags(text, offsets, [(6, 17, 0)])
    assert tags == [0, 0, 1, 2, 0]
    assert tags_to_spans(text, offsets, tags) == [(6, 17, 0, 1.0)]
    assert tags_to_spans(text, offsets, [0, 0, 2, 0, 0]) == [(6, 11, 0, 1.0)]  # a stray I starts a span


def test_split_is_deterministic_and_stable():
    ids = list(range(1, 201))
    train, val = split_documents(ids, 0.2, seed=3)
    reversed_train, reversed_val = split_documents(list(reversed(ids)), 0.2, seed=3)
    assert (sorted(reversed_train), sorted(reversed_val)) == (train, val)
    assert set(train) | set(val) == set(ids)
    assert not set(train) & set(val)
    more_train, more_val = split_documents(ids + list(range(201, 301)), 0.2, seed=3)
    assert set(val) <= set(more_val)
    assert 20 <= len(val) <= 60
    assert split_documents([7, 9], 0.01, seed=0)[1], "a tiny set still gets one validation document"


def test_ner_finetune_predicts_exact_spans(ner_project):
    config = FinetuneConfig(
        task="ner", label_set="实体", steps=80, batch_size=16, seq_len=32, hidden_size=48, num_layers=2,
        num_heads=4, learning_rate=5e-3, warmup_steps=10, eval_interval=60, log_interval=20, device="cpu",
    )
    events = []
    result = finetune(ner_project, config, JobContext(on_event=events.append))
    assert result["status"] == "finished"
    assert {"started", "metrics", "finished"} <= {e.kind for e in events}
    report = result["evaluation"]
    assert report["kind"] == "spans"
    assert report["examples"] > 0
    assert report["f1"] > 0.8, report

    # Predicted spans come back as exact code-point offsets of the names.
    model, _, space, tokenizer = load_run_model(ner_project, ner_project.runs_dir / f"run-{result['run_id']}" / "checkpoint")
    text = "我在𪢠城见到了王芳🌊！"
    encoding = tokenizer.encode(text)
    with torch.no_grad():
        probabilities = torch.softmax(model(torch.tensor([encoding.ids])), -1)[0]
    found = {(text[s:e], space.names[label]) for s, e, label, _ in document_spans(text, encoding.offsets, probabilities)}
    assert found == {("𪢠城", "地名"), ("王芳", "人名")}


def test_predict_keeps_human_spans(ner_project):
    config = FinetuneConfig(task="ner", label_set="实体", steps=40, batch_size=16, seq_len=32, hidden_size=32,
                            num_layers=1, learning_rate=5e-3, eval_interval=40, device="cpu")
    run_id = finetune(ner_project, config, JobContext())["run_id"]
    human_before = [annotations.spans(ner_project, d, origin="human") for d in ner_project.document_ids()]
    new_ids = _import_texts(ner_project.root.parent, ner_project, ["上海的天气很好。", "李娜住在广州。"])[-2:]
    summary = predict_documents(ner_project, run_id)
    summary_again = predict_documents(ner_project, run_id)  # replaces, never duplicates
    human_after = [annotations.spans(ner_project, d, origin="human") for d in ner_project.document_ids()[:-2]]
    assert human_before == human_after
    assert summary["documents"] == len(ner_project.document_ids())
    assert summary_again["spans"] == summary["spans"]
    predicted = sum(len(annotations.spans(ner_project, d, origin="prediction")) for d in ner_project.document_ids())
    assert predicted == summary["spans"]
    for span in annotations.spans(ner_project, new_ids[1], origin="prediction"):
        assert 0 < span["score"] <= 1
    prediction = predict_text(ner_project, run_id, "李娜住在广州🙂")
    assert prediction["kind"] == "spans"
    for span in prediction["spans"]:
        assert "李娜住在广州🙂"[span["start"]:span["end"]] == span["text"]
    assert annotations.spans(ner_project, new_ids[1], origin="human") == []
    queue = uncertainty_queue(ner_project, annotations.ensure_label_set(ner_project, "实体"))
    assert [d for d, _ in queue] == sorted(new_ids, key=lambda d: -dict(queue)[d])
    assert all(0 <= u <= 1 for _, u in queue)


def test_wrong_task_for_label_set(ner_project):
    with pytest.raises(FinetuneError, match="spans"):
        finetune(ner_project, FinetuneConfig(task="classify", label_set="实体", device="cpu"), JobContext())
    with pytest.raises(FinetuneError, match="not found"):
        finetune(ner_project, FinetuneConfig(task="ner", label_set="none", device="cpu"), JobContext())


def _read_sib(split: str) -> list[tuple[str, str]]:
    with open(SIB / f"sib200_zho_Hans_{split}.tsv", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        next(reader)
        return [(row[1], row[2]) for row in reader]


@pytest.fixture
def sib_project(tmp_path):
    if not (SIB / "sib200_zho_Hans_train.tsv").is_file():
        pytest.skip(f"SIB-200 data not found in {SIB}")
    rows = _read_sib("train") + _read_sib("dev")
    project = create_project(tmp_path / "sib")
    doc_ids = _import_texts(tmp_path, project, [text for _, text in rows])
    _train_project_tokenizer(project, "char", 3000)
    label_set = annotations.ensure_label_set(project, "主题", "classify")
    ids = {name: annotations.add_label(project, label_set, name).id for name in sorted({c for c, _ in rows})}
    with project.transaction() as db:  # one transaction for 800 labels, as a bulk import would do
        db.conn.executemany(
            "INSERT INTO document_labels (document_id, label_set_id, label_id, origin, annotator, updated_at) "
            "VALUES (?, ?, ?, 'human', '', '')",
            [(doc_id, label_set, ids[category]) for doc_id, (category, _) in zip(doc_ids, rows)],
        )
    return project


def test_topic_classifier_beats_majority_baseline(sib_project):
    config = FinetuneConfig(
        task="classify", label_set="主题", steps=100, batch_size=16, seq_len=48, hidden_size=64, num_layers=1,
        learning_rate=3e-3, warmup_steps=5, eval_interval=50, device="cpu",
    )
    result = finetune(sib_project, config, JobContext())
    report = result["evaluation"]
    assert report["examples"] >= 100
    assert report["baseline_accuracy"] < 0.3
    assert report["accuracy"] > report["baseline_accuracy"] + 0.15, report
    assert report["macro_f1"] > 0.3
    assert len(report["confusion"]) == 7
    assert sum(map(sum, report["confusion"])) == report["examples"]
    stored = load_report(sib_project, result["run_id"])
    assert stored["accuracy"] == report["accuracy"]
    metrics = dict(sib_project.db().execute(
        "SELECT name, value FROM metrics WHERE run_id = ? AND name LIKE 'eval_%'", [result["run_id"]]).fetchall())
    assert metrics["eval_accuracy"] == pytest.approx(report["accuracy"])

    # Pre-annotation writes one predicted label per document beside the human one.
    label_set = annotations.ensure_label_set(sib_project, "主题")
    doc = sib_project.document_ids()[0]
    human = annotations.document_label(sib_project, doc, label_set)
    summary = predict_documents(sib_project, result["run_id"], doc_ids=sib_project.document_ids()[:50])
    assert summary["labels"] == 50
    assert annotations.document_label(sib_project, doc, label_set) == human
    assert annotations.document_label(sib_project, doc, label_set, origin="prediction") is not None


def test_multilabel_finetune_from_base_run(tmp_path, mixed_project, tiny_train_config):
    from workbench.core.training import train

    base = train(mixed_project, tiny_train_config(steps=10), JobContext())
    label_set = annotations.ensure_label_set(mixed_project, "tags", "multilabel")
    chinese = annotations.add_label(mixed_project, label_set, "中文").id
    emoji = annotations.add_label(mixed_project, label_set, "emoji").id
    english = annotations.add_label(mixed_project, label_set, "English").id
    for doc_id, text in mixed_project.iter_texts():
        chosen = [chinese if any("\u4e00" <= c <= "\u9fff" for c in text) else english]
        if any(ord(c) > 0xFFFF for c in text):
            chosen.append(emoji)
        annotations.set_document_labels(mixed_project, doc_id, label_set, chosen)
    config = FinetuneConfig(task="classify", label_set="tags", from_run=base["run_id"], steps=30, batch_size=8,
                            learning_rate=3e-3, eval_interval=30, device="cpu")
    result = finetune(mixed_project, config, JobContext())
    report = result["evaluation"]
    assert report["kind"] == "multilabel"
    assert [row["label"] for row in report["per_label"]] == ["中文", "emoji", "English"]
    assert 0 <= report["exact_match"] <= 1
    model, checkpoint_config, space, _ = load_run_model(mixed_project, mixed_project.runs_dir / f"run-{result['run_id']}" / "checkpoint")
    assert isinstance(space, LabelSpace) and space.kind == "multilabel"
    assert model.config.max_seq_len == tiny_train_config().seq_len  # the base run's context
    summary = predict_documents(mixed_project, result["run_id"], unlabelled_only=True)
    assert summary["documents"] == 0


UNER_TRAIN = DATA_DIR / "labelled" / "zh_gsdsimp-ud-train.iob2"
UNER_TYPES = ["PER", "LOC", "ORG"]


def _read_uner(path) -> list[tuple[str, list[tuple[int, int, int]]]]:
    """Return each sentence's ``# text`` and its entities as code-point spans into that text.

    The tokens are located in the text one after another, skipping the spaces that the text
    has between some tokens.
    """
    sentences, text, tokens = [], None, []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.startswith("# text = "):
                text = line[len("# text = "):]
            elif line.startswith("#"):
                continue
            elif line:
                columns = line.split("\t")
                tokens.append((columns[1], columns[2]))
            elif text is not None:
                sentences.append((text, _uner_spans(text, tokens)))
                text, tokens = None, []
    return sentences


def _uner_spans(text: str, tokens: list[tuple[str, str]]) -> list[tuple[int, int, int]]:
    position, spans, current = 0, [], None
    for token, tag in tokens:
        while text[position].isspace() and not token[0].isspace():
            position += 1
        assert text.startswith(token, position), (text, token, position)
        start, end = position, position + len(token)
        position = end
        if tag.startswith("B-"):
            if current:
                spans.append(tuple(current))
            current = [start, end, UNER_TYPES.index(tag[2:])]
        elif tag.startswith("I-"):
            current[1] = end
        elif current:
            spans.append(tuple(current))
            current = None
    if current:
        spans.append(tuple(current))
    return spans


@pytest.fixture(scope="module")
def uner_sentences():
    if not UNER_TRAIN.is_file():
        pytest.skip(f"UNER Chinese data not found in {UNER_TRAIN.parent}")
    return _read_uner(UNER_TRAIN)


@pytest.mark.parametrize(("kind", "vocab_size"), [("char", 6000), ("bytebpe", 2000)])
def test_real_entities_round_trip_exact(uner_sentences, kind, vocab_size):
    tokenizer = train_tokenizer([text for text, _ in uner_sentences], kind, vocab_size)
    entities = sum(len(spans) for _, spans in uner_sentences)
    assert entities == 6118
    assert any(ord(c) > 0xFFFF for text, _ in uner_sentences for c in text)
    for text, spans in uner_sentences:
        offsets = tokenizer.encode(text).offsets
        back = [(s, e, label) for s, e, label, _ in tags_to_spans(text, offsets, spans_to_tags(text, offsets, spans))]
        assert back == sorted(spans), text


def test_real_entities_through_annotations(tmp_path, uner_sentences):
    chosen = uner_sentences[:60] + [s for s in uner_sentences if any(ord(c) > 0xFFFF for c in s[0])]
    project = create_project(tmp_path / "uner")
    doc_ids = _import_texts(tmp_path, project, [text for text, _ in chosen])
    _train_project_tokenizer(project, "bytebpe", 600)
    label_set = annotations.ensure_label_set(project, "实体", "spans")
    label_ids = [annotations.add_label(project, label_set, name).id for name in UNER_TYPES]
    for doc_id, (_, spans) in zip(doc_ids, chosen):
        for start, end, label in spans:
            annotations.add_span(project, doc_id, label_set, label_ids[label], start, end)
    space = label_space(project, "实体", "ner")
    data = prepare_data(project, space, load_tokenizer(project.tokenizer_path), 64, 0.2, 0)
    assert data.misaligned == 0
    assert len(data.val) > 0
    assert data.targets[doc_ids[-1]] == sorted(chosen[-1][1])


def test_non_finite_loss_fails_without_checkpoint(ner_project):
    config = FinetuneConfig(task="ner", label_set="实体", steps=10, batch_size=4, seq_len=16, hidden_size=16,
                            num_layers=1, num_heads=2, learning_rate=1e6, warmup_steps=0, grad_clip=1e30,
                            log_interval=1, device="cpu")
    with pytest.raises(FinetuneError, match="at step") as raised:
        finetune(ner_project, config, JobContext())
    step = int(str(raised.value).split("at step ")[1].split(";")[0])
    status, checkpoint = ner_project.db().execute("SELECT status, checkpoint FROM runs").fetchone()
    assert 1 <= step <= 10
    assert status == "failed"
    assert checkpoint is None


def test_keep_best_weights(ner_project):
    from workbench.core.evaluation import load_report

    config = FinetuneConfig(task="ner", label_set="实体", steps=30, batch_size=8, seq_len=32, hidden_size=32,
                            num_layers=1, learning_rate=3e-2, eval_interval=5, log_interval=5,
                            keep_weights="best_loss", device="cpu")
    result = finetune(ner_project, config, JobContext())
    losses = dict(ner_project.db().execute(
        "SELECT step, value FROM metrics WHERE run_id = ? AND name = 'val_loss'", [result["run_id"]]).fetchall())
    best_step = min(losses, key=losses.get)
    assert best_step != config.steps, "this check needs a run whose best validation is not its last"
    assert result["kept_step"] == best_step
    assert result["val_loss"] == pytest.approx(losses[best_step])
    assert load_report(ner_project, result["run_id"])["kept_step"] == best_step

    # The saved weights are the kept ones: evaluating the checkpoint again gives the same loss.
    from workbench.core.evaluation import evaluate_run

    assert evaluate_run(ner_project, result["run_id"])["loss"] == pytest.approx(losses[best_step], rel=1e-4)


def test_keep_weights_rejects_unknown_value():
    with pytest.raises(ValueError, match="keep_weights"):
        FinetuneConfig(keep_weights="best").validate()
