"""CLI subcommands for annotation: label schemas, document labels, marks, spans, undo and redo.

Each command is the command-line form of an Annotate tab action and writes through the
same core functions, so it records the same undo history.
"""

from __future__ import annotations

import argparse
import json

from .core import annotation_history, annotations
from .core.project import open_project


class _Usage(annotations.AnnotationError):
    """A command-line usage error, printed like other annotation errors (exit status 2)."""


def _label_set(project, args, create: bool = False) -> annotations.LabelSet:
    if create:
        label_set_id = annotations.ensure_label_set(project, args.label_set, args.kind)
        return annotations.label_set(project, label_set_id)
    return annotations.find_label_set(project, args.label_set)


def _usage_text(counts: dict[str, int]) -> str:
    return f"{counts['document_labels']} document label(s) and {counts['spans']} span(s)"


def cmd_labels(args) -> int:
    project = open_project(args.dir)
    label_set = _label_set(project, args, create=True)

    for name in args.add or []:
        label = annotations.add_label(project, label_set.id, name, annotator=args.annotator)
        print(f"Added label {label.name!r} (key {label.shortcut or 'none'})")
    for old, new in args.rename or []:
        label = annotations.find_label(project, label_set.id, old)
        counts = annotations.label_usage(project, label.id)
        annotations.update_label(project, label.id, name=new, annotator=args.annotator)
        print(f"Renamed label {old!r} to {new!r}; {_usage_text(counts)} now show the new name.")
    edits = (("key", "shortcut", "key"), ("color", "color", "colour"), ("describe", "description", "description"))
    for option, field, word in edits:
        for name, value in getattr(args, option) or []:
            label = annotations.find_label(project, label_set.id, name)
            annotations.update_label(project, label.id, annotator=args.annotator, **{field: value})
            print(f"Label {name!r} now has {word} {value!r}")
    for source, target in args.merge or []:
        source_label = annotations.find_label(project, label_set.id, source)
        target_label = annotations.find_label(project, label_set.id, target)
        counts = annotations.merge_labels(project, source_label.id, target_label.id, annotator=args.annotator)
        print(f"Merged label {source!r} into {target!r}: moved {_usage_text(counts)}.")
    for name in args.delete or []:
        label = annotations.find_label(project, label_set.id, name)
        counts = annotations.delete_label(project, label.id, annotator=args.annotator)
        print(f"Deleted label {name!r} with {_usage_text(counts)}.")

    rows = []
    for label in annotations.labels(project, label_set.id):
        counts = annotations.label_usage(project, label.id)
        rows.append({"name": label.name, "key": label.shortcut, "color": label.color,
                     "description": label.description, **counts})
    if args.json:
        print(json.dumps({"label_set": label_set.name, "kind": label_set.kind, "labels": rows}, ensure_ascii=False))
        return 0
    for row in rows:
        used = row["spans"] if label_set.kind == "spans" else row["document_labels"]
        description = f"  {row['description']}" if row["description"] else ""
        print(f"{row['key'] or '-'}  {row['name']}  ({used} used){description}")
    return 0


def cmd_label(args) -> int:
    project = open_project(args.dir)
    label_set = _label_set(project, args)
    names = args.label or []
    ids = [annotations.find_label(project, label_set.id, name).id for name in names]
    try:
        project.document(args.doc)
    except KeyError as exc:
        raise _Usage(str(exc.args[0])) from exc
    if label_set.kind == "spans":
        raise _Usage(f"Label set {label_set.name!r} labels spans; use 'workbench span add' instead.")
    if label_set.kind == "classify" and len(ids) > 1:
        raise _Usage(f"Label set {label_set.name!r} takes one label per document, but {len(ids)} were given.")
    annotations.set_document_labels(project, args.doc, label_set.id, ids, annotator=args.annotator)
    print(f"Document {args.doc}: {', '.join(names) or 'no label'}")
    return 0


def cmd_mark(args) -> int:
    project = open_project(args.dir)
    label_set = _label_set(project, args)
    changed = annotations.set_mark(project, args.doc, label_set.id, args.kind, on=not args.clear,
                                   annotator=args.annotator, note=args.note or "")
    state = "cleared" if args.clear else "set"
    print(f"Document {args.doc}: {args.kind} {state}{'' if changed else ' (unchanged)'}")
    return 0


