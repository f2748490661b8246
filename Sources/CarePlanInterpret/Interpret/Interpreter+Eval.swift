import CarePlanBasics
import CarePlanSyntax
import CarePlanModel

/// Expression evaluation and conversion of values to the types fields expect.
extension Interpreter {
    package func lookup(_ name: String) -> Value? {
        // Most scopes are empty (one per element body): skip them without hashing the name.
        for scope in scopes.reversed() where !scope.isEmpty { if let v = scope[name] { return v } }
        if let v = state.globals[name] { return v }
        if name == "today" { return .date(host.today) }
        // By position, not `currentPlanForNames`: that copies the whole plan on every name.
        if let p = state.focusIndex {
            if state.goalIndex(inPlan: p, name) != nil { return .goal(plan: state.plans[p].id.value, id: name) }
            if state.interventionIndex(inPlan: p, name) != nil { return .intervention(plan: state.plans[p].id.value, id: name) }
            if name == "start", let s = state.plans[p].start { return .date(s.value) }
        }
        if state.planIndex(of: name) != nil { return .plan(name) }
        return nil
    }

    /// True when a `let`, parameter or loop variable of this name is in scope.
    package func isBound(_ name: String) -> Bool {
        scopes.contains { !$0.isEmpty && $0[name] != nil } || state.globals[name] != nil
    }

    /// Names of goals and interventions resolve in the plan in focus.
    package var currentPlanForNames: Plan? { state.focusedPlan }

    /// All names a bare word could have meant, for "did you mean".
    package var namesInScope: [String] {
        var names = scopes.flatMap(\.keys) + state.globals.keys.sorted()
        if let plan = currentPlanForNames {
            names += plan.goals.map(\.id.value) + plan.interventions.map(\.id.value)
        }
        return names + state.plans.map(\.id.value)
    }

    package func eval(_ e: Expr) throws -> Value {
        switch e {
        case .string(let segments, _):
            var out = ""
            for seg in segments {
                switch seg {
                case .text(let t): out += t
                case .expr(let inner):
                    let v = try eval(inner)
                    if case .symbol(let s) = v { throw unknownName(s, inner.span) }
                    out += v.display
                }
            }
            if out.utf8.count > Limits.maxStringBytes {
                throw fail(.stringTooLong, "string built here is longer than \(Limits.maxStringBytes / 1024) KiB", e.span,
                           label: "too long")
            }
            return .string(out)
        case .text(let s, _): return .string(s)
        case .number(let n, _): return .number(n)
        case .date(let d, let span):
            guard let d else { throw EvalError.alreadyReported(span) }
            return .date(d)
        case .duration(let amountExpr, let unit, let span):
            let v = try eval(amountExpr)
            guard case .number(let n) = v else {
                if case .symbol(let s) = v { throw unknownName(s, amountExpr.span) }
                throw fail(.typeMismatch, "a duration needs a number, found \(v.kindName)", amountExpr.span, label: "not a number")
            }
            guard n == n.rounded(), abs(n) <= 100_000 else {
                throw fail(.invalidValue, "durations are whole numbers of \(unit.plural) up to 100000", span,
                           label: "not a whole number", help: "write `10 days` rather than `1.5 weeks`")
            }
            return .duration(Duration(Int(n), unit))
        case .bool(let b, _): return .bool(b)
        case .list(let items, _): return .list(try items.map(eval))
        case .name(let n, let span):
            // A name whose `let` failed: that mistake is reported already, at the `let`.
            if !failedLets.isEmpty, failedLets.contains(n), !isBound(n) { throw EvalError.alreadyReported(span) }
            return lookup(n) ?? .symbol(n)
        case .member(let base, let member, _):
            return try evalMember(try eval(base), base, member)
        case .not(let inner, _):
            let v = try eval(inner)
            guard case .bool(let b) = v else {
                throw fail(.typeMismatch, "`not` needs true or false, found \(v.kindName)", inner.span, label: "not a condition")
            }
            return .bool(!b)
        case .negate(let inner, _):
            let v = try eval(inner)
            switch v {
            case .number(let n): return .number(-n)
            case .duration(let d): return .duration(Duration(-d.amount, d.unit))
            case .symbol(let s): throw unknownName(s, inner.span)
            default: throw fail(.invalidOperation, "cannot negate \(v.kindName)", inner.span, label: "not a number")
            }
        case .binary(let op, let l, let r, let span):
            return try evalBinary(op, l, r, span)
        case .error(let span):
            // Already reported by the parser; stop this statement quietly.
            throw EvalError.alreadyReported(span)
        }
    }

