"""Fine-tune tab: train a classifier from the window, read its evaluation, pre-annotate."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from workbench.core import annotations
from workbench.core.importing import import_files
from workbench.core.tokenizer import train_project_tokenizer

TIMEOUT_MS = 120_000
POSITIVE = ["今天天气很好，我很开心 🙂", "这本书真好看", "Great day, I love it", "我喜欢这首歌"]
NEGATIVE = ["今天下雨，我很难过", "这本书太无聊了", "Terrible day, I hate it", "我讨厌堵车"]


def _labelled_project(window, tmp_path):
    window.new_project(tmp_path / "project")
    project = window.project
    source = tmp_path / "docs.jsonl"
    texts = (POSITIVE + NEGATIVE) * 4
    source.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
    import_files(project, [source])
    train_project_tokenizer(project, "char", 300)
    label_set = annotations.ensure_label_set(project, "情感", "classify")
    positive = annotations.add_label(project, label_set, "正面").id
    negative = annotations.add_label(project, label_set, "负面").id
    for doc_id, text in project.iter_texts():
        annotations.set_document_label(project, doc_id, label_set, positive if text in POSITIVE else negative)
    return project


def test_finetune_shows_evaluation_and_predicts(window, qtbot, tmp_path):
    project = _labelled_project(window, tmp_path)
    tab = window.finetune_tab
    window.tabs.setCurrentWidget(tab)
    assert window.tabs.tabText(window.tabs.indexOf(tab))
    assert tab.label_set.findText("情感") >= 0
    tab.label_set.setCurrentIndex(tab.label_set.findText("情感"))
    tab.steps.setValue(20)
    tab.batch_size.setValue(8)
    tab.hidden_size.setValue(32)
    tab.num_layers.setValue(1)
    tab.eval_interval.setValue(10)
    tab.learning_rate.setValue(0.003)
    tab.keep_weights.setCurrentIndex(tab.keep_weights.findData("best_score"))

    with qtbot.waitSignal(tab.sigRunFinished, timeout=TIMEOUT_MS) as finished:
        qtbot.mouseClick(tab.start_button, Qt.LeftButton)
    result = finished.args[0]
    assert result["status"] == "finished"
    assert result["kept_step"] in (10, 20)
    assert tab.train_curve.getData()[0] is not None
    assert tab.metrics_table.rowCount() >= 4
    metric_names = [tab.metrics_table.item(i, 0).text() for i in range(tab.metrics_table.rowCount())]
    assert tab.tr("Accuracy") in metric_names
    labels = [tab.label_table.item(i, 0).text() for i in range(tab.label_table.rowCount())]
    assert labels == ["正面", "负面"]
    assert tab.confusion_image.image.shape == (2, 2)
    ticks = tab.confusion_plot.getAxis("bottom")._tickLevels[0]
    assert [name for _, name in ticks] == ["正面", "负面"]
    assert tab.predict_button.isEnabled()
    assert tab.result_run.currentData() == result["run_id"]

    # The evaluation is stored with the run: reopening the project shows it again.
    tab.clear_report()
    assert tab.label_table.rowCount() == 0
    window.open_project(project.root)
    assert tab.result_run.currentData() == result["run_id"]
    assert [tab.label_table.item(i, 0).text() for i in range(tab.label_table.rowCount())] == ["正面", "负面"]

    unlabelled = tmp_path / "new.txt"
    unlabelled.write_text("明天会更好\n这部电影很差\n", encoding="utf-8")
    import_files(project, [unlabelled], mode="line")
    window.documents_changed()
    with qtbot.waitSignal(tab.sigPredicted, timeout=TIMEOUT_MS) as predicted:
        qtbot.mouseClick(tab.predict_button, Qt.LeftButton)
    assert predicted.args[0]["documents"] == project.document_count()
    label_set = annotations.ensure_label_set(project, "情感")
    first = project.document_ids()[0]
    assert annotations.document_label(project, first, label_set, origin="prediction") is not None
    assert annotations.document_label(project, first, label_set) is not None

    # The queue lists the two unlabelled documents, and opening one shows it in the Annotate tab.
    assert tab.queue_list.count() == 2
    item = tab.queue_list.item(0)
    assert item.data(Qt.UserRole) in project.document_ids()[-2:]
    tab.queue_list.itemActivated.emit(item)
    assert window.tabs.currentWidget() is window.annotate_tab
    assert window.annotate_tab.current_document_id() == item.data(Qt.UserRole)


def test_evaluate_language_model_run(window, qtbot, tmp_path):
    from workbench.core.encoding import encode_project
    from workbench.core.jobs import JobContext
    from workbench.core.training import TrainConfig, train

    project = _labelled_project(window, tmp_path)
    encode_project(project, val_fraction=0.3)
    config = TrainConfig(steps=3, batch_size=4, seq_len=16, hidden_size=32, num_layers=1, num_heads=2,
                         eval_interval=3, eval_batches=1, device="cpu")
    run_id = train(project, config, JobContext())["run_id"]
    tab = window.finetune_tab
    window.tabs.setCurrentWidget(tab)
    tab.select_run(run_id)
    assert tab.result_run.currentData() == run_id
    assert not tab.predict_button.isEnabled()
    with qtbot.waitSignal(tab.sigEvaluated, timeout=TIMEOUT_MS) as evaluated:
        qtbot.mouseClick(tab.evaluate_button, Qt.LeftButton)
    assert evaluated.args[0]["kind"] == "lm"
    names = [tab.metrics_table.item(i, 0).text() for i in range(tab.metrics_table.rowCount())]
    assert tab.tr("Perplexity") in names
    assert tab.label_table.rowCount() == 0


def test_task_lists_matching_label_sets(window, tmp_path):
    project = _labelled_project(window, tmp_path)
    annotations.ensure_label_set(project, "实体", "spans")
    tab = window.finetune_tab
    tab.refresh_choices()
    tab.task.setCurrentIndex(tab.task.findData("ner"))
    spans_sets = [tab.label_set.itemText(i) for i in range(tab.label_set.count())]
    assert spans_sets == ["实体"]
    tab.task.setCurrentIndex(tab.task.findData("classify"))
    classify_sets = [tab.label_set.itemText(i) for i in range(tab.label_set.count())]
    assert "情感" in classify_sets
    assert "实体" not in classify_sets


def test_start_without_label_set_explains(window, qtbot, tmp_path):
    window.new_project(tmp_path / "empty")
    tab = window.finetune_tab
    with qtbot.waitSignal(tab.sigError, timeout=5_000) as error:
        qtbot.mouseClick(tab.start_button, Qt.LeftButton)
    assert "label set" in error.args[0].lower()
    assert not tab.runner.is_running()


def test_close_during_finetune_saves_checkpoint(window, qtbot, tmp_path):
    project = _labelled_project(window, tmp_path)
    tab = window.finetune_tab
    tab.refresh_choices()
    tab.label_set.setCurrentIndex(tab.label_set.findText("情感"))
    tab.steps.setValue(100_000)
    tab.hidden_size.setValue(32)
    tab.num_layers.setValue(1)
    with qtbot.waitSignal(tab.sigPlotUpdated, timeout=TIMEOUT_MS):
        qtbot.mouseClick(tab.start_button, Qt.LeftButton)
    window.close()
    assert not tab.runner.is_running()
    status, checkpoint = project.db().execute("SELECT status, checkpoint FROM runs").fetchone()
    assert status == "stopped"
    assert checkpoint.endswith("checkpoint")
