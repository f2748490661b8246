import CarePlanBasics

/// One service given at a visit, as billed: its CPT code and minutes (`service 97530 minutes
/// 23 note "standing kitchen tasks"`). The units follow from all the visit's services together
/// by the 8-minute rule (`Visit.bill`), not from one service alone.
public struct VisitService: Sendable {
    public var code: Located<String>
    public var minutes: Located<Int>
    /// What was done, in the therapist's words (optional).
    public var note: String?
    public var span: Span

    /// The code's table entry, if careplan knows it.
    public var known: CPTCode? { CPTCode.lookup(code.value) }

    package init(code: Located<String>, minutes: Located<Int>, note: String? = nil, span: Span) {
        self.code = code
        self.minutes = minutes
        self.note = note
        self.span = span
    }
}

extension Visit {
    /// Minutes of all the services recorded (timed and untimed).
    public var serviceMinutes: Int { services.reduce(0) { $0 + $1.minutes.value } }

    /// The visit's billing units by the 8-minute rule (CMS Pub. 100-04 ch. 5 §20.2), over the
    /// services whose codes careplan knows (an unknown code is warned about, CP0604, and left
    /// out: careplan cannot tell whether it is timed), leaving out too the codes whose units it
    /// does not compute (`CPTCode.unitsNotComputed`: unlisted, by the hour). Lines are in the
    /// order written. For a payer that pays every code; a Medicare plan's bill is
    /// `bill(medicare: true)`.
    public var bill: EightMinuteRule.Bill { bill(medicare: false) }

    /// The bill under Medicare when `medicare`: a bundled code (`CPTCode.isBundled`, 97010;
    /// the table CP0606 reads) bills 0 units and stays out of the total.
    public func bill(medicare: Bool) -> EightMinuteRule.Bill {
        EightMinuteRule.bill(services.compactMap { s in
            s.known.flatMap { $0.unitsNotComputed == nil ? $0 : nil }.map {
                EightMinuteRule.Service(code: s.code.value, minutes: s.minutes.value, isTimed: $0.isTimed, isBundled: medicare && $0.isBundled)
            }
        })
    }
}
