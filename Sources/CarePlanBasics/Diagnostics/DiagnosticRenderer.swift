/// Turns diagnostics into text, like a good compiler:
///
/// ```
/// plan.careplan:14:12: error[CP0102]: intervention `labels` serves unknown goal `meal`
///    |
/// 14 |     serves meal
///    |            ^^^^ no goal named `meal` in plan `kitchen`
///    = help: did you mean `meals`?
/// ```
///
/// A pure function of its input: no terminal checks here; the caller says whether to colour.
public enum DiagnosticRenderer {
    /// Width of the excerpt when the output is not a terminal (the CLI passes the terminal's
    /// width otherwise): source lines longer than this are shown as a window around the caret.
    public static let defaultWidth = 100
    /// Errors (and, separately, warnings) shown by the command line and the REPL unless told
    /// otherwise (`--error-limit`), like a compiler's error limit: the first fifty problems
    /// are worth reading, the next ninety thousand are one mistake repeated.
    public static let defaultErrorLimit = 50

    /// One diagnostic as text. `width`: the terminal's width in cells; each source excerpt
    /// and its carets fit in it (carets are placed by display width, see `DisplayWidth`).
    public static func render(_ d: Diagnostic, color: Bool = false, width: Int = defaultWidth) -> String {
        let c = Palette(enabled: color)
        var out = ""
        let sevColor = d.severity == .error ? c.red : d.severity == .warning ? c.yellow : c.cyan
        if let span = d.primarySpan {
            let (line, col) = span.file.location(of: span.start)
            out += c.bold + "\(span.file.name):\(line):\(col): " + c.reset
        }
        out += sevColor + c.bold + "\(d.severity.rawValue)[\(d.code.rawValue)]" + c.reset
        out += c.bold + ": \(clip(d.message))" + c.reset + "\n"

        let labelled = d.labels.map { label -> (label: Label, line: Int, col: Int) in
            let (l, col) = label.span.file.location(of: label.span.start)
            return (label, l, col)
        }
        let gutter = String(labelled.map(\.line).max() ?? 0).count
        let pad = String(repeating: " ", count: gutter)
        // Cells left for the source text after "NN | ".
        let textWidth = max(20, width - gutter - 3)
        if !labelled.isEmpty {
            out += c.blue + "\(pad) |" + c.reset + "\n"
            var lastFile: SourceFile? = nil
            for item in labelled {
                let file = item.label.span.file
                if let last = lastFile, last !== file {
                    out += c.blue + "\(pad) = " + c.reset + "in \(file.name):\(item.line):\(item.col)\n"
                }
                lastFile = file
                let ex = excerpt(file: file, line: item.line, start: item.label.span.start,
                                 end: item.label.span.end, width: textWidth)
                let lineNo = String(item.line)
                out += c.blue + String(repeating: " ", count: gutter - lineNo.count) + lineNo + " |" + c.reset
                out += ex.text.isEmpty ? "\n" : " \(ex.text)\n"
                let marker = item.label.isPrimary ? "^" : "-"
                let markColor = item.label.isPrimary ? sevColor : c.blue
                out += c.blue + "\(pad) |" + c.reset + " " + String(repeating: " ", count: ex.markerStart)
                out += markColor + String(repeating: marker, count: ex.markerWidth)
                let message = clip(item.label.message)
                let messageWidth = DisplayWidth.of(message)
                if message.isEmpty {
                    out += c.reset + "\n"
                } else if ex.markerStart + ex.markerWidth + 1 + messageWidth <= textWidth {
                    out += " " + message + c.reset + "\n"
                } else {
                    // Too long to follow the carets on a narrow screen: on its own line, as
                    // close under the carets as fits, rather than wrapped by the terminal.
                    let indent = max(0, min(ex.markerStart, textWidth - messageWidth))
                    out += c.reset + "\n" + c.blue + "\(pad) |" + c.reset + " "
                        + String(repeating: " ", count: indent) + markColor + message + c.reset + "\n"
                }
            }
        }
        for note in d.notes {
            out += c.blue + "\(pad) = " + c.reset + c.bold + "note" + c.reset + ": \(clip(note))\n"
        }
        if d.occurrences > 1 {
            out += c.blue + "\(pad) = " + c.reset + c.bold + "note" + c.reset
                + ": reported \(grouped(d.occurrences)) times at this place (a loop or a template); the first is shown\n"
        }
        if let help = d.help {
            out += c.blue + "\(pad) = " + c.reset + c.bold + "help" + c.reset + ": \(clip(help))\n"
        }
        return out
    }

