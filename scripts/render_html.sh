#!/usr/bin/env bash
# Renders a plan's HTML export in headless Chromium (Debian package `chromium`) to a PNG and a
# PDF (print styles), then checks the PNG: the page is not blank and the progress charts
# are drawn (the target colour #8a4b00 is used only by charts). Output: out/render/ (git-ignored).
#
#   scripts/render_html.sh [PLAN.careplan] [--plan ID]
#
# Default plan: Tests/CarePlanKitTests/Fixtures/exports/dressing-progress.careplan (has progress).
# CAREPLAN (default .build/debug/careplan) is the binary; CHROMIUM (default chromium) the browser.
set -euo pipefail
cd "$(dirname "$0")/.."
plan_file="${1:-Tests/CarePlanKitTests/Fixtures/exports/dressing-progress.careplan}"
shift || true
careplan="${CAREPLAN:-.build/debug/careplan}"
chromium="${CHROMIUM:-chromium}"
out=out/render
stem="$(basename "$plan_file" .careplan)"
mkdir -p "$out"

command -v "$chromium" >/dev/null || { echo "render_html: $chromium not found (apt-get install chromium)" >&2; exit 1; }
[ -x "$careplan" ] || { echo "render_html: $careplan not found (swift build)" >&2; exit 1; }

"$careplan" export "$plan_file" --format html --today "${CAREPLAN_TODAY:-2026-11-29}" -q -o "$out/$stem.html" "$@"
html="$(cd "$out" && pwd)/$stem.html"
# A temporary profile, so runs never share state; the dbus/GPU warnings headless prints are noise.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$profile")
timeout 120 "$chromium" "${flags[@]}" --window-size=1000,2400 --screenshot="$out/$stem.png" "file://$html" 2>/dev/null
timeout 120 "$chromium" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/$stem.pdf" "file://$html" 2>/dev/null

python3 - "$out/$stem.png" "$out/$stem.pdf" "$html" <<'PY'
import struct, sys, zlib

png_path, pdf_path, html_path = sys.argv[1:4]

def pixels(path):
    """Decodes an 8-bit, non-interlaced RGB/RGBA PNG (what Chromium writes) with the stdlib."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color in (2, 6) and interlace == 0, "unsupported PNG layout"
            bpp = 4 if color == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * bpp
    prev, rows, i = bytearray(stride), [], 0
    for _ in range(height):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line); prev = line
    return width, height, bpp, rows

width, height, bpp, rows = pixels(png_path)
def count(rgb, tolerance=12):
    n = 0
    for row in rows:
        for x in range(0, len(row), bpp):
            if all(abs(row[x + k] - rgb[k]) <= tolerance for k in range(3)):
                n += 1
    return n

charts = open(html_path, encoding="utf-8").read().count('<svg class="chart"')
nonwhite = sum(1 for row in rows for x in range(0, len(row), bpp) if row[x] < 240 or row[x + 1] < 240 or row[x + 2] < 240)
line, target = count((0x0B, 0x53, 0x94)), count((0x8A, 0x4B, 0x00))
pdf_ok = open(pdf_path, "rb").read(5) == b"%PDF-"
problems = []
if nonwhite < width * height // 100: problems.append(f"page looks blank ({nonwhite} non-white pixels)")
if charts and line < 200: problems.append(f"{charts} charts in the HTML but only {line} chart-line pixels")
if charts and target < 20: problems.append(f"{charts} charts in the HTML but only {target} target pixels")
if not pdf_ok: problems.append("print to PDF failed")
print(f"render_html: {png_path} {width}x{height}, {charts} chart(s), {line} line pixels, {target} target pixels; {pdf_path} {'ok' if pdf_ok else 'missing'}")
for p in problems: print(f"render_html: FAIL {p}")
sys.exit(1 if problems else 0)
PY
