/// A calendar date with no time and no time zone: therapy plans count days, not instants,
/// so nothing here can shift across a daylight-saving change.
///
/// Four bytes: dates are in every plan field, check-in and schedule, and a checked caseload
/// keeps them all (three `Int`s took 24).
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    private let y: Int16
    private let m: UInt8
    private let d: UInt8

    /// 1...9999.
    public var year: Int { Int(y) }
    /// 1...12.
    public var month: Int { Int(m) }
    /// 1...31.
    public var day: Int { Int(d) }

    /// nil when the date does not exist (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard year >= 1, year <= 9999, month >= 1, month <= 12, day >= 1,
              day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.init(checkedYear: year, month: month, day: day)
    }

    private init(checkedYear year: Int, month: Int, day: Int) {
        y = Int16(year)
        m = UInt8(month)
        d = UInt8(day)
    }

    /// Parses `YYYY-MM-DD` exactly.
    public init?(iso text: String) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == 0x2D, u[7] == 0x2D else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r { guard u[i] >= 0x30, u[i] <= 0x39 else { return nil }; n = n * 10 + Int(u[i] - 0x30) }
            return n
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date for a day number (inverse of `dayNumber`); clamps to the supported years.
    public init(dayNumber n: Int) {
        let z = min(max(n, -719162), 2932896) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.init(checkedYear: y, month: m, day: d)
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// Adds calendar months; the day is clamped to the month's end (Jan 31 + 1 month = Feb 28/29).
    public func adding(months: Int) -> CalendarDate {
        let total = year * 12 + (month - 1) + months
        let y = min(max(total / 12, 1), 9999), m = total % 12 + 1
        return CalendarDate(year: y, month: m, day: min(day, CalendarDate.daysIn(month: m, year: y)))
            ?? self
    }

    /// Whole days from self to other (positive when other is later).
    public func days(until other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    /// ISO weekday: 1 = Monday ... 7 = Sunday.
    public var weekday: Int {
        let w = (dayNumber % 7 + 7 + 3) % 7 // 1970-01-01 was a Thursday
        return w + 1
    }

    /// `2026-11-02`. Written digit by digit: dates are in most messages the validator builds
    /// (a REPL statement in a 1,000-goal plan formats thousands), and ten ASCII characters
    /// make a string Swift stores inline, with nothing allocated but the digits' array.
    public var description: String {
        let ascii: [UInt8] = [digit(year / 1000), digit(year / 100), digit(year / 10), digit(year), 0x2D,
                              digit(month / 10), digit(month), 0x2D, digit(day / 10), digit(day)]
        return String(decoding: ascii, as: UTF8.self)
    }

    /// The last decimal digit of `n`, as an ASCII byte.
    private func digit(_ n: Int) -> UInt8 { 0x30 + UInt8(n % 10) }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { (a.y, a.m, a.d) < (b.y, b.m, b.d) }
}

/// An amount of time in calendar units, or a number of visits.
public struct Duration: Hashable, Sendable, CustomStringConvertible {
    public var amount: Int
    public var unit: DurationUnit

    public init(_ amount: Int, _ unit: DurationUnit) { self.amount = amount; self.unit = unit }

    /// The date this duration after `date` (visits have no calendar length: nil).
    public func after(_ date: CalendarDate) -> CalendarDate? {
        switch unit {
        case .day: return date.adding(days: amount)
        case .week: return date.adding(days: amount * 7)
        case .month: return date.adding(months: amount)
        case .year: return date.adding(months: amount * 12)
        case .visit: return nil
        }
    }

    /// The date this duration before `date`.
    public func before(_ date: CalendarDate) -> CalendarDate? {
        Duration(-amount, unit).after(date)
    }

    /// Approximate length in days, for comparisons only.
    public var approximateDays: Int {
        switch unit {
        case .day: return amount
        case .week: return amount * 7
        case .month: return amount * 30
        case .year: return amount * 365
        case .visit: return 0
        }
    }

    public var description: String { "\(amount) \(amount == 1 ? unit.rawValue : unit.plural)" }
}
