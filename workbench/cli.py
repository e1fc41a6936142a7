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


def cmd_import(args) -> int:
    from .core.importing import import_files

    project = _project(args.dir)
    report = import_files(project, [Path(p) for p in args.files], mode=args.mode)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        print(
            f"Imported {report.documents} documents ({report.characters} characters) from "
            f"{len(report.files)} file(s); skipped {report.blank_skipped} blank line(s)."
        )
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


def cmd_export_model(args) -> int:
    project = _project(args.dir)
    from .core.export import export_project_run

    out = export_project_run(project, args.run, Path(args.out) if args.out else None)
    print(f"Exported to {out}")
    return 0


def cmd_labels(args) -> int:
    from .core import annotations

    project = _project(args.dir)
    label_set = annotations.ensure_label_set(project, args.label_set)
    for name in args.add or []:
        label = annotations.add_label(project, label_set, name)
        print(f"Added label {label.name!r} (key {label.shortcut or 'none'})")
    for label in annotations.labels(project, label_set):
        print(f"{label.shortcut or '-'}  {label.name}")
    return 0


def cmd_label(args) -> int:
    from .core import annotations

    project = _project(args.dir)
    label_set = annotations.ensure_label_set(project, args.label_set)
    by_name = {label.name: label for label in annotations.labels(project, label_set)}
    if args.label not in by_name:
        known = ", ".join(by_name) or "none yet"
        raise CliError(f"Label {args.label!r} not found (labels: {known}). Add it with 'workbench labels DIR --add NAME'.")
    try:
        project.document(args.doc)
    except KeyError as exc:
        raise CliError(str(exc.args[0])) from exc
    annotations.set_document_label(project, args.doc, label_set, by_name[args.label].id)
    print(f"Document {args.doc}: {args.label}")
    return 0


def cmd_attention(args) -> int:
    import numpy as np

    from .core.attention import attention_from_checkpoint

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
    matrix = weights[args.layer, args.head]
    if args.out:
        np.save(args.out, weights)
        print(f"Saved weights of shape {weights.shape} (layer, head, query, key) to {args.out}")
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

    p = sub.add_parser("import", help="import .txt, .jsonl files or folders of .txt files")
    p.add_argument("dir", help="project folder")
    p.add_argument("files", nargs="+", help="files or folders to import (UTF-8)")
    p.add_argument("--mode", choices=["line", "paragraph", "file"],
                   help="how a .txt file splits into documents: one per line (default for files), "
                   "per blank-line-separated paragraph, or one per file (default for folders)")
    p.add_argument("--json", action="store_true", help="print the import report as JSON")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("info", help="show a project's documents, tokenizer, corpus and runs")
    p.add_argument("dir", help="project folder")
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("tokenizer", help="train the project's tokenizer")
    p.add_argument("dir", help="project folder")
    p.add_argument("--kind", choices=["char", "bytebpe"], default="bytebpe",
                   help="char: one token per character; bytebpe: byte-level BPE (default)")
    p.add_argument("--vocab-size", type=int, default=4000, help="maximum number of tokens (default 4000)")
    p.set_defaults(func=cmd_tokenizer)

    p = sub.add_parser("encode", help="encode documents into training and validation token arrays")
    p.add_argument("dir", help="project folder")
    p.add_argument("--val-fraction", type=float, default=0.1, help="share of documents for validation (default 0.1)")
    p.add_argument("--seed", type=int, default=0, help="seed of the document split (default 0)")
    p.set_defaults(func=cmd_encode)

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
    p.set_defaults(func=cmd_train)

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

    p = sub.add_parser("export-model", help="export a run as a Hugging Face folder")
    p.add_argument("dir", help="project folder")
    p.add_argument("--run", type=int, help="run id (default: the latest run with a checkpoint)")
    p.add_argument("--out", help="output folder (default: exports/run-ID-TIME in the project)")
    p.set_defaults(func=cmd_export_model)

    p = sub.add_parser("labels", help="list or add document labels")
    p.add_argument("dir", help="project folder")
    p.add_argument("--add", action="append", metavar="NAME", help="add a label (repeatable)")
    p.add_argument("--label-set", default="default", help="label set name (default 'default')")
    p.set_defaults(func=cmd_labels)

    p = sub.add_parser("label", help="label one document")
    p.add_argument("dir", help="project folder")
    p.add_argument("--doc", type=int, required=True, help="document id")
    p.add_argument("--label", required=True, help="label name")
    p.add_argument("--label-set", default="default", help="label set name (default 'default')")
    p.set_defaults(func=cmd_label)

    p = sub.add_parser("attention", help="print a run's attention weights for a text")
    p.add_argument("dir", help="project folder")
    p.add_argument("--text", required=True, help="text to inspect")
    p.add_argument("--run", type=int, help="run id (default: the latest)")
    p.add_argument("--layer", type=int, default=0, help="layer, from 0 (default 0)")
    p.add_argument("--head", type=int, default=0, help="head, from 0 (default 0)")
    p.add_argument("--out", help="save all weights as .npy, shaped (layer, head, query, key)")
    p.set_defaults(func=cmd_attention)

    p = sub.add_parser("demo", help="run the whole loop on the example corpus, headless")
    p.add_argument("--dir", help="folder for the demo project (default: a new temporary folder)")
    p.add_argument("--steps", type=int, default=300, help="training steps (default 300)")
    p.add_argument("--force", action="store_true", help="replace a project already in --dir")
    p.set_defaults(func=cmd_demo)
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
    from .core.importing import ImportFailed
    from .core.project import ProjectError
    from .core.tokenizer import TokenizerError
    from .core.training import TrainingError

    expected = (CliError, ProjectError, ImportFailed, TokenizerError, EncodingError,
                CheckpointError, ExportError, AnnotationError, TrainingError)
    try:
        return args.func(args)
    except expected as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
