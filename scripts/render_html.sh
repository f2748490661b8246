#!/usr/bin/env bash
# Renders careplan's HTML in headless Chromium (Debian package `chromium`) at a desktop width
# (1280 px) and a phone width (390 px), to PNGs and a PDF (print styles), and checks each page:
#   - at both widths the page is no wider than the window (no sideways scrolling), measured in
#     the page itself: a copy of the HTML with a measuring script is loaded with --dump-dom;
#   - every visible text, chart text included, renders at 11 px or more;
#   - the page is not blank and the progress charts are drawn (the target colour #8a4b00 is
#     used only by charts).
# Output: out/render/ (git-ignored): STEM-1280.png, STEM-390.png, STEM.pdf.
#
#   scripts/render_html.sh [FILE...] [--plan ID]
#
# FILE is a plan (`.careplan`, exported as HTML first, `--plan ID` picks one) or an HTML page
# (`.html`, rendered as it is, e.g. a `careplan document` output). Default: the fixture with
# progress (Tests/CarePlanKitTests/Fixtures/exports/dressing-progress.careplan) and two
# goldens of each document kind (Tests/CarePlanKitTests/Golden/documents/).
# CAREPLAN (default .build/debug/careplan) is the binary; CHROMIUM (default chromium) the browser.
set -euo pipefail
cd "$(dirname "$0")/.."
files=() export_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --plan) export_args+=(--plan "$2"); shift 2 ;;
        *) files+=("$1"); shift ;;
    esac
done
[ ${#files[@]} -gt 0 ] || files=(Tests/CarePlanKitTests/Fixtures/exports/dressing-progress.careplan
    Tests/CarePlanKitTests/Golden/documents/hip-precautions.plan-of-care.html Tests/CarePlanKitTests/Golden/documents/stroke-kitchen.plan-of-care.html
    Tests/CarePlanKitTests/Golden/documents/shoulder-recert.progress-report.html Tests/CarePlanKitTests/Golden/documents/knee-replacement.progress-report.html
    Tests/CarePlanKitTests/Golden/documents/knee-replacement.daily-note.2026-11-23.html Tests/CarePlanKitTests/Golden/documents/stroke-kitchen-log.daily-note.2026-11-23.html
    Tests/CarePlanKitTests/Golden/documents/shoulder-recert.recertification.html Tests/CarePlanKitTests/Golden/documents/knee-rehab.recertification.html
    Tests/CarePlanKitTests/Golden/documents/wrist-discharge.discharge-summary.html Tests/CarePlanKitTests/Golden/documents/elbow-stopped.discharge-summary.html)
# Every file is checked before any is rendered, so a renamed golden is named in one message
# instead of stopping the run halfway.
missing=()
for file in "${files[@]}"; do [ -f "$file" ] || missing+=("$file"); done
[ ${#missing[@]} -eq 0 ] || { printf 'render_html: no such file: %s\n' "${missing[@]}" >&2; exit 1; }
careplan="${CAREPLAN:-.build/debug/careplan}"
chromium="${CHROMIUM:-chromium}"
out=out/render
mkdir -p "$out"
out_abs="$(cd "$out" && pwd)"

command -v "$chromium" >/dev/null || { echo "render_html: $chromium not found (apt-get install chromium)" >&2; exit 1; }

# A temporary profile, so runs never share state; the dbus/GPU warnings headless prints are noise.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$profile")

# Measures the page as laid out and writes the figures into the DOM, which --dump-dom prints.
measure_js='
<script>
addEventListener("load", () => {
  const vw = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || getComputedStyle(el).display === "none") continue;
    // Inside a box that scrolls on its own, overflow is that box'"'"'s business.
    if (el.closest(".scroll") && !el.classList.contains("scroll")) continue;
    if (r.right > vw + 0.5) wide.push(el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined ? "." + el.className : "") + " " + Math.round(r.right));
  }
  let smallest = 1e9, smallestText = "", chartTexts = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || el.closest("title, style, script")) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) {
      const m = el.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
      chartTexts++;
    }
    if (size < smallest) { smallest = size; smallestText = n.textContent.trim().slice(0, 40); }
  }
  const charts = [...document.querySelectorAll("svg.chart")].filter(s => s.getBoundingClientRect().width > 0).length;
  const figures = JSON.stringify({viewport: vw, scrollWidth: document.documentElement.scrollWidth,
    tooWide: wide.slice(0, 5), smallestFont: Math.round(smallest * 10) / 10, smallestText, charts, chartTexts});
  if (parent !== window) { parent.postMessage(figures, "*"); return; }
  const pre = document.createElement("pre");
  pre.id = "careplan-layout";
  pre.textContent = figures;
  document.body.appendChild(pre);
});
</script>
'
# Headless Chromium will not make a window narrower than 500 px, so the phone width is an
# iframe 390 px wide (its own viewport: media queries and `width=device-width` see 390 px).
# SRC is the page; the page's measuring script posts its figures up to this frame.
phone_frame() {
    cat <<HTML
<!DOCTYPE html><html><head><meta charset="utf-8"><style>body { margin: 0; } iframe { border: 0; width: 390px; height: 4000px; display: block; }</style></head>
<body><iframe src="$1"></iframe><script>addEventListener("message", e => { const pre = document.createElement("pre"); pre.id = "careplan-layout"; pre.textContent = e.data; document.body.appendChild(pre); });</script></body></html>
HTML
}

