import CarePlanBasics
import CarePlanModel

/// The documents that leave the clinic (`careplan document`): the plan of care sent for the
/// physician's signature, the daily note, the progress report, the
/// re-certification and the discharge summary.
public enum DocumentKind: String, CaseIterable, Sendable {
    case planOfCare = "plan-of-care"
    case progressReport = "progress-report"
    case dailyNote = "daily-note"
    case recertification
    case dischargeSummary = "discharge-summary"

    /// The document's heading.
    public var title: String {
        switch self {
        case .planOfCare: return "Plan of care"
        case .progressReport: return "Progress report"
        case .dailyNote: return "Daily note"
        case .recertification: return "Re-certification"
        case .dischargeSummary: return "Discharge summary"
        }
    }
}

/// The output formats of a document.
public enum DocumentFormat: String, CaseIterable, Sendable {
    case markdown, html
    public var fileExtension: String { self == .markdown ? "md" : "html" }
}

/// What a document is written for.
public struct DocumentOptions: Sendable {
    /// The date the document is written on (`--today`).
    public var today: CalendarDate
    /// The end of the period the document covers (`--as-of`); default: today.
    public var asOf: CalendarDate?
    /// The visit a daily note is about (`--visit`).
    public var visit: CalendarDate?
    public init(today: CalendarDate, asOf: CalendarDate? = nil, visit: CalendarDate? = nil) {
        self.today = today
        self.asOf = asOf
        self.visit = visit
    }
}

/// A document's content, independent of its layout: header facts, the precautions (shown
/// first on every document), sections, and signature blocks. `DocumentRenderer` lays it out
/// as Markdown or as one self-contained HTML page.
public struct ClinicalDocument: Sendable {
    /// "Label: text" pairs.
    public struct Fact: Sendable {
        public var label: String
        public var text: String
    }

    public struct Table: Sendable {
        public var caption: String
        public var columns: [String]
        /// Columns holding numbers, right-aligned.
        public var numeric: Set<Int> = []
        public var rows: [[String]]
    }

    public enum Block: Sendable {
        case paragraph(String)
        case facts([Fact])
        case list([String])
        case table(Table)
    }

    public struct Section: Sendable {
        public var heading: String
        public var blocks: [Block]
    }

    /// Who signs, with the statement they sign; unsigned blocks print blank lines.
    public struct SignatureBlock: Sendable {
        public var role: String
        public var statement: String?
        public var name: String?
        public var date: CalendarDate?
        /// Further lines (NPI).
        public var facts: [Fact] = []
        /// Further lines left blank to fill in on paper (an NPI not yet recorded).
        public var blanks: [String] = []
    }

    public var kind: DocumentKind
    /// The plan's title.
    public var subject: String
    public var facts: [Fact]
    /// Precaution lines in force; when empty, `noPrecautions` is printed instead.
    public var precautions: [String]
    /// What to say when no precaution is in force: "None recorded.", or which were recorded
    /// and lifted (a reader must not take a lifted precaution for one never written).
    public var noPrecautions: String = "None recorded."
    public var sections: [Section]
    public var signatures: [SignatureBlock]
    /// The date it was written.
    public var written: CalendarDate
}

/// One entry point for every document kind and format.
public enum Documents {
    /// The document's content for a checked plan (callers refuse plans with errors first).
    public static func content(_ kind: DocumentKind, plan: Plan, options: DocumentOptions) throws -> ClinicalDocument {
        switch kind {
        case .planOfCare: return try PlanOfCareDocument.build(plan, options: options)
        case .progressReport: return try ProgressReportDocument.build(plan, options: options)
        case .dailyNote: return try DailyNoteDocument.build(plan, options: options)
        case .recertification: return try RecertificationDocument.build(plan, options: options)
        case .dischargeSummary: return try DischargeSummaryDocument.build(plan, options: options)
        }
    }

    public static func render(_ kind: DocumentKind, plan: Plan, format: DocumentFormat, options: DocumentOptions) throws -> String {
        let doc = try content(kind, plan: plan, options: options)
        switch format {
        case .markdown: return DocumentRenderer.markdown(doc)
        case .html: return DocumentRenderer.html(doc)
        }
    }
}

/// Why a document cannot be written (no such visit, a plan without visits...).
public struct DocumentError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
