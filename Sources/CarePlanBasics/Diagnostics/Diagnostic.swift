/// How serious a diagnostic is.
public enum Severity: String, Sendable, Comparable {
    case error, warning, note

    private var rank: Int { self == .error ? 2 : self == .warning ? 1 : 0 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A span with a short message printed under its caret line.
public struct Label: Sendable, Equatable {
    public var span: Span { didSet { source = span.file } }
    public var message: String
    /// The primary label gives the diagnostic its file:line:col; secondary ones add context.
    public var isPrimary: Bool
    /// Keeps the file the span points into alive for as long as the diagnostic is (spans hold
    /// only a file number), so a diagnostic can be rendered after everything else is gone.
    private var source: SourceFile

    public init(_ span: Span, _ message: String = "", primary: Bool = true) {
        self.span = span
        self.message = message
        self.isPrimary = primary
        self.source = span.file
    }

    public static func == (a: Label, b: Label) -> Bool {
        a.span == b.span && a.message == b.message && a.isPrimary == b.isPrimary
    }
}

/// One problem found in a plan, as plain data. Rendering is `DiagnosticRenderer`'s job.
public struct Diagnostic: Sendable, Equatable {
    public var code: DiagnosticCode
    public var severity: Severity
    public var message: String
    public var labels: [Label]
    public var notes: [String]
    public var help: String?
    /// How many times the same problem was found (a loop body failing on every pass is
    /// reported once, "reported 3,000 times"). Not part of equality: two reports of one
    /// problem are equal whatever their counts.
    public var occurrences: Int = 1

    public static func == (a: Diagnostic, b: Diagnostic) -> Bool {
        a.code == b.code && a.severity == b.severity && a.message == b.message && a.labels == b.labels
            && a.notes == b.notes && a.help == b.help
    }

    public init(_ code: DiagnosticCode, _ message: String, severity: Severity? = nil,
                labels: [Label] = [], notes: [String] = [], help: String? = nil) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.message = message
        self.labels = labels
        self.notes = notes
        self.help = help
    }

    /// Convenience for the common case of one primary span.
    public init(_ code: DiagnosticCode, _ message: String, at span: Span?, label: String = "",
                severity: Severity? = nil, notes: [String] = [], help: String? = nil) {
        self.init(code, message, severity: severity,
                  labels: span.map { [Label($0, label)] } ?? [], notes: notes, help: help)
    }

    public var primarySpan: Span? { labels.first(where: \.isPrimary)?.span ?? labels.first?.span }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errorCount: Int { filter { $0.severity == .error }.count }
    public var warningCount: Int { filter { $0.severity == .warning }.count }
    public var noteCount: Int { filter { $0.severity == .note }.count }

    /// Sorted by file, then position, then code, so output is stable.
    public func sortedForDisplay() -> [Diagnostic] {
        // The sort keys are found once per diagnostic: a span's file is looked up by number
        // (under a lock), which once per comparison was most of sorting 200,000 diagnostics.
        var names: [UInt32: String] = [:]
        let keys = map { d -> (name: String, start: Int) in
            guard let span = d.primarySpan else { return ("", Int.max) }
            if let name = names[span.fileID] { return (name, span.start) }
            let name = span.file.name
            names[span.fileID] = name
            return (name, span.start)
        }
        return indices.sorted { x, y in
            let a = keys[x], b = keys[y]
            if a.name != b.name { return a.name < b.name }
            if a.start != b.start { return a.start < b.start }
            return x < y
        }.map { self[$0] }
    }
}
