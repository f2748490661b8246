/// The field keywords written for one element (`Plan.attempted`, `Goal.attempted`, ...), as a
/// set of bits.
///
/// Every goal, intervention and plan keeps one, and one is updated for every field line run.
/// As a `Set<String>` each cost a hash-table allocation (a seventh of the memory of a large
/// checked file) and a string hash per field; the field keywords are a fixed, small enum.
public struct FieldNames: Sendable, Hashable, ExpressibleByArrayLiteral {
    /// Bits 0-63 and 64-127, by `FieldKeyword.position`.
    private var low: UInt64 = 0, high: UInt64 = 0

    public init() {}
    public init(arrayLiteral keywords: FieldKeyword...) { for k in keywords { insert(k) } }

    private func has(_ b: Int) -> Bool { b < 64 ? low & (1 << UInt64(b)) != 0 : high & (1 << UInt64(b - 64)) != 0 }
    private mutating func set(_ b: Int) { if b < 64 { low |= 1 << UInt64(b) } else { high |= 1 << UInt64(b - 64) } }

    public func contains(_ keyword: FieldKeyword) -> Bool { has(keyword.position) }

    /// Adds `keyword`; true if it was not there yet.
    @discardableResult
    public mutating func insert(_ keyword: FieldKeyword) -> Bool {
        let b = keyword.position
        defer { set(b) }
        return !has(b)
    }

    /// The keywords in this set and not in `other`.
    public func subtracting(_ other: FieldNames) -> FieldNames {
        var r = FieldNames()
        r.low = low & ~other.low
        r.high = high & ~other.high
        return r
    }

    public var isEmpty: Bool { low == 0 && high == 0 }

    /// The keywords as written, in alphabetical order.
    public func sorted() -> [String] {
        FieldKeyword.allCases.filter(contains).map(\.rawValue).sorted()
    }
}