    /// A source line cut to fit: the text to print and where its marker goes, in cells.
    package struct Excerpt: Equatable {
        package var text: String
        package var markerStart: Int
        package var markerWidth: Int
    }

    /// The part of `line` (as numbered in diagnostics) around the byte range `start..<end` that fits in `width` cells,
    /// with `…` where it was cut. Only a few widths' worth of bytes around the caret are ever
    /// decoded, so a 30 MB line costs no more than a short one.
    package static func excerpt(file: SourceFile, line: Int, start: Int, end: Int, width: Int) -> Excerpt {
        let bytes = file.bytes
        let index = line - file.firstLine  // the line within the file's own text
        guard index >= 0, index < file.lineStarts.count else { return Excerpt(text: "", markerStart: 0, markerWidth: 1) }
        let lineStart = file.lineRange(index).lowerBound, lineEnd = file.lineRange(index).upperBound
        let s = min(max(start, lineStart), lineEnd)
        // A span running past its line is underlined to the line's end.
        let e = min(max(end, s), lineEnd, s + 4 * width)
        func lead(_ i: Int, forward: Bool) -> Int {
            var i = i
            while i > lineStart, i < lineEnd, bytes[i] & 0xC0 == 0x80 { i += forward ? 1 : -1 }
            return i
        }
        let windowStart = lead(max(lineStart, s - 4 * width), forward: true)
        let windowEnd = lead(min(lineEnd, e + 4 * width), forward: false)
        func cells(_ lo: Int, _ hi: Int) -> [(Unicode.Scalar, Int)] {
            guard hi > lo else { return [] }
            return String(decoding: bytes[lo..<hi], as: UTF8.self).unicodeScalars.map { u in
                let shown = visible(u)
                return (shown, DisplayWidth.of(shown))
            }
        }
        let pre = cells(windowStart, s), mid = cells(s, max(s, e)), post = cells(max(s, e), windowEnd)
        let all = pre + mid + post
        let caret = pre.reduce(0) { $0 + $1.1 }
        let marked = mid.reduce(0) { $0 + $1.1 }
        let total = all.reduce(0) { $0 + $1.1 }
        let cutBefore = windowStart > lineStart, cutAfter = windowEnd < lineEnd

        var from = 0, to = total
        var ellipsisBefore = cutBefore, ellipsisAfter = cutAfter
        if cutBefore || cutAfter || total > width {
            // A third of the width before the caret; more if the line ends soon after it.
            from = max(0, caret - width / 3)
            if !cutAfter, total - from < width { from = max(0, total - width + 1) }
            ellipsisBefore = cutBefore || from > 0
            to = from + width - (ellipsisBefore ? 1 : 0)
            if to < total || cutAfter { ellipsisAfter = true; to -= 1 } else { to = total }
        }
        var text = String.UnicodeScalarView()
        if ellipsisBefore { text.append("…") }
        var pos = 0, firstShown: Int? = nil, lastShown = from
        for (u, w) in all {
            defer { pos += w }
            // A zero-width mark belongs to the character before it: shown if that one is.
            let inside = w == 0 ? (pos > from && pos <= to) : (pos >= from && pos + w <= to)
            guard inside else { continue }
            if firstShown == nil { firstShown = pos }
            text.append(u)
            lastShown = pos + w
        }
        if ellipsisAfter { text.append("…") }
        let origin = firstShown ?? from
        let markerStart = (ellipsisBefore ? 1 : 0) + max(0, caret - origin)
        let markerWidth = max(1, min(marked, lastShown - caret))
        return Excerpt(text: String(text), markerStart: markerStart, markerWidth: markerWidth)
    }