status=0
for file in "${files[@]}"; do
    case "$file" in
        *.html) stem="$(basename "$file" .html)"; cp "$file" "$out/$stem.html" ;;
        *)
            [ -x "$careplan" ] || { echo "render_html: $careplan not found (swift build)" >&2; exit 1; }
            stem="$(basename "$file" .careplan)"
            "$careplan" export "$file" --format html --today "${CAREPLAN_TODAY:-2026-11-29}" -q -o "$out/$stem.html" "${export_args[@]}" ;;
    esac
    html="$(cd "$out" && pwd)/$stem.html"
    probe="$(cd "$out" && pwd)/$stem.probe.html"
    python3 - "$html" "$probe" "$measure_js" <<'PY'
import sys
page, probe, js = sys.argv[1:4]
text = open(page, encoding="utf-8").read()
assert "</body>" in text, "no </body> in " + page
open(probe, "w", encoding="utf-8").write(text.replace("</body>", js + "</body>", 1))
PY
    phone_frame "$stem.html" > "$out/$stem.phone.html"
    phone_frame "$stem.probe.html" > "$out/$stem.phone-probe.html"
    timeout 120 "$chromium" "${flags[@]}" --window-size=1280,2400 --screenshot="$out/$stem-1280.png" "file://$html" 2>/dev/null
    timeout 120 "$chromium" "${flags[@]}" --window-size=1280,900 --dump-dom "file://$probe" 2>/dev/null > "$out/$stem-1280.dom"
    timeout 120 "$chromium" "${flags[@]}" --window-size=500,4000 --screenshot="$out/$stem-390.png" "file://$out_abs/$stem.phone.html" 2>/dev/null
    timeout 120 "$chromium" "${flags[@]}" --window-size=500,900 --virtual-time-budget=3000 --dump-dom "file://$out_abs/$stem.phone-probe.html" 2>/dev/null > "$out/$stem-390.dom"
    timeout 120 "$chromium" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/$stem.pdf" "file://$html" 2>/dev/null
    rm -f "$probe" "$out/$stem.phone.html" "$out/$stem.phone-probe.html"

    python3 - "$out/$stem" "$html" <<'PY' || status=1
import html as htmlmod, json, re, struct, sys, zlib

base, html_path = sys.argv[1:3]

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

def crop(path, width, bpp, rows):
    """Rewrites the PNG keeping the left `width` pixels (the phone frame)."""
    raw = b"".join(b"\x00" + bytes(row[:width * bpp]) for row in rows)
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, len(rows), 8, 6 if bpp == 4 else 2, 0, 0, 0)
    open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))

problems = []
source = open(html_path, encoding="utf-8").read()
charts = source.count('<svg class="chart wide"')
for width in (1280, 390):
    png = f"{base}-{width}.png"
    w, h, bpp, rows = pixels(png)
    if width < w:
        rows = [row[:width * bpp] for row in rows]
        crop(png, width, bpp, rows)
        w = width
    def count(rgb, tolerance=12):
        return sum(1 for row in rows for x in range(0, len(row), bpp)
                   if all(abs(row[x + k] - rgb[k]) <= tolerance for k in range(3)))
    nonwhite = sum(1 for row in rows for x in range(0, len(row), bpp) if row[x] < 240 or row[x + 1] < 240 or row[x + 2] < 240)
    line, target = count((0x0B, 0x53, 0x94)), count((0x8A, 0x4B, 0x00))
    dom = open(f"{base}-{width}.dom", encoding="utf-8").read()
    m = re.search(r'<pre id="careplan-layout">(.*?)</pre>', dom, re.S)
    if not m:
        problems.append(f"{width} px: the measuring script did not run")
        continue
    layout = json.loads(htmlmod.unescape(m.group(1)))
    print(f"render_html: {png} {w}x{h}: page {layout['scrollWidth']} px wide in a {layout['viewport']} px window, "
          f"smallest text {layout['smallestFont']} px ({layout['smallestText']!r}), {layout['charts']} of {charts} chart(s) shown, "
          f"{layout['chartTexts']} chart texts, {line} line pixels, {target} target pixels")
    if nonwhite < w * h // 200: problems.append(f"{width} px: page looks blank ({nonwhite} non-white pixels)")
    if layout["scrollWidth"] > layout["viewport"]:
        problems.append(f"{width} px: page is {layout['scrollWidth']} px wide, wider than the {layout['viewport']} px window: {layout['tooWide']}")
    if layout["smallestFont"] < 11:
        problems.append(f"{width} px: text renders at {layout['smallestFont']} px (< 11): {layout['smallestText']!r}")
    if layout["charts"] != charts:
        problems.append(f"{width} px: {charts} charts in the HTML but {layout['charts']} shown")
    if charts and line < 200: problems.append(f"{width} px: {charts} charts but only {line} chart-line pixels")
    if charts and target < 20: problems.append(f"{width} px: {charts} charts but only {target} target pixels")
pdf_ok = open(f"{base}.pdf", "rb").read(5) == b"%PDF-"
print(f"render_html: {base}.pdf {'ok' if pdf_ok else 'missing'}")
if not pdf_ok: problems.append("print to PDF failed")
for p in problems: print(f"render_html: FAIL {html_path}: {p}")
sys.exit(1 if problems else 0)
PY
done
exit $status
