import CarePlanModel

/// The words careplan's FHIR export writes where FHIR has only text (activity codes, note
/// prefixes, the certification tasks), in one place: `careplan import` recognises its own
/// export by these same strings (FHIRBundleReader), so a change here changes both sides.
extension FHIRExport {
    package enum Wording {
        /// The plan's own sessions: the `ServiceRequest` activity carrying `frequency`.
        package static let sessions = "Therapy sessions"
        package static let checkin = "Progress check-in"
        package static let reassessment = "Re-assessment"
        package static let certification = "Certification of the plan of care"
        package static let recertification = "Re-certification of the plan of care"
        /// Between a certification's period and its signature: "..., signed DATE by NAME".
        package static let signed = ", signed "
        package static let signedBy = " by "
        /// A goal note holding a progress entry's GAS level and words: "Progress: GAS 1; ...".
        package static let progress = "Progress: "
        package static let gas = "GAS "
        package static let partSeparator = "; "
        package static let condition = "Condition: "
        package static let assistAtStart = "Assist level at the start: "
        /// A DeviceRequest's note naming the intervention the equipment is for.
        package static let equipmentFor = "For: "
        /// Between an intervention's title and its equipment in the activity's description.
        package static let equipmentList = " (equipment: "
        /// A goal target's measure when the target is an assist level.
        package static let assistLevelMeasure = "assist level"
        /// In a Goal's narrative, "Goal: TITLE; NAME from BASELINE to TARGET": the baseline
        /// FHIR has no place for, read back from here.
        package static func measureRange(_ name: String) -> String { "; \(name) from " }

        /// The CarePlan's description when the plan has none ("Physical therapy plan of care.").
        package static func defaultDescription(_ discipline: Discipline?) -> String {
            "\(capitalized(discipline?.label ?? "therapy")) plan of care."
        }
    }
}