    /// Renders several diagnostics separated by blank lines, followed by a one-line summary.
    /// Identical diagnostics are merged (with their count); with `errorLimit`, at most that
    /// many errors and that many warnings are shown, then "and N more" (`limitHint` says how
    /// to see them: `--error-limit N` on the command line).
    public static func render(_ list: [Diagnostic], color: Bool = false, summary: Bool = true,
                              width: Int = defaultWidth, errorLimit: Int? = nil,
                              limitHint: String = "--error-limit N changes the limit; 0 shows all") -> String {
        let shown = limited(list, errorLimit: errorLimit)
        var parts = shown.diagnostics.map { render($0, color: color, width: width) }
        if shown.hiddenErrors + shown.hiddenWarnings > 0 {
            var more: [String] = []
            func plural(_ n: Int, _ word: String) -> String { "\(grouped(n)) more \(word)\(n == 1 ? "" : "s")" }
            if shown.hiddenErrors > 0 { more.append(plural(shown.hiddenErrors, "error")) }
            if shown.hiddenWarnings > 0 { more.append(plural(shown.hiddenWarnings, "warning")) }
            parts.append("… and \(more.joined(separator: " and ")) not shown (the limit is \(errorLimit ?? 0) of each; \(limitHint))\n")
        }
        if summary, !list.isEmpty { parts.append(summaryLine(list)) }
        return parts.joined(separator: "\n")
    }

    /// What `render` shows of `list`: in display order, identical diagnostics merged (their
    /// counts added), and at most `errorLimit` errors and as many warnings (nil or 0: all).
    public static func limited(_ list: [Diagnostic], errorLimit: Int?)
        -> (diagnostics: [Diagnostic], hiddenErrors: Int, hiddenWarnings: Int) {
        var merged: [Diagnostic] = []
        var byKey: [Int: [Int]] = [:]
        // One mistake at one place is one diagnostic, even when a loop or a template meets it
        // with different values each time (`g1-1` is not a valid id, `g1-2` is not...): the
        // same code at the same spans, worded the same apart from the names in backquotes.
        // (A plan missing its client and its start date: two mistakes, worded differently.)
        func samePlace(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
            a.code == b.code && a.severity == b.severity && a.labels.map(\.span) == b.labels.map(\.span)
                && wording(a.message) == wording(b.message)
                && a.labels.map { wording($0.message) } == b.labels.map { wording($0.message) }
        }
        for d in list.sortedForDisplay() {
            // By code and places only: the wording is compared just for the few that share
            // them (building it for each of 200,000 diagnostics was a seventh of a check).
            var hasher = Hasher()
            hasher.combine(d.code)
            for label in d.labels { hasher.combine(label.span) }
            let key = hasher.finalize()
            if !d.labels.isEmpty, let k = byKey[key]?.first(where: { samePlace(merged[$0], d) }) {
                merged[k].occurrences += d.occurrences
                continue
            }
            byKey[key, default: []].append(merged.count)
            merged.append(d)
        }
        guard let limit = errorLimit, limit > 0 else { return (merged, 0, 0) }
        var out: [Diagnostic] = []
        var errors = 0, others = 0, hiddenErrors = 0, hiddenOthers = 0
        for d in merged {
            if d.severity == .error {
                if errors < limit { errors += 1; out.append(d) } else { hiddenErrors += 1 }
            } else {
                if others < limit { others += 1; out.append(d) } else { hiddenOthers += 1 }
            }
        }
        return (out, hiddenErrors, hiddenOthers)
    }

