#!/usr/bin/env bash
# The built executable on a real X server, as a desktop user runs it:
#   bash packaging/real_x_check.sh [dist/digitpad/digitpad]
# Starts Xvfb (stopped on exit), then, from an empty HOME and with the xcb platform, with the system's
# copies of every library the bundle carries hidden (as root: an empty file bind-mounted over each,
# in a private mount namespace, so only the bundle's copies can load):
#   1. --startup-check: exits 0 once the window system has shown (exposed) the window;
#   2. the app as a user starts it: a screenshot of the screen (ImageMagick `import`) must show a
#      window, not an empty screen (kept as build/real-x.png);
#   3. --self-test (offscreen): the shipped drawings are recognised.
# Needs Xvfb, xdotool and ImageMagick. XVFB_DISPLAY=N picks the display (default: a free one).
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin" # ldconfig

app=$(realpath "${1:-dist/digitpad/digitpad}")
internal="$(dirname "$app")/_internal"
work=$(mktemp -d)
xvfb_pid=""
app_pid=""

stop() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap stop EXIT

# Xvfb writes its display number to the given file descriptor once it accepts connections.
if [ -n "${XVFB_DISPLAY:-}" ]; then
    Xvfb ":$XVFB_DISPLAY" -screen 0 1280x800x24 -nolisten tcp -displayfd 3 3>"$work/display" 2>"$work/xvfb.log" &
else
    Xvfb -screen 0 1280x800x24 -nolisten tcp -displayfd 3 3>"$work/display" 2>"$work/xvfb.log" &
fi
xvfb_pid=$!
for _ in $(seq 100); do
    [ -s "$work/display" ] && break
    kill -0 "$xvfb_pid" 2>/dev/null || { cat "$work/xvfb.log" >&2; echo "real-X check: Xvfb did not start" >&2; exit 1; }
    sleep 0.1
done
[ -s "$work/display" ] || { echo "real-X check: Xvfb did not start within 10 s" >&2; exit 1; }
display=":$(head -n1 "$work/display")"

# System copies of the libraries the bundle must carry: those in its top folder (xcb helpers, libX11,
# fontconfig, ...) and all that Qt's xcb plugin links (see packaging/bundle_libs.py).
packaging=$(dirname "$(realpath "$0")")
python3 "$packaging/bundle_libs.py" "$app" >"$work/sonames"
while read -r soname path; do
    if grep -qxF "$soname" "$work/sonames"; then realpath "$path"; fi
done < <(ldconfig -p | awk '$NF ~ /^\// && $1 ~ /\.so/ {print $1, $NF}') | sort -u >"$work/hidden"

mkdir -p "$work/home"
: >"$work/empty"
# Run as a desktop user would: empty HOME, only the display in the environment, and (when we may
# create a mount namespace) no system copies of the bundled libraries.
as_user=(env -i PATH=/usr/bin:/bin HOME="$work/home" DISPLAY="$display" QT_QPA_PLATFORM=xcb LANG=C.UTF-8)
if [ "$(id -u)" = 0 ] && unshare --mount --propagation private true 2>/dev/null; then
    as_user=(unshare --mount --propagation private "$(command -v python3)"
        "$packaging/run_hidden.py" "$work/empty" "$work/hidden" -- "${as_user[@]}")
    echo "real-X check on $display: $(wc -l <"$work/hidden") system copies of bundled libraries hidden"
else
    echo "real-X check on $display: system libraries NOT hidden (needs root and mount namespaces)"
fi

# 1. The window is shown.
start=$(date +%s.%N)
"${as_user[@]}" "$app" --startup-check
echo "startup-check: window shown and closed in $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}') s"

# 2. What the screen shows while the app runs.
"${as_user[@]}" "$app" &
app_pid=$!
if ! timeout 30 env DISPLAY="$display" xdotool search --sync --onlyvisible --name '^digitpad$' >/dev/null; then
    echo "real-X check: no visible digitpad window after 30 s" >&2
    exit 1
fi
sleep 1 # let it paint
DISPLAY="$display" import -window root "$work/screen.png"
kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=""
mkdir -p build
cp "$work/screen.png" build/real-x.png
# Xvfb's empty screen is black: the window brings many colours and light pixels over much of it.
read -r colours brightness < <(identify -format '%k %[fx:mean]\n' "$work/screen.png")
echo "screenshot: ${colours} colours, mean brightness ${brightness} (build/real-x.png)"
if [ "$colours" -lt 16 ] || awk -v m="$brightness" 'BEGIN {exit !(m < 0.2)}'; then
    echo "real-X check: the screenshot shows no window" >&2
    exit 1
fi

# 3. The self-test (it switches itself to offscreen), from the same empty home and hidden libraries.
"${as_user[@]}" "$app" --self-test