    package func unknownName(_ name: String, _ span: Span) -> EvalError {
        if name == "start", let plan = currentPlanForNames, plan.start == nil {
            return fail(.unknownName, "`start` is used before plan `\(plan.id.value)` has a start date", span,
                        label: "no start date yet", help: "write `starts DATE` in the plan before this line")
        }
        guard firstReport(.unknownName, name, span) else { return EvalError.alreadyReported(span) }
        return fail(.unknownName, "unknown name `\(name)`", span, label: "not defined",
             help: Suggestion.didYouMean(name, in: namesInScope) ?? "define it first: `let \(name) = ...`")
    }

    package func evalMember(_ v: Value, _ baseExpr: Expr, _ member: Ident) throws -> Value {
        func unknown(_ members: [String]) -> EvalError {
            fail(.unknownMember, "\(v.kindName) has no member `\(member.name)`", member.span, label: "unknown member",
                 help: Suggestion.didYouMean(member.name, in: members) ?? "members: \(members.joined(separator: ", "))")
        }
        switch v {
        case .symbol(let s):
            if let plan = currentPlanForNames {
                guard firstReport(.unknownName, "\(s) in plan \(plan.id.value)", baseExpr.span) else { throw EvalError.alreadyReported(baseExpr.span) }
                throw fail(.unknownName, "no goal or intervention named `\(s)` in plan `\(plan.id.value)` (yet)", baseExpr.span,
                           label: "not declared before this line",
                           help: Suggestion.didYouMean(s, in: namesInScope).map { $0 + " (names must be declared before their members are read)" }
                               ?? "declare it before reading `\(s).\(member.name)`")
            }
            throw unknownName(s, baseExpr.span)
        case .goal(let planID, let id):
            let plan = state.plan(planID)!
            let goal = plan.goal(id)!
            switch member.name {
            case "due":
                guard let d = goal.due else {
                    // A `by` that was written but rejected is reported already.
                    if goal.attempted.contains(.by) { throw EvalError.alreadyReported(member.span) }
                    throw fail(.missingField, "goal `\(id)` has no due date yet", member.span, label: "`by` not set",
                               help: "give the goal `by DATE` before reading `\(id).due`")
                }
                return .date(d.value)
            case "title": return .string(goal.title.value)
            case "id": return .string(id)
            case "start":
                guard let s = plan.start else { throw fail(.missingField, "plan `\(planID)` has no start date yet", member.span) }
                return .date(s.value)
            case "occupation":
                guard let o = goal.occupation else { throw fail(.missingField, "goal `\(id)` has no occupation yet", member.span) }
                return .symbol(o.value.rawValue)
            default: throw unknown(["due", "title", "id", "start", "occupation"])
            }
        case .intervention(let planID, let id):
            let plan = state.plan(planID)!
            let i = plan.interventions[plan.interventionIndex(id)!]
            switch member.name {
            case "title": return .string(i.title.value)
            case "id": return .string(id)
            case "type":
                guard let t = i.type else { throw fail(.missingField, "intervention `\(id)` has no type yet", member.span) }
                return .symbol(t.value.rawValue)
            default: throw unknown(["title", "id", "type"])
            }
        case .plan(let id):
            let plan = state.plan(id)!
            switch member.name {
            case "start":
                guard let s = plan.start else {
                    throw fail(.missingField, "plan `\(id)` has no start date yet", member.span, label: "`starts` not set",
                               help: "write `starts DATE` in the plan before reading `\(id).start`")
                }
                return .date(s.value)
            case "title": return .string(plan.title.value)
            case "id": return .string(id)
            case "client":
                guard let c = plan.client else { throw fail(.missingField, "plan `\(id)` has no client yet", member.span) }
                return .string(c.name.value)
            case "discipline":
                guard let d = plan.discipline else { throw fail(.missingField, "plan `\(id)` has no discipline yet", member.span) }
                return .symbol(d.value.rawValue)
            default: throw unknown(["start", "title", "id", "client", "discipline"])
            }
        case .list(let items):
            switch member.name {
            case "count": return .number(Double(items.count))
            case "first":
                guard let f = items.first else { throw fail(.invalidValue, "the list is empty", member.span) }
                return f
            case "last":
                guard let l = items.last else { throw fail(.invalidValue, "the list is empty", member.span) }
                return l
            default: throw unknown(["count", "first", "last"])
            }
        case .date(let d):
            switch member.name {
            case "year": return .number(Double(d.year))
            case "month": return .number(Double(d.month))
            case "day": return .number(Double(d.day))
            default: throw unknown(["year", "month", "day"])
            }
        case .duration(let d):
            switch member.name {
            case "amount": return .number(Double(d.amount))
            case "days":
                guard d.unit == .day || d.unit == .week else {
                    throw fail(.invalidOperation, "\(d.unit.plural) have no fixed number of days", member.span)
                }
                return .number(Double(d.approximateDays))
            default: throw unknown(["amount", "days"])
            }
        case .string(let s):
            switch member.name {
            case "length": return .number(Double(s.count))
            default: throw unknown(["length"])
            }
        default:
            throw unknown([])
        }
    }

