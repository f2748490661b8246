import CarePlanBasics

/// Standardised outcome measures OT and PT plans score: a goal's `measure tug from 19 to 10`
/// and an assessment's `score berg: 38` name one by its id.
///
/// Each has a unit (UCUM, for FHIR quantities), a range (a value outside it is an error), a
/// direction (for the TUG, pain and the disability indexes lower is better), a minimal
/// clinically important difference (MCID) with the study it comes from, and a LOINC code only
/// where careplan has one from a source it trusts (none is better than a wrong one).
/// The MCIDs are population-specific; each source names the population it was measured in.
public enum OutcomeMeasure: String, CaseIterable, Sendable {
    case tug
    case berg
    case sixMinuteWalk = "six-minute-walk"
    case tenMetreWalk = "ten-metre-walk"
    case chairStand = "chair-stand"
    case fiveTimesSitToStand = "five-times-sit-to-stand"
    case lefs
    case oswestry
    case ndi
    case quickdash
    case koosJR = "koos-jr"
    case hoosJR = "hoos-jr"
    case nprs
    case psfs
    case copm
    case barthel

    /// What careplan knows about one measure.
    public struct Info: Sendable {
        public let name: String
        /// The UCUM code of the unit (`s`, `m`, `m/s`, `%`, `{score}`, `{repetitions}`).
        public let unit: String
        /// The unit in words, for reports ("s", "m", "points").
        public let unitLabel: String
        public let range: ClosedRange<Double>
        public let lowerIsBetter: Bool
        /// The smallest change that matters to patients, in the measure's unit; nil where no
        /// single figure is established.
        public let mcid: Double?
        /// Where the MCID comes from (or why there is none).
        public let mcidSource: String
        /// LOINC code of the total score, where careplan is sure of it.
        public let loinc: String?
    }

    public var info: Info {
        switch self {
        case .tug:
            // Range: careplan's plausibility bound; the test has no ceiling.
            return Info(name: "Timed Up and Go", unit: "s", unitLabel: "s", range: 0...300, lowerIsBetter: true, mcid: 3.4,
                        mcidSource: "Gautschi OP et al., Neurosurgery 2017 (lumbar degenerative disease)", loinc: nil)
        case .berg:
            return Info(name: "Berg Balance Scale", unit: "{score}", unitLabel: "points", range: 0...56, lowerIsBetter: false, mcid: 4,
                        mcidSource: "Donoghue D, Stokes EK, J Rehabil Med 2009;41:343-346 (older adults scoring 45-56; a minimal detectable change, used where no MCID is established)",
                        loinc: nil)
        case .sixMinuteWalk:
            return Info(name: "6-Minute Walk Test", unit: "m", unitLabel: "m", range: 0...1000, lowerIsBetter: false, mcid: 20,
                        mcidSource: "Perera S et al., J Am Geriatr Soc 2006;54:743-749 (older adults: small meaningful change 20 m, substantial 50 m)",
                        loinc: nil)
        case .tenMetreWalk:
            return Info(name: "10-Metre Walk Test (gait speed)", unit: "m/s", unitLabel: "m/s", range: 0...4, lowerIsBetter: false, mcid: 0.05,
                        mcidSource: "Perera S et al., J Am Geriatr Soc 2006;54:743-749 (older adults: small meaningful change 0.05 m/s, substantial 0.10 m/s)",
                        loinc: nil)
        case .chairStand:
            return Info(name: "30-Second Chair Stand Test", unit: "{repetitions}", unitLabel: "stands", range: 0...60, lowerIsBetter: false, mcid: 2,
                        mcidSource: "Wright AA et al., J Orthop Sports Phys Ther 2011;41:319-327 (hip osteoarthritis)", loinc: nil)
        case .fiveTimesSitToStand:
            return Info(name: "Five Times Sit to Stand Test", unit: "s", unitLabel: "s", range: 0...120, lowerIsBetter: true, mcid: 1.7,
                        mcidSource: "Jones SE et al., Thorax 2013;68:1015-1020 (COPD)", loinc: nil)
        case .lefs:
            return Info(name: "Lower Extremity Functional Scale", unit: "{score}", unitLabel: "points", range: 0...80, lowerIsBetter: false, mcid: 9,
                        mcidSource: "Binkley JM et al., Phys Ther 1999;79:371-383 (lower-extremity musculoskeletal conditions)", loinc: nil)
        case .oswestry:
            return Info(name: "Oswestry Disability Index", unit: "%", unitLabel: "%", range: 0...100, lowerIsBetter: true, mcid: 10,
                        mcidSource: "Ostelo RW et al., Spine 2008;33:90-94 (low back pain consensus: 10 points or 30%)", loinc: nil)
        case .ndi:
            return Info(name: "Neck Disability Index", unit: "{score}", unitLabel: "points of 50", range: 0...50, lowerIsBetter: true, mcid: 9.5,
                        mcidSource: "Cleland JA et al., Arch Phys Med Rehabil 2008;89:69-74 (mechanical neck pain; NDI scored 0-50)", loinc: nil)
        case .quickdash:
            return Info(name: "QuickDASH", unit: "{score}", unitLabel: "points", range: 0...100, lowerIsBetter: true, mcid: 8,
                        mcidSource: "Mintken PE et al., J Shoulder Elbow Surg 2009;18:920-926 (shoulder pain)", loinc: nil)
        case .koosJR:
            return Info(name: "KOOS JR (interval score)", unit: "{score}", unitLabel: "points", range: 0...100, lowerIsBetter: false, mcid: nil,
                        mcidSource: "no single MCID adopted: anchor-based values after knee replacement differ between studies (e.g. Hung M et al., World J Orthop 2018;9:41-49)",
                        loinc: nil)
        case .hoosJR:
            return Info(name: "HOOS JR (interval score)", unit: "{score}", unitLabel: "points", range: 0...100, lowerIsBetter: false, mcid: nil,
                        mcidSource: "no single MCID adopted: anchor-based values after hip replacement differ between studies (e.g. Hung M et al., World J Orthop 2018;9:41-49)",
                        loinc: nil)
        case .nprs:
            return Info(name: "Numeric Pain Rating Scale", unit: "{score}", unitLabel: "points", range: 0...10, lowerIsBetter: true, mcid: 2,
                        mcidSource: "Farrar JT et al., Pain 2001;94:149-158 (chronic pain: 2 points or 30%)", loinc: "72514-3")
        case .psfs:
            return Info(name: "Patient-Specific Functional Scale", unit: "{score}", unitLabel: "points", range: 0...10, lowerIsBetter: false, mcid: 2,
                        mcidSource: "Stratford P et al., Physiother Can 1995;47:258-263 (mean score: 2 points; one activity: 3)", loinc: nil)
        case .copm:
            return Info(name: "Canadian Occupational Performance Measure", unit: "{score}", unitLabel: "points", range: 1...10, lowerIsBetter: false, mcid: 2,
                        mcidSource: "Law M et al., COPM manual; Carswell A et al., Can J Occup Ther 2004;71:210-222 (2 points)", loinc: nil)
        case .barthel:
            return Info(name: "Barthel Index", unit: "{score}", unitLabel: "points", range: 0...100, lowerIsBetter: false, mcid: 9.25,
                        mcidSource: "Hsieh YW et al., Neurorehabil Neural Repair 2007;21:233-238 (stroke: 1.85 on the 0-20 form, 9.25 on 0-100)",
                        loinc: nil)
        }
    }

