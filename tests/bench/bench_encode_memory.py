"""Benchmark: peak memory while encoding a 1 GB corpus into token arrays.

Run: ``python tests/bench/bench_encode_memory.py [--quick] [--megabytes N]``

Builds a temporary project whose documents (about 4 KB each) are paragraphs of the real
Shakespeare and Chinese poetry corpora with a running number, up to the requested size
of UTF-8 text; trains a byte-level BPE tokenizer on its first 5 MB; then encodes every
document with :func:`workbench.core.encoding.encode_project` in a fresh process. The
baseline, in another fresh process, only streams the same documents out of SQLite. Both
report their peak resident memory (VmHWM). Target: encoding peaks under 500 MB. The
temporary folder is deleted at the end, also after a failure.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.real_data import DATA_DIR  # noqa: E402
from workbench.core.project import create_project  # noqa: E402
from workbench.core.tokenizer import TokenizerSettings, save_tokenizer, train_with_settings  # noqa: E402

CHILD = """
import sys, time
from workbench.core.project import open_project
from workbench.core.encoding import encode_project
project = open_project(sys.argv[1])
started = time.perf_counter()
if sys.argv[2] == "encode":
    meta = encode_project(project, val_fraction=0.01)
    tokens = meta["train_tokens"] + meta["val_tokens"]
else:
    tokens = sum(len(text) for _, text in project.iter_texts())
seconds = time.perf_counter() - started
status = open("/proc/self/status", encoding="utf-8").read()
print(int(status.split("VmHWM:")[1].split()[0]) // 1024, tokens, round(seconds, 1))
"""


def paragraphs() -> list[str]:
    english = [p for p in (DATA_DIR / "tinyshakespeare.txt").read_text(encoding="utf-8").split("\n\n") if p.strip()]
    chinese = [p for p in (DATA_DIR / "chinese_poetry_sample.txt").read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return english + chinese


def build_corpus(root: Path, megabytes: float):
    project = create_project(root / "project")
    pool = paragraphs()
    target = megabytes * 1_000_000
    size = 0
    index = 0
    while size < target:
        rows = []
        for _ in range(5000):
            text = "\n".join(pool[(index * 7 + k) % len(pool)] for k in range(4)) + f"\n{index}"
            rows.append((text,))
            size += len(text.encode("utf-8"))
            index += 1
        with project.transaction() as db:
            db.conn.executemany(
                "INSERT INTO documents (text, source, metadata, created_at) VALUES (?, 'bench', '{}', 'now')", rows
            )
    return project, index, size


def child(project_dir: Path, mode: str) -> tuple[int, int, float]:
    completed = subprocess.run([sys.executable, "-c", CHILD, str(project_dir), mode],
                               capture_output=True, text=True, check=True)
    peak, count, seconds = completed.stdout.split()
    return int(peak), int(count), float(seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="50 MB instead of 1 GB (a smoke test)")
    parser.add_argument("--megabytes", type=float, default=1000.0, help="corpus size in MB of UTF-8 (default 1000)")
    args = parser.parse_args()
    megabytes = 50.0 if args.quick else args.megabytes
    root = Path(tempfile.mkdtemp(prefix="workbench-bench-encode-"))
    try:
        started = time.perf_counter()
        project, documents, size = build_corpus(root, megabytes)
        print(f"built {documents:,} documents, {size / 1e6:,.0f} MB, in {time.perf_counter() - started:.0f} s")
        sample, sampled = [], 0
        for _, text in project.iter_texts():
            sample.append(text)
            sampled += len(text)
            if sampled > 5_000_000:
                break
        settings = TokenizerSettings(kind="bytebpe", vocab_size=8000, min_frequency=2)
        save_tokenizer(project, train_with_settings(sample, settings), settings)
        base_peak, characters, base_seconds = child(project.root, "read")
        peak, tokens, seconds = child(project.root, "encode")
        print(f"baseline (stream the documents): peak {base_peak} MB, {characters:,} characters in {base_seconds} s")
        print(f"encode: peak {peak} MB, {tokens:,} tokens in {seconds} s ({size / 1e6 / seconds:.1f} MB/s)")
        print(f"encode peak minus baseline: {peak - base_peak} MB; peak {'under' if peak < 500 else 'OVER'} the 500 MB target")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
