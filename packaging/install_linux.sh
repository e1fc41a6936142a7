#!/usr/bin/env bash
# Install the bundle built by packaging/build_linux.sh for the current user: the program under
# ~/.local/lib/workbench, a `workbench` command in ~/.local/bin, the icon and a menu entry.
#
# Usage: packaging/install_linux.sh [PREFIX]     (PREFIX defaults to ~/.local)
# Uninstall: rm -rf PREFIX/lib/workbench PREFIX/bin/workbench PREFIX/share/applications/workbench.desktop
#            PREFIX/share/icons/hicolor/*/apps/workbench.*
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="${1:-$HOME/.local}"
bundle="$repo_root/dist/workbench"
if [[ ! -x "$bundle/workbench" ]]; then
    echo "error: $bundle/workbench not found; build it first with packaging/build_linux.sh" >&2
    exit 1
fi

mkdir -p "$prefix/lib" "$prefix/bin" "$prefix/share/applications"
rm -rf "$prefix/lib/workbench"
cp -a "$bundle" "$prefix/lib/workbench"
ln -sf "$prefix/lib/workbench/workbench" "$prefix/bin/workbench"

for size in 16 32 48 64 128 256 512; do
    target="$prefix/share/icons/hicolor/${size}x${size}/apps"
    mkdir -p "$target"
    cp "$repo_root/resources/icons/workbench-$size.png" "$target/workbench.png"
done
mkdir -p "$prefix/share/icons/hicolor/scalable/apps"
cp "$repo_root/resources/icons/workbench.svg" "$prefix/share/icons/hicolor/scalable/apps/workbench.svg"

# The menu entry runs the installed program by its full path, so it works without PATH changes.
sed "s|^Exec=workbench |Exec=$prefix/bin/workbench |" "$repo_root/packaging/workbench.desktop" \
    > "$prefix/share/applications/workbench.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$prefix/share/applications" || true
echo "Installed LM Workbench in $prefix/lib/workbench; run it with $prefix/bin/workbench or from the application menu."
