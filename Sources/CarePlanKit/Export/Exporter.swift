/// The formats a plan can be exported to.
public enum ExportFormat: String, CaseIterable, Sendable {
    case json, fhir, ics, markdown, html

    /// The usual file name ending.
    public var fileExtension: String {
        switch self {
        case .json: return "json"
        case .fhir: return "fhir.json"
        case .ics: return "ics"
        case .markdown: return "md"
        case .html: return "html"
        }
    }
}

/// Settings shared by every export.
public struct ExportOptions: Sendable {
    /// "Today", for DTSTAMP and status computations; injected so exports are reproducible.
    public var today: CalendarDate
    /// Drop names and birth dates and shift dates (FHIR teaching exports).
    public var deidentify: Bool
    public init(today: CalendarDate, deidentify: Bool = false) {
        self.today = today
        self.deidentify = deidentify
    }
}

/// Errors an export can raise (beyond validation, which runs first).
public struct ExportError: Error, CustomStringConvertible {
    public var description: String
}

/// One entry point for every export: the CLI, the script's `export` and the REPL's `:export`.
public enum Exporter {
    public static func render(_ plan: Plan, as format: ExportFormat, options: ExportOptions) throws -> String {
        switch format {
        case .json: return JSONExport.render(plan, options: options)
        default: throw ExportError(description: "the \(format.rawValue) export is not built yet")
        }
    }
}