def cmd_span_add(args) -> int:
    project = open_project(args.dir)
    label_set = _label_set(project, args)
    if label_set.kind != "spans":
        raise _Usage(f"Label set {label_set.name!r} labels whole documents; choose a span label set with --label-set.")
    label = annotations.find_label(project, label_set.id, args.label)
    span_id = annotations.add_span(project, args.doc, label_set.id, label.id, args.start, args.end,
                                   annotator=args.annotator, whole_graphemes=True)
    text = project.document(args.doc)["text"]
    print(f"Added span {span_id}: [{args.start}, {args.end}) {label.name} {text[args.start:args.end]!r}")
    return 0


def cmd_span_list(args) -> int:
    project = open_project(args.dir)
    try:
        text = project.document(args.doc)["text"]
    except KeyError as exc:
        raise _Usage(str(exc.args[0])) from exc
    names = {}
    for label_set in annotations.label_sets(project):
        names.update({label.id: label.name for label in annotations.labels(project, label_set.id)})
    rows = [{**span, "label": names.get(span["label_id"], ""), "text": text[span["start"]:span["end"]]}
            for span in annotations.spans(project, args.doc)]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    for row in rows:
        print(f"{row['id']}  [{row['start']}, {row['end']})  {row['label']}  {row['text']!r}  ({row['origin']})")
    if not rows:
        print(f"Document {args.doc} has no spans.")
    return 0


def cmd_span_delete(args) -> int:
    project = open_project(args.dir)
    annotations.delete_span(project, args.id, annotator=args.annotator)
    print(f"Deleted span {args.id}")
    return 0


def _history_step(args, undo: bool) -> int:
    project = open_project(args.dir)
    done = 0
    for _ in range(args.steps):
        try:
            entry = annotation_history.undo(project) if undo else annotation_history.redo(project)
        except annotation_history.HistoryError as exc:
            raise _Usage(str(exc)) from exc
        if entry is None:
            break
        done += 1
        print(f"{'Undid' if undo else 'Redid'}: {entry.summary}")
    if done == 0:
        print("Nothing to undo." if undo else "Nothing to redo.")
    return 0


def cmd_undo(args) -> int:
    return _history_step(args, undo=True)


def cmd_redo(args) -> int:
    return _history_step(args, undo=False)


def cmd_history(args) -> int:
    project = open_project(args.dir)
    entries = annotation_history.history(project, args.limit)
    if args.json:
        print(json.dumps([entry.__dict__ for entry in entries], ensure_ascii=False))
        return 0
    for entry in entries:
        state = " (undone)" if entry.undone else ""
        print(f"{entry.id}  {entry.created_at}  {entry.annotator or '-'}  {entry.summary}{state}")
    return 0


def cmd_documents(args) -> int:
    project = open_project(args.dir)
    label_set_id = label_id = None
    if args.status != "all" or args.label:
        label_set = annotations.find_label_set(project, args.label_set)
        label_set_id = label_set.id
        if args.label:
            label_id = annotations.find_label(project, label_set.id, args.label).id
    ids = annotations.find_documents(project, label_set_id, search=args.search or "", status=args.status,
                                     label_id=label_id, annotator=args.annotator, sort=args.sort)
    previews = project.document_previews(ids[: args.limit], length=60)
    if args.json:
        print(json.dumps({"count": len(ids), "documents": [{"id": i, "preview": previews[i]} for i in ids[: args.limit]]},
                         ensure_ascii=False))
        return 0
    for doc_id in ids[: args.limit]:
        print(f"{doc_id}  {previews[doc_id]}".replace("\r", " ").replace("\n", " "))
    shown = min(len(ids), args.limit)
    print(f"{len(ids)} document(s) match" + (f"; showing the first {shown}" if shown < len(ids) else ""))
    return 0


def _common(parser: argparse.ArgumentParser, label_set: bool = True) -> None:
    parser.add_argument("dir", help="project folder")
    if label_set:
        parser.add_argument("--label-set", default="default", help="label set name (default 'default')")
    parser.add_argument("--annotator", default="", help="name recorded with the change (default: empty)")


