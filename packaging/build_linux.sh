#!/usr/bin/env bash
# Build the Linux one-folder bundle with PyInstaller, record its build time and size, and start it
# offscreen once to check that it runs.
#
# Usage: packaging/build_linux.sh [--archive]
#   Run from any folder, with the project's virtual environment at .venv (or an active one) that has
#   the project and its packaging extra installed:  pip install torch==2.13.0 -e ".[packaging]"
#   --archive also writes dist/workbench-VERSION-linux-x86_64.tar.gz.
# The bundle goes to dist/workbench/ and PyInstaller's work files to build/; both are git-ignored.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
if [[ -z "${VIRTUAL_ENV:-}" && -f .venv/bin/activate ]]; then
    # shellcheck disable=SC1091
    . .venv/bin/activate
fi
if ! command -v pyinstaller >/dev/null 2>&1; then
    echo "error: pyinstaller not found; install it with: pip install -e \".[packaging]\"" >&2
    exit 1
fi

version="$(python -c 'import workbench; print(workbench.__version__)')"
torch_build="$(python -c 'import torch; print(torch.__version__)')"
echo "Building LM Workbench $version with torch $torch_build"

start=$(date +%s)
pyinstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build packaging/workbench.spec
end=$(date +%s)

bundle="dist/workbench"
size_mb=$(du -sm "$bundle" | cut -f1)
echo "Build time: $((end - start)) s"
echo "Bundle size: ${size_mb} MB ($bundle)"
echo "Largest parts:"
du -sm "$bundle"/_internal/* 2>/dev/null | sort -rn | head -5 | sed 's/^/    /'

echo "Checking the bundle:"
"$bundle/workbench" --version
smoke_home="$(mktemp -d)"
trap 'rm -rf "$smoke_home"' EXIT
smoke_start=$(date +%s)
WORKBENCH_HOME="$smoke_home" QT_QPA_PLATFORM=offscreen "$bundle/workbench" open --quit-after 1
echo "Window start and close: $(( $(date +%s) - smoke_start )) s"
WORKBENCH_HOME="$smoke_home" "$bundle/workbench" demo --steps 20 --dir "$smoke_home/demo" >/dev/null
echo "Demo (20 training steps and an export) ran in the bundle."

if [[ "${1:-}" == "--archive" ]]; then
    archive="dist/workbench-$version-linux-$(uname -m).tar.gz"
    tar -C dist -czf "$archive" workbench
    echo "Archive: $archive ($(du -sm "$archive" | cut -f1) MB)"
fi
