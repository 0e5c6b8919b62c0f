#!/usr/bin/env bash
# Smoke test of an installed Roadmapper, the way a user meets it: from another folder,
# with nothing of this checkout on the path, a DISPLAY that answers nobody for the exports.
# Usage: .ci/smoke.sh ROADMAPPER_EXECUTABLE CHECKER_PYTHON [--window]
set -euo pipefail
exe=$(realpath -s "$1")
checker=$(realpath -s "$2")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/elsewhere"
cd "$work/elsewhere"
# A clean user: own home, no Python path, no Qt settings, nothing from this shell's session.
run() {
    env -i HOME="$work/home" PATH=/usr/bin:/bin LANG=C.UTF-8 DISPLAY=:97 \
        XDG_RUNTIME_DIR="$work" "$exe" "$@"
}
echo "== $exe"
run --version
run demo --db "$work/roadmap.db"
for suffix in png svg pdf pptx json md; do
    run export --db "$work/roadmap.db" --out "board.$suffix"
done
"$checker" "$here/check_exports.py" "$work/elsewhere"
if run export --db "$work/roadmap.db" --out board.docx 2> "$work/err"; then
    echo "an export to .docx should fail"; exit 1
fi
grep -q '^roadmapper: Cannot export to "board.docx"' "$work/err" || { cat "$work/err"; exit 1; }
! grep -q Traceback "$work/err"

if [[ "${3:-}" == "--window" ]]; then
    # One start of the window on a laptop-sized screen: it maps, and shows the board.
    xvfb-run -a -s "-screen 0 1366x768x24" bash -c '
        env -i HOME="$1/home" PATH=/usr/bin:/bin LANG=C.UTF-8 XDG_RUNTIME_DIR="$1" \
            DISPLAY="$DISPLAY" XAUTHORITY="${XAUTHORITY:-}" QT_QPA_PLATFORM=xcb \
            "$0" --db "$1/roadmap.db" & app=$!
        timeout 30 xdotool search --sync --onlyvisible --name "Roadmapper" > "$1/window"
        sleep 1
        xdotool getwindowgeometry "$(head -1 "$1/window")"
        import -window root "$1/elsewhere/window.png" || true
        kill "$app"; wait "$app" || true
    ' "$exe" "$work"
    test -s "$work/window" || { echo "the window never appeared"; exit 1; }
    if [[ -n "${SMOKE_SCREENSHOT:-}" && -f "$work/elsewhere/window.png" ]]; then
        cp "$work/elsewhere/window.png" "$SMOKE_SCREENSHOT"
    fi
fi
echo "== smoke test passed: $exe"