    package func evalBinary(_ op: BinaryOp, _ l: Expr, _ r: Expr, _ span: Span) throws -> Value {
        if op == .and || op == .or {
            let a = try eval(l)
            guard case .bool(let x) = a else {
                throw fail(.typeMismatch, "`\(op.rawValue)` needs true or false, found \(a.kindName)", l.span, label: "not a condition")
            }
            if op == .and && !x { return .bool(false) }
            if op == .or && x { return .bool(true) }
            let b = try eval(r)
            guard case .bool(let y) = b else {
                throw fail(.typeMismatch, "`\(op.rawValue)` needs true or false, found \(b.kindName)", r.span, label: "not a condition")
            }
            return .bool(y)
        }
        let a = try eval(l), b = try eval(r)
        // A bare unknown word in arithmetic is almost always a misspelt name.
        if op != .equal && op != .notEqual {
            if case .symbol(let s) = a { throw unknownName(s, l.span) }
            if case .symbol(let s) = b { throw unknownName(s, r.span) }
        }
        func bad() -> EvalError {
            var help = "dates shift by durations (`start + 6 weeks`); numbers add to numbers"
            if case .date = a, case .number = b { help = "say which unit: `+ \(b.display) days`, `weeks` or `months`" }
            return fail(.invalidOperation, "cannot apply `\(op.rawValue)` to \(a.kindName) and \(b.kindName)", span,
                        label: "these do not combine", help: help)
        }
        switch op {
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        case .less, .lessEqual, .greater, .greaterEqual:
            let c: Int
            switch (a, b) {
            case (.number(let x), .number(let y)): c = x < y ? -1 : x > y ? 1 : 0
            case (.date(let x), .date(let y)): c = x < y ? -1 : x > y ? 1 : 0
            case (.string(let x), .string(let y)): c = x < y ? -1 : x > y ? 1 : 0
            case (.duration(let x), .duration(let y)) where x.unit == y.unit: c = x.amount < y.amount ? -1 : x.amount > y.amount ? 1 : 0
            default: throw bad()
            }
            switch op {
            case .less: return .bool(c < 0)
            case .lessEqual: return .bool(c <= 0)
            case .greater: return .bool(c > 0)
            default: return .bool(c >= 0)
            }
        case .plus:
            switch (a, b) {
            case (.number(let x), .number(let y)): return .number(x + y)
            case (.date(let d), .duration(let u)), (.duration(let u), .date(let d)):
                guard let r = u.after(d) else { throw bad() }
                return .date(r)
            case (.duration(let x), .duration(let y)) where x.unit == y.unit: return .duration(Duration(x.amount + y.amount, x.unit))
            case (.string(let x), _): return .string(x + b.display)
            case (_, .string(let y)): return .string(a.display + y)
            case (.list(let x), .list(let y)): return .list(x + y)
            default: throw bad()
            }
        case .minus:
            switch (a, b) {
            case (.number(let x), .number(let y)): return .number(x - y)
            case (.date(let d), .duration(let u)):
                guard let r = u.before(d) else { throw bad() }
                return .date(r)
            // The number of days between two dates, as the README documents.
            case (.date(let x), .date(let y)): return .number(Double(y.days(until: x)))
            case (.duration(let x), .duration(let y)) where x.unit == y.unit: return .duration(Duration(x.amount - y.amount, x.unit))
            default: throw bad()
            }
        case .times:
            switch (a, b) {
            case (.number(let x), .number(let y)): return .number(x * y)
            case (.number(let x), .duration(let d)), (.duration(let d), .number(let x)):
                guard x == x.rounded() else { throw bad() }
                return .duration(Duration(d.amount * Int(x), d.unit))
            default: throw bad()
            }
        case .divide:
            guard case .number(let x) = a, case .number(let y) = b else { throw bad() }
            guard y != 0 else { throw fail(.invalidOperation, "division by zero", r.span, label: "zero") }
            return .number(x / y)
        case .and, .or: fatalError("handled above")
        }
    }

