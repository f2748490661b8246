/// The text `careplan explain` and the REPL's `:explain` print for a code.
public enum Explanation {
    public static func text(for code: DiagnosticCode) -> String {
        var out = "\(code.rawValue) (\(code.defaultSeverity.rawValue)): \(code.title)\n\n"
        out += wrap(code.explanation, width: 76) + "\n"
        return out
    }

    /// Greedy word wrap, for terminal display.
    public static func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !line.isEmpty && line.count + 1 + word.count > width { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
