"""Benchmark: importing JSONL into a project against a plain sqlite3 ``executemany`` of the same rows.

Run: ``python tests/bench/bench_import.py [--quick] [--lines N]``

Writes a JSONL file of N lines (1,000,000 by default, 100,000 with ``--quick``) with
mixed English, Chinese and emoji text and one metadata field. Each measurement runs in a
fresh subprocess on a fresh project so its peak resident memory (``ru_maxrss``) is its
own:

- baseline: read the lines, ``json.loads`` each, ``executemany`` the rows (text, source,
  metadata JSON, time) into the project's ``documents`` table in one transaction, commit;
- workbench: ``import_paths`` with the ``jsonl`` format (duplicate detection, report,
  labels, one transaction).

Both run at the full size and at a fifth of it, so the peak memory at the two sizes
shows whether memory grows with the file. The import keeps the hashes it uses to find
duplicate texts in SQLite TEMP tables, so its peak should not grow with the file. Prints
lines per second, the speed ratio (target: at least 0.8) and the peak memory of each run.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ["The quick brown fox jumps over the lazy dog", "我住在北京。北京是中国的首都。",
           "Hello 🙂, how are you today?", "床前明月光，疑是地上霜。", "To be, or not to be 👨‍👩‍👧"]
BATCH = 2000


def write_jsonl(path: Path, lines: int) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        for i in range(lines):
            record = {"text": f"{SAMPLES[i % len(SAMPLES)]} #{i}", "id": i}
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_baseline(project_dir: Path, path: Path) -> None:
    from workbench.core.project import create_project, utc_now

    project = create_project(project_dir)
    conn = project.db().conn
    now = utc_now()
    source = str(path)
    conn.execute("BEGIN IMMEDIATE")
    rows = []
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            text = record.pop("text")
            rows.append((text, source, json.dumps(record, ensure_ascii=False), now))
            if len(rows) >= BATCH:
                conn.executemany("INSERT INTO documents (text, source, metadata, created_at) VALUES (?, ?, ?, ?)", rows)
                rows = []
    conn.executemany("INSERT INTO documents (text, source, metadata, created_at) VALUES (?, ?, ?, ?)", rows)
    conn.execute("COMMIT")


def run_workbench(project_dir: Path, path: Path) -> None:
    from workbench.core.formats import import_paths
    from workbench.core.project import create_project

    project = create_project(project_dir)
    summary = import_paths(project, [path], "jsonl")
    assert summary.committed and summary.errors == 0, summary.as_dict()


def peak_mib() -> float:
    """Return this process's peak resident memory in MiB.

    ``VmHWM`` in ``/proc/self/status`` counts this process image only. ``ru_maxrss`` is the
    fallback elsewhere, and on Linux it may also count the forked image before ``exec``.
    """
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text(encoding="utf-8").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(kind: str, project_dir: str, path: str) -> None:
    started = time.perf_counter()
    (run_baseline if kind == "baseline" else run_workbench)(Path(project_dir), Path(path))
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "peak_mib": peak_mib()}))


def measure(kind: str, folder: Path, path: Path, tag: str) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(folder / f"{kind}-{tag}"), str(path)],
        check=True, capture_output=True, text=True, cwd=ROOT,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 lines instead of 1,000,000")
    parser.add_argument("--lines", type=int, help="lines in the large file (overrides --quick)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    large = args.lines or (100_000 if args.quick else 1_000_000)
    small = large // 5
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        folder = Path(tmp)
        results = {}
        for size in (small, large):
            path = folder / f"lines-{size}.jsonl"
            write_jsonl(path, size)
            for kind in ("baseline", "workbench"):
                results[kind, size] = measure(kind, folder, path, str(size))
                r = results[kind, size]
                print(f"{kind:9} {size:>9,} lines: {r['seconds']:6.2f} s, {size / r['seconds']:>9,.0f} lines/s, "
                      f"peak {r['peak_mib']:6.1f} MiB", flush=True)
            path.unlink()
    ratio = results["baseline", large]["seconds"] / results["workbench", large]["seconds"]
    growth = results["workbench", large]["peak_mib"] - results["workbench", small]["peak_mib"]
    base_growth = results["baseline", large]["peak_mib"] - results["baseline", small]["peak_mib"]
    print(f"speed ratio (workbench / baseline) at {large:,} lines: {ratio:.2f} (target >= 0.8)")
    print(f"peak memory growth from {small:,} to {large:,} lines: workbench {growth:+.1f} MiB, "
          f"baseline {base_growth:+.1f} MiB")


if __name__ == "__main__":
    main()
