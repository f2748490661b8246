/// Billing units for one visit by the "8-minute rule": CMS, Medicare Claims Processing Manual
/// (Pub. 100-04) ch. 5 §20.2.
///
/// - Timed codes (`CPTCode.isTimed`) are billed in 15-minute units from the **total** timed
///   minutes of the visit: 8-22 minutes is 1 unit, 23-37 is 2, 38-52 is 3, and so on; under 8
///   minutes nothing is billed.
/// - The units are then assigned to the codes: each code first gets one unit per full 15
///   minutes it was given; any unit left over goes to the code with the most minutes left
///   over (one each, largest remainder first; a tie goes to the code written first). So 33
///   minutes of 97110 and 7 of 97140 (40 minutes, 3 units) bill 2 units of 97110 and 1 of
///   97140, and 7 minutes each of two codes (14 minutes, 1 unit) bill the first.
/// - Untimed codes (evaluations, group therapy, unattended modalities) are one unit each,
///   whatever their minutes, and their minutes do not count towards the timed total.
/// - A bundled service (`Service.isBundled`: 97010 on a Medicare plan, `CPTCode.isBundled`)
///   is paid as part of the visit's other services, never on its own: 0 units, and its
///   minutes do not count towards the timed total.
///
/// Pure: services in, lines out.
public enum EightMinuteRule {
    /// One service given in a visit.
    public struct Service: Sendable, Equatable {
        public var code: String
        public var minutes: Int
        public var isTimed: Bool
        /// Not paid separately by this payer (Medicare: status indicator B): billed 0 units.
        public var isBundled: Bool
        public init(code: String, minutes: Int, isTimed: Bool, isBundled: Bool = false) {
            self.code = code
            self.minutes = minutes
            self.isTimed = isTimed
            self.isBundled = isBundled
        }
    }

    /// A service with the units billed for it.
    public struct Line: Sendable, Equatable {
        public var code: String
        public var minutes: Int
        public var isTimed: Bool
        /// Bundled: shown with its minutes, 0 units, out of the timed total.
        public var isBundled: Bool = false
        public var units: Int
    }

    /// The whole visit.
    public struct Bill: Sendable, Equatable {
        /// In the order the services were given.
        public var lines: [Line]
        public var totalMinutes: Int { lines.reduce(0) { $0 + $1.minutes } }
        public var timedMinutes: Int { lines.filter { $0.isTimed && !$0.isBundled }.reduce(0) { $0 + $1.minutes } }
        public var timedUnits: Int { lines.filter(\.isTimed).reduce(0) { $0 + $1.units } }
        public var units: Int { lines.reduce(0) { $0 + $1.units } }
    }

    /// Units for a total of timed minutes: 0-7 -> 0, 8-22 -> 1, 23-37 -> 2, 38-52 -> 3...
    public static func units(timedMinutes: Int) -> Int {
        timedMinutes < 8 ? 0 : (timedMinutes + 7) / 15
    }

    /// The units of each service of one visit.
    public static func bill(_ services: [Service]) -> Bill {
        var lines = services.map { Line(code: $0.code, minutes: max(0, $0.minutes), isTimed: $0.isTimed, isBundled: $0.isBundled,
                                        units: $0.isTimed || $0.isBundled ? 0 : 1) }
        let timed = lines.indices.filter { lines[$0].isTimed && !lines[$0].isBundled }
        let total = units(timedMinutes: timed.reduce(0) { $0 + lines[$1].minutes })
        // Full 15-minute units first: never more than the total (15 * sum(full) <= minutes).
        for i in timed { lines[i].units = lines[i].minutes / 15 }
        var left = total - timed.reduce(0) { $0 + lines[$1].units }
        // Then one more unit each, to the largest remainders (stable: ties keep written order).
        let byRemainder = timed.sorted { a, b in
            let ra = lines[a].minutes % 15, rb = lines[b].minutes % 15
            return ra != rb ? ra > rb : a < b
        }
        for i in byRemainder where left > 0 && lines[i].minutes % 15 > 0 {
            lines[i].units += 1
            left -= 1
        }
        return Bill(lines: lines)
    }
}
