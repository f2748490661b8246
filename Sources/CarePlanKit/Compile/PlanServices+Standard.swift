import CarePlanAnalysis

extension PlanServices {
    /// The validator and the exporters of this package: what every real host (CLI, REPL,
    /// tests of whole scripts) gives the interpreter.
    public static let standard = PlanServices(
        validate: { plan, today in Validator.validate(plan, today: today) },
        formats: ExportFormat.allCases.map { Format(name: $0.rawValue, fileExtension: $0.fileExtension) },
        render: { plan, format, today in
            // `formats` is built from ExportFormat, so every name maps back.
            try Exporter.render(plan, as: ExportFormat(rawValue: format.name)!, options: ExportOptions(today: today))
        })
}