def add_parsers(sub) -> None:
    """Register the annotation subcommands on the ``workbench`` subparsers ``sub``."""
    p = sub.add_parser("labels", help="list, add, rename, merge or delete labels of a label set")
    _common(p)
    p.add_argument("--kind", choices=annotations.LABEL_SET_KINDS, default="classify",
                   help="kind of a new label set: classify (one label per document), multilabel, or spans")
    p.add_argument("--add", action="append", metavar="NAME", help="add a label (repeatable)")
    p.add_argument("--rename", nargs=2, action="append", metavar=("OLD", "NEW"), help="rename a label")
    p.add_argument("--key", nargs=2, action="append", metavar=("NAME", "KEY"), help="set a label's shortcut key")
    p.add_argument("--color", nargs=2, action="append", metavar=("NAME", "COLOR"),
                   help="set a label's colour, e.g. '#e15759'")
    p.add_argument("--describe", nargs=2, action="append", metavar=("NAME", "TEXT"), help="set a label's description")
    p.add_argument("--merge", nargs=2, action="append", metavar=("SOURCE", "TARGET"),
                   help="move every annotation of SOURCE to TARGET and delete SOURCE")
    p.add_argument("--delete", action="append", metavar="NAME", help="delete a label and its annotations")
    p.add_argument("--json", action="store_true", help="print the label set as JSON, with usage counts")
    p.set_defaults(func=cmd_labels)

    p = sub.add_parser("label", help="label one document (repeat --label in a multilabel set)")
    _common(p)
    p.add_argument("--doc", type=int, required=True, help="document id")
    p.add_argument("--label", action="append", help="label name (omit to clear the document's labels)")
    p.set_defaults(func=cmd_label)

    p = sub.add_parser("mark", help="mark a document skipped, flagged for review, or done")
    _common(p)
    p.add_argument("--doc", type=int, required=True, help="document id")
    p.add_argument("--kind", choices=annotations.MARK_KINDS, required=True, help="the mark to set")
    p.add_argument("--clear", action="store_true", help="remove the mark instead of setting it")
    p.add_argument("--note", help="a note for reviewers")
    p.set_defaults(func=cmd_mark)

    span = sub.add_parser("span", help="add, list or delete spans").add_subparsers(dest="span_command",
                                                                                   metavar="ACTION", required=True)
    p = span.add_parser("add", help="add a span; offsets are code points, end-exclusive")
    _common(p)
    p.add_argument("--doc", type=int, required=True, help="document id")
    p.add_argument("--label", required=True, help="label name")
    p.add_argument("--start", type=int, required=True, help="first code point of the span, from 0")
    p.add_argument("--end", type=int, required=True, help="code point after the span's last one")
    p.set_defaults(func=cmd_span_add)
    p = span.add_parser("list", help="list a document's spans with their text")
    p.add_argument("dir", help="project folder")
    p.add_argument("--doc", type=int, required=True, help="document id")
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.set_defaults(func=cmd_span_list)
    p = span.add_parser("delete", help="delete a span by id")
    _common(p, label_set=False)
    p.add_argument("--id", type=int, required=True, help="span id (see 'workbench span list')")
    p.set_defaults(func=cmd_span_delete)

    for name, func, verb in (("undo", cmd_undo, "undo"), ("redo", cmd_redo, "redo")):
        p = sub.add_parser(name, help=f"{verb} the last annotation action(s)")
        p.add_argument("dir", help="project folder")
        p.add_argument("--steps", type=int, default=1, help=f"how many actions to {verb} (default 1)")
        p.set_defaults(func=func)

    p = sub.add_parser("documents", help="search and filter documents, as the Annotate tab's list does")
    p.add_argument("dir", help="project folder")
    p.add_argument("--search", help="text the document contains (exact substring; ASCII letters ignore case)")
    p.add_argument("--status", choices=annotations.FILTERS, default="all",
                   help="all (default), unfinished, finished, skipped or flagged, in --label-set")
    p.add_argument("--label", help="only documents with this human label or span label")
    p.add_argument("--label-set", default="default", help="label set for --status and --label (default 'default')")
    p.add_argument("--annotator", help="only documents this annotator labelled")
    p.add_argument("--sort", choices=list(annotations.SORTS), default="oldest", help="order (default oldest)")
    p.add_argument("--limit", type=int, default=50, help="how many documents to print (default 50)")
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.set_defaults(func=cmd_documents)

    p = sub.add_parser("history", help="list recent annotation actions, newest first")
    p.add_argument("dir", help="project folder")
    p.add_argument("--limit", type=int, default=20, help="how many actions to list (default 20)")
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.set_defaults(func=cmd_history)
