import CarePlanBasics
import CarePlanModel

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
        // De-identification is a change to the plan, so every format gets it the same way.
        // Records dated after today have not happened: no format shows them (the validator
        // reports them, CP0511).
        let (plan, options) = options.deidentify
            ? (Deidentify.plan(plan.recorded(upTo: options.today)), Deidentify.options(options, forPlan: plan.id.value))
            : (plan.recorded(upTo: options.today), options)
        switch format {
        case .json: return JSONExport.render(plan, options: options)
        case .fhir: return FHIRExport.render(plan, options: options)
        case .ics: return ICSExport.render(plan, options: options)
        case .markdown: return MarkdownExport.render(plan, options: options)
        case .html: return HTMLExport.render(plan, options: options)
        }
    }
}