    /// LOINC's own name for the code, where there is one.
    public var loincDisplay: String? {
        self == .nprs ? "Pain severity - 0-10 verbal numeric rating [Score] - Reported" : nil
    }

    /// The measure a bare word names (`tug`), or nil.
    public static func parse(_ word: String) -> OutcomeMeasure? { OutcomeMeasure(rawValue: word) }
    public static var spellings: [String] { allCases.map(\.rawValue) }

    /// Whether `a` is better than `b` on this measure.
    public func better(_ a: Double, than b: Double) -> Bool { info.lowerIsBetter ? a < b : a > b }

    /// A value with its unit for people: "19 s", "38 points".
    public func format(_ v: Double) -> String {
        let n = JSONValue.format(v)
        switch info.unit {
        case "%": return n + "%"
        // "1 point", "1 stand" (not "1 points"); "1 points of 50" -> "1 point of 50".
        case _ where abs(v) == 1 && info.unitLabel == "stands": return "\(n) stand"
        case _ where abs(v) == 1 && info.unitLabel.hasPrefix("points"): return "\(n) point" + info.unitLabel.dropFirst("points".count)
        default: return "\(n) \(info.unitLabel)"
        }
    }
    /// The people the MCID was measured in, as its source names them; nil where the source
    /// names none. An MCID holds for its own population, so careplan says "the MCID reported
    /// in <population>" beside a change, never that this client's change is important.
    public var mcidPopulation: String? {
        switch self {
        case .tug: return "lumbar degenerative disease"
        case .berg, .sixMinuteWalk, .tenMetreWalk: return "older adults"
        case .chairStand: return "hip osteoarthritis"
        case .fiveTimesSitToStand: return "COPD"
        case .lefs: return "lower-extremity musculoskeletal conditions"
        case .oswestry: return "low back pain"
        case .ndi: return "mechanical neck pain"
        case .quickdash: return "shoulder pain"
        case .nprs: return "chronic pain"
        case .barthel: return "stroke"
        case .koosJR, .hoosJR, .psfs, .copm: return nil
        }
    }

    /// Whether `change` (latest minus baseline) is an improvement at least as large as the
    /// MCID; false where there is no MCID.
    public func reachesMCID(_ change: Double) -> Bool {
        guard let mcid = info.mcid else { return false }
        return (info.lowerIsBetter ? -change : change) >= mcid - 1e-9
    }

    /// A change since baseline read against the measure's direction and MCID, in the words
    /// `careplan report` and the documents share: "no improvement", "at least the MCID of
    /// 3.4 s reported in lumbar degenerative disease", "less than the MCID of 2 points",
    /// "no established MCID to compare with". `citing` adds where the MCID comes from.
    public func changeVerdict(_ change: Double, citing: Bool) -> String {
        let info = self.info
        guard (info.lowerIsBetter ? -change : change) > 0 else { return "no improvement" }
        guard let mcid = info.mcid else {
            return "no established MCID to compare with" + (citing ? ": \(info.mcidSource)" : "")
        }
        return (reachesMCID(change) ? "at least" : "less than") + " the MCID of \(format(mcid))"
            + (mcidPopulation.map { " reported in \($0)" } ?? "")
            + (citing ? "; MCID from \(info.mcidSource)" : "")
    }
}