    // MARK: - Conversions to field types

    package func string(_ e: Expr, _ what: @autoclosure () -> String) throws -> Located<String> {
        let v = try eval(e)
        if case .string(let s) = v { return Located(s, e.span) }
        throw fail(.typeMismatch, "\(what()) must be a string in double quotes, found \(v.kindName)", e.span,
                   label: "expected a string", help: "put the text in double quotes: \"\(v.display)\"")
    }

    package func date(_ e: Expr, _ what: @autoclosure () -> String) throws -> Located<CalendarDate> {
        let v = try eval(e)
        switch v {
        case .date(let d): return Located(d, e.span)
        case .symbol(let s): throw unknownName(s, e.span)
        default:
            throw fail(.typeMismatch, "\(what()) must be a date, found \(v.kindName)", e.span, label: "expected a date",
                       help: "write a date as 2026-11-02, or compute one: `start + 8 weeks`")
        }
    }

    package func number(_ e: Expr, _ what: @autoclosure () -> String) throws -> Located<Double> {
        let v = try eval(e)
        switch v {
        case .number(let n): return Located(n, e.span)
        case .symbol(let s): throw unknownName(s, e.span)
        default: throw fail(.typeMismatch, "\(what()) must be a number, found \(v.kindName)", e.span, label: "expected a number")
        }
    }

    package func integer(_ e: Expr, _ what: @autoclosure () -> String, range: ClosedRange<Int>, code: DiagnosticCode = .invalidValue) throws -> Located<Int> {
        let n = try number(e, what())
        guard n.value == n.value.rounded(), n.value >= Double(range.lowerBound), n.value <= Double(range.upperBound) else {
            throw fail(code, "\(what()) must be a whole number from \(range.lowerBound) to \(range.upperBound), found \(JSONValue.format(n.value))",
                       e.span, label: "out of range")
        }
        return Located(Int(n.value), n.span)
    }

