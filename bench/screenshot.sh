#!/usr/bin/env bash
# Screenshot of the real window with the sample roadmap, under a virtual X server.
# Usage: bench/screenshot.sh OUT.png [extra roadmapper arguments]
# Needs Debian's xvfb, xdotool and imagemagick (installed by .ci/run).
set -euo pipefail
out=$(realpath -m "${1:?usage: bench/screenshot.sh OUT.png}")
shift
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" QT_QPA_PLATFORM=xcb
# A screen with room for the window's preferred 1280x800; the picture is the window alone.
xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
    "$0/.venv/bin/roadmapper" --db "$1/roadmap.db" "${@:3}" &
    app=$!
    window=$(xdotool search --sync --onlyvisible --name "Roadmapper" | head -1)
    sleep 1.5
    import -window "$window" "$2"
    kill $app
' "$here" "$work" "$out" "$@"
echo "wrote $out"
