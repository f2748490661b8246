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
    /// Longest source line shown in full; longer ones are shown as a window around the caret.
    public static let maxLineWidth = 120

    public static func render(_ d: Diagnostic, color: Bool = false) -> String {
        let c = Palette(enabled: color)
        var out = ""
        let sevColor = d.severity == .error ? c.red : d.severity == .warning ? c.yellow : c.cyan
        if let span = d.primarySpan {
            let (line, col) = span.file.location(of: span.start)
            out += c.bold + "\(span.file.name):\(line):\(col): " + c.reset
        }
        out += sevColor + c.bold + "\(d.severity.rawValue)[\(d.code.rawValue)]" + c.reset
        out += c.bold + ": \(clip(d.message))" + c.reset + "\n"

        // Group labels by file and line so several carets on one line share the source line.
        let labelled = d.labels.map { label -> (label: Label, line: Int, col: Int, endCol: Int) in
            let (l, col) = label.span.file.location(of: label.span.start)
            let endLoc = label.span.file.location(of: max(label.span.start, label.span.end))
            // A span running past its line is underlined to the line's end.
            let endCol = endLoc.line == l ? endLoc.column : label.span.file.lineText(l).unicodeScalars.count + 1
            return (label, l, col, endCol)
        }
        let width = String(labelled.map(\.line).max() ?? 0).count
        let pad = String(repeating: " ", count: width)
        if !labelled.isEmpty {
            out += c.blue + "\(pad) |" + c.reset + "\n"
            var lastFile: SourceFile? = nil
            for item in labelled {
                if let last = lastFile, last !== item.label.span.file {
                    out += c.blue + "\(pad) = " + c.reset + "in \(item.label.span.file.name):\(item.line):\(item.col)\n"
                }
                lastFile = item.label.span.file
                var text = expandTabs(item.label.span.file.lineText(item.line))
                var col = item.col, endCol = item.endCol
                // A very long line (minified input, a 10 MB string) is shown as a window around
                // the caret, so one diagnostic never floods the terminal.
                let scalars = Array(text.unicodeScalars)
                if scalars.count > maxLineWidth {
                    let start = max(0, min(col - 1 - maxLineWidth / 3, scalars.count - maxLineWidth))
                    let end = min(scalars.count, start + maxLineWidth)
                    var view = String.UnicodeScalarView()
                    if start > 0 { view.append("…") }
                    view.append(contentsOf: scalars[start..<end])
                    if end < scalars.count { view.append("…") }
                    text = String(view)
                    let shift = start - (start > 0 ? 1 : 0)
                    col -= shift
                    endCol = min(endCol - shift, end - shift + 1)
                }
                let lineNo = String(item.line)
                out += c.blue + String(repeating: " ", count: width - lineNo.count) + lineNo + " |" + c.reset
                out += text.isEmpty ? "\n" : " \(text)\n"
                let caretCount = max(1, endCol - col)
                let marker = item.label.isPrimary ? "^" : "-"
                let markColor = item.label.isPrimary ? sevColor : c.blue
                out += c.blue + "\(pad) |" + c.reset + " " + String(repeating: " ", count: max(0, col - 1))
                out += markColor + String(repeating: marker, count: caretCount)
                if !item.label.message.isEmpty { out += " " + clip(item.label.message) }
                out += c.reset + "\n"
            }
        }
        for note in d.notes {
            out += c.blue + "\(pad) = " + c.reset + c.bold + "note" + c.reset + ": \(clip(note))\n"
        }
        if let help = d.help {
            out += c.blue + "\(pad) = " + c.reset + c.bold + "help" + c.reset + ": \(clip(help))\n"
        }
        return out
    }

    /// Renders several diagnostics separated by blank lines, followed by a one-line summary.
    public static func render(_ list: [Diagnostic], color: Bool = false, summary: Bool = true) -> String {
        var parts = list.sortedForDisplay().map { render($0, color: color) }
        if summary, !list.isEmpty { parts.append(summaryLine(list)) }
        return parts.joined(separator: "\n")
    }

    /// "2 errors, 1 warning" — the last line of a check.
    public static func summaryLine(_ list: [Diagnostic]) -> String {
        let e = list.errorCount, w = list.warningCount
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let n = list.noteCount
        // Notes are counted only when there are some, so a plan without them reads as before.
        return "\(plural(e, "error")), \(plural(w, "warning"))\(n > 0 ? ", " + plural(n, "note") : "")\n"
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
    static func clip(_ text: String) -> String {
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
    private static func expandTabs(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if u == "\t" { out.append(" ") }
            else if u.value < 0x20 { out.append(Unicode.Scalar(0x2400 + u.value)!) }
            else if u.value == 0x7F { out.append(Unicode.Scalar(0x2421)!) }
            else { out.append(u) }
        }
        return String(out)
    }
}

/// ANSI colours, or empty strings when colour is off.
struct Palette {
    let red, yellow, cyan, blue, bold, reset: String
    init(enabled: Bool) {
        red = enabled ? "\u{1B}[31m" : ""
        yellow = enabled ? "\u{1B}[33m" : ""
        cyan = enabled ? "\u{1B}[36m" : ""
        blue = enabled ? "\u{1B}[34m" : ""
        bold = enabled ? "\u{1B}[1m" : ""
        reset = enabled ? "\u{1B}[0m" : ""
    }
}