    package func duration(_ e: Expr, _ what: @autoclosure () -> String) throws -> Located<Duration> {
        let v = try eval(e)
        switch v {
        case .duration(let d):
            guard d.amount > 0 else {
                throw fail(.invalidValue, "\(what()) must be positive, found \(d)", e.span, label: "not positive")
            }
            return Located(d, e.span)
        case .symbol(let s): throw unknownName(s, e.span)
        default:
            throw fail(.typeMismatch, "\(what()) must be a duration, found \(v.kindName)", e.span, label: "expected a duration",
                       help: "write a number and a unit: `6 weeks`, `90 days`, `3 months`")
        }
    }

    /// A word from a closed vocabulary, written bare (`iadl`) or as a string.
    package func vocabulary<V: Vocabulary>(_ e: Expr, _ type: V.Type) throws -> Located<V> {
        // A bare vocabulary word means that word even when a goal or intervention shares its
        // name (`focus pain` in a plan with a goal `pain`); only an explicit `let` shadows it.
        if case .name(let n, _) = e, let word = V.parse(n), !isBound(n) { return Located(word, e.span) }
        let v = try eval(e)
        let word: String
        switch v {
        case .symbol(let s), .string(let s): word = s
        default:
            throw fail(.typeMismatch, "expected \(V.vocabularyName), found \(v.kindName)", e.span,
                       label: "expected one of: \(V.spellings.joined(separator: ", "))")
        }
        guard let value = V.parse(word) else {
            throw fail(.unknownEnumValue, "`\(word)` is not a known \(V.vocabularyName)", e.span,
                       label: "unknown \(V.vocabularyName)",
                       help: V.didYouMean(word)
                           ?? "choose one of: \(V.spellings.joined(separator: ", "))")
        }
        return Located(value, e.span)
    }

    /// Several vocabulary words: `settings home, community` or a list value.
    package func vocabularyList<V: Vocabulary>(_ e: Expr, _ type: V.Type) throws -> [Located<V>] {
        if case .list(let items, _) = e { return try items.map { try vocabulary($0, type) } }
        let v = try eval(e)
        if case .list(let values) = v {
            return try values.map { item in
                try vocabulary(.string([.text(item.display)], e.span), type)
            }
        }
        return [try vocabulary(e, type)]
    }

    /// A goal reference: resolved against the plan's goals during validation.
    package func goalRef(_ e: Expr) throws -> GoalRef {
        // The common case, a goal of the plan in focus named by its id, without building a
        // value: what `lookup` would find first for an unbound name other than `today`.
        if case .name(let n, _) = e, let p = state.focusIndex, n != "today", !isBound(n), state.goalIndex(inPlan: p, n) != nil {
            return Located(n, e.span)
        }
        let v = try eval(e)
        switch v {
        case .goal(_, let id): return Located(id, e.span)
        case .symbol(let s), .string(let s): return Located(s, e.span)
        case .intervention(_, let id):
            throw fail(.unknownGoal, "`\(id)` is an intervention, not a goal", e.span, label: "expected a goal",
                       help: "interventions serve goals; name a goal here")
        default:
            throw fail(.typeMismatch, "expected a goal id, found \(v.kindName)", e.span, label: "expected a goal")
        }
    }

    package func goalRefs(_ e: Expr) throws -> [GoalRef] {
        var refs: [GoalRef] = []
        try appendGoalRefs(e, to: &refs)
        return refs
    }

    /// `goalRefs` into one array (a list of ids is the common case: one allocation, not one per id).
    private func appendGoalRefs(_ e: Expr, to refs: inout [GoalRef]) throws {
        if case .list(let items, _) = e {
            refs.reserveCapacity(refs.count + items.count)
            for item in items { try appendGoalRefs(item, to: &refs) }
            return
        }
        let v = try eval(e)
        if case .list(let values) = v {
            refs += values.map { Located($0.display, e.span) }
            return
        }
        refs.append(try goalRef(e))
    }

    package func strings(_ e: Expr, _ what: @autoclosure () -> String) throws -> [String] {
        if case .list(let items, _) = e { return try items.map { try string($0, what()).value } }
        let v = try eval(e)
        if case .list(let values) = v { return values.map(\.display) }
        return [try string(e, what()).value]
    }
}