    /// A message with what is between backquotes left out: "`g1` is not a valid id" and
    /// "`g2` is not a valid id" have the same wording.
    package static func wording(_ message: String) -> String {
        var out = "", inside = false
        for ch in message {
            if ch == "`" { inside.toggle(); out.append(ch) } else if !inside { out.append(ch) }
        }
        return out
    }

    /// "2 errors, 1 warning" — the last line of a check.
    public static func summaryLine(_ list: [Diagnostic]) -> String {
        let e = list.errorCount, w = list.warningCount
        func plural(_ n: Int, _ word: String) -> String { "\(grouped(n)) \(word)\(n == 1 ? "" : "s")" }
        let n = list.noteCount
        // Notes are counted only when there are some, so a plan without them reads as before.
        return "\(plural(e, "error")), \(plural(w, "warning"))\(n > 0 ? ", " + plural(n, "note") : "")\n"
    }

    /// 3000 -> "3,000".
    package static func grouped(_ n: Int) -> String {
        let digits = Array(String(n.magnitude))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// Machine-readable form for `--format json`: one object per diagnostic, stable key order.
    public static func json(_ list: [Diagnostic]) -> String {
        let items: [JSONValue] = list.sortedForDisplay().map { d in
            var obj: [String: JSONValue] = [
                "code": .string(d.code.rawValue),
                "severity": .string(d.severity.rawValue),
                "message": .string(d.message),
                "notes": .array(d.notes.map { .string($0) }),
                "labels": .array(d.labels.map { label in
                    let (l, col) = label.span.file.location(of: label.span.start)
                    let (el, ecol) = label.span.file.location(of: label.span.end)
                    return .object([
                        "file": .string(label.span.file.name),
                        "line": .number(Double(l)), "column": .number(Double(col)),
                        "endLine": .number(Double(el)), "endColumn": .number(Double(ecol)),
                        "message": .string(label.message), "primary": .bool(label.isPrimary),
                    ])
                }),
            ]
            if let help = d.help { obj["help"] = .string(help) }
            // The same problem met again (a loop): how often, when more than once.
            if d.occurrences > 1 { obj["occurrences"] = .number(Double(d.occurrences)) }
            if let span = d.primarySpan {
                let (l, col) = span.file.location(of: span.start)
                obj["file"] = .string(span.file.name)
                obj["line"] = .number(Double(l))
                obj["column"] = .number(Double(col))
            }
            return .object(obj)
        }
        return JSONValue.array(items).serialized(pretty: true) + "\n"
    }

    /// Messages quote what was written; a name or string thousands of characters long is cut.
    package static func clip(_ text: String) -> String {
        guard text.utf8.count > 400 else { return text }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > 400 else { return text }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[0..<300])
        view.append("…")
        view.append(contentsOf: scalars[(scalars.count - 60)...])
        return String(view)
    }

    /// Tabs become one space (so carets line up) and other control characters their visible
    /// symbols (NUL shows as U+2400), so a terminal never receives raw control bytes.
    package static func visible(_ u: Unicode.Scalar) -> Unicode.Scalar {
        if u == "\t" { return " " }
        if u.value < 0x20 { return Unicode.Scalar(0x2400 + u.value)! }
        if u.value == 0x7F { return Unicode.Scalar(0x2421)! }
        // C1 controls and bidirectional overrides would reorder or hide what follows.
        if (0x80...0x9F).contains(u.value) || (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value) {
            return Unicode.Scalar(0xFFFD)!
        }
        return u
    }
}

/// ANSI colours, or empty strings when colour is off.
package struct Palette {
    package let red, yellow, cyan, blue, bold, reset: String
    package init(enabled: Bool) {
        red = enabled ? "\u{1B}[31m" : ""
        yellow = enabled ? "\u{1B}[33m" : ""
        cyan = enabled ? "\u{1B}[36m" : ""
        blue = enabled ? "\u{1B}[34m" : ""
        bold = enabled ? "\u{1B}[1m" : ""
        reset = enabled ? "\u{1B}[0m" : ""
    }
}
