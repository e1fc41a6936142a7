"""Command-line interface: every step of the loop without a window.

``workbench`` with no arguments opens the window (see ``workbench/__main__.py``); this
module contains the subcommands and never imports Qt.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import __version__

log = logging.getLogger(__name__)

EXAMPLE_PROJECT = Path(__file__).resolve().parent.parent / "projects" / "example"


class CliError(Exception):
    """A user error: printed as one line, exit status 2, no traceback."""


def _project(path: str):
    from .core.project import open_project

    return open_project(path)


def cmd_new(args) -> int:
    from .core.project import create_project

    project = create_project(args.dir)
    print(f"Created project {project.root}")
    return 0


def _format_options(args):
    from .core.formats import Options

    return Options(
        text_field=getattr(args, "text_field", None), label_field=getattr(args, "label_field", None),
        label_separator=getattr(args, "label_separator", None), delimiter=getattr(args, "delimiter", None),
        header=getattr(args, "header", None), split=getattr(args, "mode", None), join=getattr(args, "join", "auto"),
        scheme=getattr(args, "scheme", "auto"), offsets=getattr(args, "offsets", "utf16"),
        label_set=getattr(args, "label_set", None), span_label_set=getattr(args, "span_label_set", None),
        parquet=getattr(args, "parquet", False),
    )


def cmd_import(args) -> int:
    from .core.formats import import_paths

    project = _project(args.dir)
    summary = import_paths(project, [Path(p) for p in args.files], args.format, _format_options(args),
                           on_error=args.on_error, duplicates=args.duplicates, dry_run=args.dry_run)
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False))
    else:
        for details in summary.files:
            print(f"{details.path}: {details.format}, {details.encoding}; {details.records} records")
        for problem in summary.problems:
            print(f"{problem.severity}: {problem}", file=sys.stderr)
        if summary.errors > len([p for p in summary.problems if p.severity == "error"]):
            print(f"(only the first {len(summary.problems)} report rows are shown)", file=sys.stderr)
        verb = "Rolled back the import of"
        if summary.dry_run:
            verb = "Would import"
        elif summary.committed:
            verb = "Imported"
        print(
            f"{verb} {summary.documents} document(s) ({summary.characters} characters) from "
            f"{len(summary.files)} file(s); skipped {summary.blank_skipped} blank line(s); "
            f"merged {summary.merged} duplicate(s); {summary.labels} document labels and {summary.spans} spans; "
            f"{summary.errors} error(s)."
        )
    if summary.errors and not summary.committed and not summary.dry_run:
        raise CliError(
            f"{summary.errors} record(s) or annotation(s) are invalid, so nothing was imported. Fix the rows "
            "listed above, or pass --on-error valid to import the valid records and skip the rest."
        )
    return 0


def cmd_export(args) -> int:
    from .core.formats import export_project

    project = _project(args.dir)
    summary = export_project(project, args.format, Path(args.out), _format_options(args))
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False))
        return 0
    for problem in summary.problems:
        print(f"{problem.severity}: {problem}", file=sys.stderr)
    print(f"Exported {summary.records} documents as {summary.format} to {summary.path}; "
          f"{summary.dropped} annotation(s) could not be written (listed above).")
    return 0


def cmd_info(args) -> int:
    project = _project(args.dir)
    summary = project.summary()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        for key, value in summary.items():
            print(f"{key}: {value}")
    return 0


def cmd_tokenizer(args) -> int:
    from .core.tokenizer import train_project_tokenizer

    project = _project(args.dir)
    info = train_project_tokenizer(project, args.kind, args.vocab_size)
    print(f"Trained a {info['kind']} tokenizer with {info['vocab_size']} tokens: {project.tokenizer_path}")
    return 0


def cmd_encode(args) -> int:
    from .core.encoding import encode_project

    project = _project(args.dir)
    meta = encode_project(project, val_fraction=args.val_fraction, seed=args.seed)
    print(
        f"Encoded {meta['train_documents']} training documents ({meta['train_tokens']} tokens) and "
        f"{meta['val_documents']} validation documents ({meta['val_tokens']} tokens) as {meta['dtype']}."
    )
    return 0


def _print_removed(project, run_id: int | None, limit: int) -> None:
    from .core.preprocess import store

    if run_id is None:
        latest = store.latest_finished_run(project)
        if latest is None:
            raise CliError(f"{project.root} has no finished preprocessing run; run 'workbench preprocess {project.root}' first.")
        run_id = latest["id"]
    try:
        store.run(project, run_id)
    except KeyError as exc:
        raise CliError(str(exc.args[0])) from exc
    reasons = store.removal_reasons(project, run_id)
    print(f"Run {run_id} set aside {sum(reasons.values())} document(s): "
          + (", ".join(f"{reason} {count}" for reason, count in reasons.items()) or "none"))
    for row in store.removed_documents(project, run_id, limit=limit, preview_chars=60):
        extra = f" (copy of {row['duplicate_of']})" if row["duplicate_of"] is not None else ""
        preview = row["preview"].replace("\n", " ")
        print(f"{row['document_id']:>8}  {row['reason']}{extra}  {preview}")


def cmd_preprocess(args) -> int:
    from .core.jobs import JobContext
    from .core.preprocess import (
        PipelineConfig,
        PipelineConfigError,
        PipelineError,
        load_config,
        load_project_config,
        run_pipeline,
        save_project_config,
    )
    from .core.preprocess import store
    from .core.preprocess.config import config_path

    project = _project(args.dir)
    if args.removed is not None:
        _print_removed(project, args.removed or None, args.limit)
        return 0
    if args.undo_normalise is not None:
        restored = store.undo_normalisation(project, args.undo_normalise)
        print(f"Restored the text of {restored} document(s) that run {args.undo_normalise} normalised.")
        return 0
    try:
        if args.init:
            path = config_path(project)
            if path.exists() and not args.force:
                raise CliError(f"{path} already exists; pass --force to replace it with the defaults.")
            save_project_config(project, PipelineConfig())
            print(f"Wrote the default pipeline to {path}; edit it, then run 'workbench preprocess {project.root}'.")
            return 0
        config = load_config(args.config) if args.config else load_project_config(project)
        if args.save:
            print(f"Saved the pipeline to {save_project_config(project, config)}")
    except PipelineConfigError as exc:
        raise CliError(str(exc)) from exc

    last_message = [""]

    def show(event) -> None:
        if event.kind == "progress" and event.data["message"] != last_message[0]:
            last_message[0] = event.data["message"]
            print(f"{event.data['message']}…", file=sys.stderr, flush=True)

    try:
        result = run_pipeline(project, config, JobContext(on_event=None if args.json else show))
    except (PipelineError, PipelineConfigError) as exc:
        raise CliError(str(exc)) from exc
    except KeyboardInterrupt:
        raise CliError("Preprocessing interrupted; the run is recorded as failed and no document was deleted.") from None
    if args.json:
        print(json.dumps({k: v for k, v in result.items() if k != "stats"}, ensure_ascii=False))
        return 0
    print(f"Run {result['run_id']}: kept {result['kept']} of {result['documents']} documents in {result['seconds']} s.")
    for step in result["steps"]:
        line = f"  {step['step']:<10} {step['documents_in']:>9} → {step['documents_out']:<9}"
        if step["removed"]:
            line += f" removed {step['removed']}"
        if step["changed"]:
            line += f" changed {step['changed']}"
        if step["notes"]:
            line += "  " + "; ".join(step["notes"])
        print(line)
    if result["removed"]:
        print("Reasons: " + ", ".join(f"{reason} {count}" for reason, count in result["removed"].items()))
        print(f"List them with 'workbench preprocess {project.root} --removed'.")
    return 0


def _parse_settings(pairs: list[str]) -> dict:
    from .core.train_config import parse_assignments

    try:
        return parse_assignments(pairs)
    except ValueError as exc:
        raise CliError(f"--set {exc} Run 'workbench train --help' for the list.") from None


def _print_training_event(event) -> None:
    if event.kind == "started":
        print(
            f"run {event.data['run_id']} on {event.data['device']}: {event.data['parameters']:,} parameters, "
            f"{event.data['train_tokens']:,} training tokens",
            flush=True,
        )
    elif event.kind == "warning":
        print(f"warning: {event.data['message']}", flush=True)
    elif event.kind == "metrics":
        parts = [f"step {event.data['step']}/{event.data['total']}"]
        if "train_loss" in event.data:
            parts.append(f"train loss {event.data['train_loss']:.4f}")
        if "val_loss" in event.data:
            parts.append(f"val loss {event.data['val_loss']:.4f}")
        if "tokens_per_second" in event.data:
            parts.append(f"{event.data['tokens_per_second']:,.0f} tokens/s")
        if event.data.get("eta_seconds") and event.data["step"] < event.data["total"]:
            parts.append(f"ETA {event.data['eta_seconds']:.0f} s")
        print(", ".join(parts), flush=True)


def cmd_train(args) -> int:
    from .core.jobs import JobContext
    from .core.train_config import build_config, read_toml
    from .core.training import resume, train

    if args.task != "lm":
        return cmd_finetune(args)
    if args.label_set is not None or args.from_run is not None:
        raise CliError("--label-set and --from-run apply only to fine-tuning (--task classify or ner).")
    project = _project(args.dir)
    overrides = _parse_settings(args.set or [])
    for key in ("steps", "batch_size", "seq_len", "device", "preset"):
        value = getattr(args, key)
        if value is not None:
            overrides[key] = value
    ctx = JobContext(on_event=None if args.json else _print_training_event)
    try:
        if args.resume is not None:
            if args.config:
                raise CliError("--config cannot be combined with --resume; the run keeps its saved settings.")
            result = resume(project, args.resume, ctx, overrides)
        else:
            file_settings = read_toml(Path(args.config)) if args.config else {}
            config = build_config(file_settings, overrides)
            result = train(project, config, ctx)
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    except KeyboardInterrupt:
        raise CliError("Training interrupted; the run keeps its last periodic checkpoint "
                       "('workbench train DIR --resume ID' continues it).") from None
    if args.json:
        print(json.dumps(result))
    else:
        if result["status"] != "finished" or result["reason"] != "completed":
            print(f"Run {result['run_id']} {result['status']} at step {result['steps']} ({result['reason']}).")
        print(f"Checkpoint: {result['checkpoint'] or 'none saved'}")
        if result.get("best_checkpoint"):
            print(f"Best checkpoint (validation loss {result['best_val_loss']:.4f}): {result['best_checkpoint']}")
    return 0


def cmd_runs(args) -> int:
    from .core.run_records import list_runs

    project = _project(args.dir)
    runs = list_runs(project)
    if args.json:
        print(json.dumps(runs, ensure_ascii=False))
        return 0
    if not runs:
        print(f"No runs yet. Train one with 'workbench train {project.root}'.")
    for run in runs:
        loss = f"{run['val_loss']:.4f}" if run["val_loss"] is not None else "-"
        best = f"{run['best_val_loss']:.4f}" if run["best_val_loss"] is not None else "-"
        print(f"{run['id']:>4}  {run['task']:<8} {run['status']:<9} step {run['step'] or 0:>7}  "
              f"val loss {loss:>7}  best {best:>7}  {run['created_at']}  {run['notes']}")
    return 0


def cmd_metrics(args) -> int:
    from .core.run_records import write_metrics_csv

    project = _project(args.dir)
    try:
        if args.out:
            count = write_metrics_csv(project, args.run, Path(args.out))
            print(f"Wrote {count} metric rows to {args.out}")
        else:
            write_metrics_csv(project, args.run, sys.stdout)
    except KeyError as exc:
        raise CliError(str(exc.args[0])) from None
    return 0


def cmd_generate(args) -> int:
    from .core.export import run_checkpoint
    from .core.generation import generate_text

    project = _project(args.dir)
    _, checkpoint = run_checkpoint(project, args.run)
    try:
        result = generate_text(
            checkpoint, project.tokenizer_path, args.prompt, max_new_tokens=args.max_tokens,
            temperature=args.temperature, top_k=args.top_k, seed=args.seed,
        )
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(result["prompt"] + result["text"])
    return 0


def cmd_finetune(args) -> int:
    from .core.finetune import FinetuneConfig, finetune
    from .core.jobs import JobContext

    project = _project(args.dir)
    try:
        settings = FinetuneConfig.parse_settings(args.set or [])
        settings.update(task=args.task, label_set=args.label_set or settings.get("label_set", "default"))
        for key in ("steps", "batch_size", "seq_len", "device", "from_run"):
            if getattr(args, key) is not None:
                settings[key] = getattr(args, key)
        config = FinetuneConfig.from_dict(settings)
        config.validate()
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    ctx = JobContext(on_event=None if args.json else _print_training_event)
    try:
        result = finetune(project, config, ctx)
    except KeyboardInterrupt:
        raise CliError("Fine-tuning interrupted; no checkpoint was written for this run.") from None
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        from .core.evaluation import format_report

        print(format_report(result["evaluation"]))
        print(f"Checkpoint: {result['checkpoint']}")
    return 0


def cmd_eval(args) -> int:
    from .core.evaluation import evaluate_run, format_report

    project = _project(args.dir)
    report = evaluate_run(project, args.run)
    print(json.dumps(report, ensure_ascii=False) if args.json else format_report(report))
    return 0


def cmd_predict(args) -> int:
    from .core.predict import predict_documents

    project = _project(args.dir)
    if args.text is not None:
        from .core.predict import predict_text

        prediction = predict_text(project, args.run, args.text)
        if args.json:
            print(json.dumps(prediction, ensure_ascii=False))
        elif prediction["kind"] == "spans":
            for span in prediction["spans"]:
                print(f"[{span['start']}, {span['end']}) {span['label']}: {span['text']} ({span['score']:.3f})")
        else:
            for row in prediction["labels"]:
                print(f"{'*' if row['chosen'] else ' '} {row['label']}: {row['probability']:.4f}")
        return 0
    summary = predict_documents(project, args.run, unlabelled_only=args.unlabelled_only)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        written = f"{summary['spans']} spans" if summary["kind"] == "spans" else f"{summary['labels']} labels"
        print(f"Pre-annotated {summary['documents']} documents in label set {summary['label_set']!r} with {written}.")
        if summary["most_uncertain"]:
            print("Most uncertain unlabelled documents: " + ", ".join(map(str, summary["most_uncertain"])))
    return 0


def cmd_export_model(args) -> int:
    project = _project(args.dir)
    from .core.export import export_project_run

    out = export_project_run(project, args.run, Path(args.out) if args.out else None, args.format)
    print(f"Exported to {out}")
    return 0


def cmd_attention(args) -> int:
    from .core.attention import (
        attention_from_checkpoint, attention_rollout, head_statistics, mean_over_heads, save_npy, write_csv,
    )
    from .core.export import run_checkpoint

    project = _project(args.dir)
    _, checkpoint = run_checkpoint(project, args.run)
    try:
        tokens, weights = attention_from_checkpoint(checkpoint, project.tokenizer_path, args.text)
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    layers, heads = weights.shape[:2]
    if not (0 <= args.layer < layers and 0 <= args.head < heads):
        raise CliError(f"Layer {args.layer} head {args.head} does not exist; the model has {layers} layers and {heads} heads (counted from 0).")
    if args.view == "mean":
        matrix = mean_over_heads(weights)[args.layer]
    elif args.view == "rollout":
        matrix = attention_rollout(weights)[args.layer]
    else:
        matrix = weights[args.layer, args.head]
    if args.out:
        out = Path(args.out)
        if out.suffix.lower() == ".csv":
            write_csv(out, tokens, weights)
        else:
            out = save_npy(out, weights)
        print(f"Saved weights of shape {weights.shape} (layer, head, query, key) to {out}")
    if args.stats:
        print("layer head entropy distance first_token")
        for layer, head, entropy, distance, first in head_statistics(weights).rows():
            print(f"{layer:5d} {head:4d} {entropy:7.4f} {distance:8.4f} {first:11.4f}")
        return 0
    print("tokens: " + " | ".join(tokens))
    for token, row in zip(tokens, matrix):
        print(f"{token:>6} " + " ".join(f"{v:.2f}" for v in row))
    return 0


def cmd_demo(args) -> int:
    from .core.encoding import encode_project
    from .core.export import export_project_run
    from .core.importing import import_files
    from .core.jobs import JobContext
    from .core.project import create_project
    from .core.tokenizer import train_project_tokenizer
    from .core.training import TrainConfig, train

    corpus = EXAMPLE_PROJECT / "corpus"
    if not corpus.is_dir():
        raise CliError(f"The example corpus {corpus} is missing; reinstall LM Workbench from a full checkout.")
    target = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="workbench-demo-"))
    if (target / "project.sqlite").exists():
        if not args.force:
            raise CliError(f"{target} already contains a project; pass --force to replace it or choose another --dir.")
        shutil.rmtree(target)
    started = time.perf_counter()
    project = create_project(target)
    print(f"1/5 project: {project.root}")
    report = import_files(project, [corpus], mode="paragraph")
    print(f"2/5 imported {report.documents} documents ({report.characters} characters) from {len(report.files)} files")
    info = train_project_tokenizer(project, "char", 4000)
    print(f"3/5 trained a {info['kind']} tokenizer with {info['vocab_size']} tokens")
    meta = encode_project(project)
    print(f"4/5 encoded {meta['train_tokens']} training and {meta['val_tokens']} validation tokens")
    config = TrainConfig(steps=args.steps, eval_interval=max(args.steps // 4, 1), log_interval=max(args.steps // 20, 1),
                         warmup_steps=min(50, args.steps // 10), seq_len=64, batch_size=16)
    result = train(project, config, JobContext(on_event=_print_training_event))
    out = export_project_run(project, result["run_id"], None)
    print(f"5/5 exported the model to {out}")
    print(
        f"Done in {time.perf_counter() - started:.0f} s: train loss {result['train_loss']:.3f}, "
        f"validation loss {result['val_loss']:.3f}. Open the project with: workbench open {project.root}"
    )
    return 0


def cmd_settings(args) -> int:
    from .core.settings import Settings, describe_setting, load_settings, parse_setting, save_settings

    loaded = load_settings()
    for problem in loaded.problems:
        print(f"warning: {problem}", file=sys.stderr)
    settings = Settings() if args.reset else loaded.settings
    if args.reset:
        settings.recent_projects = loaded.settings.recent_projects
    for pair in args.set or []:
        name, separator, value = pair.partition("=")
        if not separator:
            raise CliError(f"--set {pair!r} is invalid; write it as KEY=VALUE, e.g. --set theme=dark.")
        try:
            setattr(settings, name.strip(), parse_setting(name.strip(), value))
        except ValueError as exc:
            raise CliError(str(exc)) from None
    if args.set or args.reset:
        save_settings(settings, loaded.path)
    if args.json:
        print(json.dumps(settings.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(f"Settings file: {loaded.path}")
    for name, value in settings.to_dict().items():
        if name in ("version", "window_geometry", "window_state"):
            continue
        print(f"  {name} = {value!r}    # {describe_setting(name)}")
    return 0


def _add_field_options(p) -> None:
    p.add_argument("--text-field", "--text-column", dest="text_field",
                   help="JSON field or CSV column (name or 1-based number) holding the text (default: text)")
    p.add_argument("--label-field", "--label-column", dest="label_field",
                   help="JSON field or CSV column with the document labels (CSV default: a column named label, "
                   "category or similar; JSON default: none, so every other field is metadata; export writes 'label')")
    p.add_argument("--label-separator", help="CSV/TSV: separator between several labels in one cell (export default |)")
    p.add_argument("--delimiter", help="CSV/TSV: field delimiter (default , for CSV and tab for TSV; 'tab' for a tab)")
    p.add_argument("--scheme", choices=["auto", "iob2", "bioes"], default="auto",
                   help="CoNLL: tag scheme (import detects it; export writes IOB2 unless bioes)")
    p.add_argument("--offsets", choices=["utf16", "codepoints"], default="utf16",
                   help="doccano: offsets count UTF-16 code units (doccano's default) or code points")
    p.add_argument("--label-set", help="label set for document labels (default 'default'; on export, only this set)")
    p.add_argument("--span-label-set", help="label set for spans (default 'entities'; on export, only this set)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="LM Workbench: label text, prepare a corpus, train a small Transformer and inspect it. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("new", help="create a project folder")
    p.add_argument("dir", help="folder for the new project (created if missing)")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("open", help="open a project in the window")
    p.add_argument("dir", help="project folder")

    from .core.formats.registry import format_names

    names = format_names()
    p = sub.add_parser("import", help="import text or annotated data (plain text, CSV/TSV, JSON/JSONL, doccano, "
                       "Label Studio, CoNLL, brat, spaCy/Prodigy, datasets folders)")
    p.add_argument("dir", help="project folder")
    p.add_argument("files", nargs="+", help="files or folders to import (UTF-8 or UTF-16 with BOM, optionally .gz)")
    p.add_argument("--format", choices=names, help="input format (default: detected from the name and first lines)")
    p.add_argument("--mode", choices=["line", "paragraph", "file"],
                   help="how plain text splits into documents: one per line (default for files), "
                   "per blank-line-separated paragraph, or one per file (default for folders)")
    _add_field_options(p)
    p.add_argument("--header", action=argparse.BooleanOptionalAction, default=None,
                   help="CSV/TSV: the first row is (or, with --no-header, is not) a header (default: detected)")
    p.add_argument("--join", choices=["auto", "space", "none"], default="auto",
                   help="CoNLL: join tokens with spaces, without spaces (Chinese), or choose by script (default)")
    p.add_argument("--on-error", choices=["nothing", "valid"], default="nothing",
                   help="when some records are invalid: import nothing (default) or the valid records")
    p.add_argument("--duplicates", choices=["merge", "keep"],
                   help="a text that is already stored: merge its labels into that document, or store it again "
                   "(default: keep for plain text, merge for every other format)")
    p.add_argument("--dry-run", action="store_true", help="read and check everything, store nothing")
    p.add_argument("--json", action="store_true", help="print the import report as JSON")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="export documents and annotations in another tool's format")
    p.add_argument("dir", help="project folder")
    p.add_argument("--format", choices=names, required=True, help="output format")
    p.add_argument("--out", required=True, help="output file (a folder for brat and datasets; .gz compresses)")
    p.add_argument("--mode", choices=["line", "paragraph"], help="plain text: one document per line (default) "
                   "or per paragraph")
    _add_field_options(p)
    p.add_argument("--parquet", action="store_true", help="datasets: write Parquet (needs pyarrow) instead of JSONL")
    p.add_argument("--json", action="store_true", help="print the export report as JSON")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("info", help="show a project's documents, tokenizer, corpus and runs")
    p.add_argument("dir", help="project folder")
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("tokenizer", help="train the project's tokenizer")
    p.add_argument("dir", help="project folder")
    p.add_argument("--kind", choices=["char", "bytebpe", "cjkbpe", "wordpiece", "unigram"], default="bytebpe",
                   help="char: one token per character; bytebpe: byte-level BPE (default); cjkbpe: BPE that "
                   "learns multi-character Chinese words; wordpiece: BERT-style; unigram: SentencePiece-style")
    p.add_argument("--vocab-size", type=int, default=4000, help="maximum number of tokens (default 4000)")
    p.set_defaults(func=cmd_tokenizer)

    p = sub.add_parser("encode", help="encode documents into training and validation token arrays")
    p.add_argument("dir", help="project folder")
    p.add_argument("--val-fraction", type=float, default=0.1, help="share of documents for validation (default 0.1)")
    p.add_argument("--seed", type=int, default=0, help="seed of the document split (default 0)")
    p.set_defaults(func=cmd_encode)

    p = sub.add_parser(
        "preprocess",
        help="run the corpus pipeline: normalise, filter, deduplicate, split, train the tokenizer, encode",
        description="Run the pipeline saved in the project's pipeline.toml (or the defaults), or the one "
        "in --config. Documents are never deleted: each one set aside keeps its reason.",
    )
    p.add_argument("dir", help="project folder")
    p.add_argument("--config", help="pipeline TOML file to run instead of the project's pipeline.toml")
    p.add_argument("--save", action="store_true", help="also save the pipeline that runs as the project's pipeline.toml")
    p.add_argument("--init", action="store_true", help="write the default pipeline.toml into the project and stop")
    p.add_argument("--force", action="store_true", help="with --init, replace an existing pipeline.toml")
    p.add_argument("--removed", type=int, nargs="?", const=0, metavar="RUN",
                   help="list the documents a run set aside (default: the latest finished run) and stop")
    p.add_argument("--limit", type=int, default=50, help="with --removed, how many documents to list (default 50)")
    p.add_argument("--undo-normalise", type=int, metavar="RUN",
                   help="put back the texts (and span offsets) that run RUN normalised, and stop")
    p.add_argument("--json", action="store_true", help="print the run's counts as one JSON object")
    p.set_defaults(func=cmd_preprocess)

    from .core.training import TrainConfig
    from .core.train_config import PRESETS, TrainConfig

    settings = ", ".join(f"{name}={value}" for name, value in vars(TrainConfig()).items())
    p = sub.add_parser(
        "train", help="pre-train a language model on the encoded corpus, or resume a run",
        epilog=f"Settings for --set and --config, with their defaults: {settings}. Order of precedence: "
        "the preset, then the --config file, then --set, then --steps/--batch-size/--seq-len/--device.",
    )
    p.add_argument("dir", help="project folder")
    p.add_argument("--preset", choices=sorted(PRESETS), help="model and batch sizes to start from (default tiny)")
    p.add_argument("--config", metavar="FILE.toml",
                   help="TOML file of settings: top-level keys or a [train] table, e.g. steps = 2000")
    p.add_argument("--resume", type=int, metavar="RUN_ID",
                   help="continue run RUN_ID from its latest checkpoint, exactly where it stopped")
    p.add_argument("--steps", type=int, help="optimizer steps (default 500)")
    p.add_argument("--batch-size", type=int, help="sequences per micro-batch (default 12)")
    p.add_argument("--seq-len", type=int, help="context length in tokens (default 64)")
    p.add_argument("--device", help="auto (default: CUDA, then MPS, then CPU), cpu, cuda or mps")
    p.add_argument("--set", action="append", metavar="KEY=VALUE",
                   help="any training setting, e.g. --set learning_rate=3e-4 (repeatable)")
    p.add_argument("--json", action="store_true", help="print only the final metrics, as one JSON object")
    from .core.finetune import FinetuneConfig

    finetune_settings = ", ".join(f"{name}={value}" for name, value in vars(FinetuneConfig()).items())
    p.add_argument("--task", choices=["lm", "classify", "ner"], default="lm",
                   help="lm: pre-train on the encoded corpus (default); classify: fine-tune a document "
                   "classifier on a classify or multilabel label set; ner: fine-tune a token tagger on a spans "
                   f"label set. Settings for --set when fine-tuning, with their defaults: {finetune_settings}.")
    p.add_argument("--label-set", help="label set to fine-tune on (classify and ner; default 'default')")
    p.add_argument("--from-run", type=int, help="start fine-tuning from this run's weights (default: from scratch)")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("eval", help="evaluate a run on its validation split and store the report")
    p.add_argument("dir", help="project folder")
    p.add_argument("--run", type=int, required=True, help="run id")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("predict", help="pre-annotate documents with a fine-tuned run")
    p.add_argument("dir", help="project folder")
    p.add_argument("--run", type=int, required=True, help="fine-tuned run id (task classify or ner)")
    p.add_argument("--text", help="predict this text only and print the result; nothing is stored")
    p.add_argument("--unlabelled-only", action="store_true",
                   help="skip documents that already have human annotations in the run's label set")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=cmd_predict)

    p = sub.add_parser("runs", help="list the training runs with their final metrics and notes")
    p.add_argument("dir", help="project folder")
    p.add_argument("--json", action="store_true", help="print as JSON, with each run's settings")
    p.set_defaults(func=cmd_runs)

    p = sub.add_parser("metrics", help="export the metrics of runs as CSV (run_id, run_name, step, wall_time, name, value)")
    p.add_argument("dir", help="project folder")
    p.add_argument("--run", type=int, action="append", required=True, metavar="RUN_ID", help="run id (repeatable)")
    p.add_argument("--out", help="CSV file to write (default: standard output)")
    p.set_defaults(func=cmd_metrics)

    p = sub.add_parser("generate", help="generate text from a run's language-model checkpoint")
    p.add_argument("dir", help="project folder")
    p.add_argument("--run", type=int, help="run id (default: the latest run with a checkpoint)")
    p.add_argument("--prompt", default="", help="text to continue (default: start a new document)")
    p.add_argument("--max-tokens", type=int, default=200, help="tokens to generate (default 200)")
    p.add_argument("--temperature", type=float, default=0.8, help="sampling temperature; 0 is greedy (default 0.8)")
    p.add_argument("--top-k", type=int, default=40, help="sample among the k most likely tokens; 0 for all (default 40)")
    p.add_argument("--seed", type=int, help="random seed, for repeatable output")
    p.add_argument("--json", action="store_true", help="print the prompt, text and token counts as JSON")
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser("export-model", help="export a run as a Hugging Face folder or an ONNX model")
    p.add_argument("dir", help="project folder")
    p.add_argument("--run", type=int, help="run id (default: the latest run with a checkpoint)")
    p.add_argument("--format", choices=["hf", "onnx"], default="hf",
                   help="hf: a folder that transformers loads (default); onnx: model.onnx for onnxruntime, "
                        "which needs the onnx, onnxscript and onnxruntime packages")
    p.add_argument("--out", help="output folder (default: exports/run-ID-TIME in the project)")
    p.set_defaults(func=cmd_export_model)

    from .cli_annotate import add_parsers as add_annotation_parsers

    add_annotation_parsers(sub)

    p = sub.add_parser("attention", help="print a run's attention weights for a text")
    p.add_argument("dir", help="project folder")
    p.add_argument("--text", required=True, help="text to inspect")
    p.add_argument("--run", type=int, help="run id (default: the latest)")
    p.add_argument("--layer", type=int, default=0, help="layer, from 0 (default 0)")
    p.add_argument("--head", type=int, default=0, help="head, from 0 (default 0)")
    p.add_argument("--view", choices=["head", "mean", "rollout"], default="head",
                   help="head: one head (default); mean: the mean over the layer's heads; "
                        "rollout: attention rollout up to the layer")
    p.add_argument("--stats", action="store_true",
                   help="print per-head entropy (nats), mean distance from the diagonal (tokens) and "
                        "share on the first token instead of the matrix")
    p.add_argument("--out", help="save all weights, shaped (layer, head, query, key): .csv as a table "
                                 "with tokens, otherwise .npy")
    p.set_defaults(func=cmd_attention)

    p = sub.add_parser("demo", help="run the whole loop on the example corpus, headless")
    p.add_argument("--dir", help="folder for the demo project (default: a new temporary folder)")
    p.add_argument("--steps", type=int, default=300, help="training steps (default 300)")
    p.add_argument("--force", action="store_true", help="replace a project already in --dir")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("settings", help="show or change the user settings (WORKBENCH_HOME relocates them)")
    p.add_argument("--set", action="append", metavar="KEY=VALUE",
                   help="change a setting, e.g. --set language=zh_CN or --set autosave_seconds=30 (repeatable)")
    p.add_argument("--reset", action="store_true", help="restore every setting to its default, keeping recent projects")
    p.add_argument("--json", action="store_true", help="print the settings as JSON")
    p.set_defaults(func=cmd_settings)
    return parser


def main(argv: list[str] | None = None) -> int:
    from .core.logs import configure_logging

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    configure_logging()
    from .core.annotations import AnnotationError
    from .core.checkpoints import CheckpointError
    from .core.encoding import EncodingError
    from .core.export import ExportError
    from .core.formats import FormatError, InputError
    from .core.importing import ImportFailed
    from .core.project import ProjectError
    from .core.tokenizer import TokenizerError
    from .core.training import TrainingError

    from .core.evaluation import EvaluationError
    from .core.finetune import FinetuneError
    from .core.predict import PredictionError

    expected = (CliError, ProjectError, ImportFailed, TokenizerError, EncodingError,
                CheckpointError, ExportError, AnnotationError, EvaluationError, FinetuneError, PredictionError,
                FormatError, InputError,
                TrainingError)
    try:
        return args.func(args)
    except expected as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
