#!/usr/bin/env bash
# Refresh the translation files after GUI strings change.
#
# Usage: scripts/update_translations.sh [LOCALE...]
#   With no argument, updates every resources/translations/workbench_<locale>.ts.
#   With locales (e.g. zh_CN ja_JP), updates or creates those files only.
#
# lupdate merges the self.tr() strings of workbench/gui into each .ts file: it keeps
# existing translations, adds new strings as unfinished and marks removed ones vanished.
# lrelease then compiles each .ts into the .qm that the app loads at run time.
# Translate the new entries (pyside6-linguist, or any editor), then run this script
# again so the committed .qm matches the .ts; tests/gui/test_translations.py checks both.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
translations_dir="resources/translations"
cd "$repo_root"

# Prefer the project's virtualenv, else whatever PySide6 tools are on PATH.
find_tool() {
    local name="$1"
    if [[ -x ".venv/bin/$name" ]]; then
        echo ".venv/bin/$name"
    elif command -v "$name" >/dev/null 2>&1; then
        command -v "$name"
    else
        echo "error: $name not found in .venv/bin or on PATH; install PySide6 (pip install PySide6-Essentials)" >&2
        exit 1
    fi
}
lupdate="$(find_tool pyside6-lupdate)"
lrelease="$(find_tool pyside6-lrelease)"

ts_files=()
if (( $# > 0 )); then
    for locale in "$@"; do
        ts_files+=("$translations_dir/workbench_${locale}.ts")
    done
else
    shopt -s nullglob
    ts_files=("$translations_dir"/workbench_*.ts)
    shopt -u nullglob
fi
if (( ${#ts_files[@]} == 0 )); then
    echo "error: no $translations_dir/workbench_*.ts found; pass a locale such as zh_CN to create one" >&2
    exit 1
fi

# Relative locations keep line-number churn in the .ts small when code moves.
# The target language is taken from the file name (workbench_zh_CN.ts -> zh_CN).
for ts in "${ts_files[@]}"; do
    "$lupdate" -extensions py -locations relative workbench/gui -ts "$ts"
    "$lrelease" "$ts" -qm "${ts%.ts}.qm"
done
