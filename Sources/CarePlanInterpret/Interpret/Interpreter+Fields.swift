import CarePlanBasics
import CarePlanSyntax
import CarePlanModel

/// Applying field lines (`discipline OT`, `by start + 12 weeks`, ...) to the element they
/// stand in. Each field's shape is checked by the parser (FieldSpec); here values get types.
extension Interpreter {
    package func applyField(_ f: Field, _ target: Target) throws {
        markAttempted(f.field, target)
        try applyFieldValue(f, target)
    }

    /// Records that a field was written, even if its value turns out to be invalid.
    package func markAttempted(_ kw: FieldKeyword, _ target: Target) {
        markAttempted(target) { _ = $0.insert(kw) }
    }

    /// Applies `mark` to the field names of the element `target` writes into (a client block's
    /// fields count as the plan's `client`).
    private func markAttempted(_ target: Target, _ mark: (inout FieldNames) -> Void) {
        switch target {
        case .script:
            if let p = state.focusIndex { state.withPlan(p) { mark(&$0.attempted) } }
        case .plan(let p): state.withPlan(p) { mark(&$0.attempted) }
        case .goal(let p, let g): state.withPlan(p) { mark(&$0.goals[g].attempted) }
        case .intervention(let p, let i): state.withPlan(p) { mark(&$0.interventions[i].attempted) }
        case .client(let p): state.withPlan(p) { _ = $0.attempted.insert(.client) }
        default: break
        }
    }

    package func applyFieldValue(_ f: Field, _ target: Target) throws {
        switch target {
        case .script: try applyPlanField(f, try planIndex(for: target, f.keyword.span, what: "`\(f.keyword.name)`"))
        case .plan(let p): try applyPlanField(f, p)
        case .goal(let p, let g): try applyGoalField(f, p, g)
        case .intervention(let p, let i): try applyInterventionField(f, p, i)
        case .client(let p): try applyClientField(f, p)
        case .assess(let p): try applyAssessField(f, p)
        case .checkin(let p, let c): try applyCheckinField(f, p, c)
        case .progress(let p, let r): try applyProgressField(f, p, r)
        case .visit(let p, let v): try applyVisitField(f, p, v)
        }
    }

    /// Reports a single-valued field given twice, pointing at both.
    package func repeated(_ f: Field, _ previous: Span?) throws {
        guard let previous else { return }
        throw EvalError(diagnostic: Diagnostic(.fieldRepeated, "`\(f.keyword.name)` is given twice",
            labels: [Label(f.keyword.span, "given again here"), Label(previous, "first given here", primary: false)],
            help: "keep one `\(f.keyword.name)` line"))
    }

    package func required(_ f: Field) throws -> Expr {
        guard let v = f.value else {
            throw fail(.expectedToken, "`\(f.keyword.name)` needs a value", f.keyword.span, label: "value expected")
        }
        return v
    }

    package func requiredClause(_ f: Field, _ word: String, example: String) throws -> Expr {
        guard let c = f.clause(word), let v = c.value else {
            throw fail(.missingField, "`\(f.keyword.name)` needs `\(word) ...`", f.keyword.span, label: "`\(word)` missing",
                       help: "for example: \(example)")
        }
        return v
    }

    package func startDate(_ p: Int, _ span: Span, for what: @autoclosure () -> String) throws -> CalendarDate {
        guard let s = state.plans[p].start?.value else {
            throw fail(.missingField, "\(what()) is relative to the plan's start, which is not set yet", span,
                       label: "no start date", help: "write `starts DATE` earlier in the plan")
        }
        return s
    }

    /// A date, or a duration counted from the plan's start (`at 6 weeks`).
    package func dateOrOffset(_ e: Expr, _ p: Int, _ what: @autoclosure () -> String) throws -> Located<CalendarDate> {
        let v = try eval(e)
        if case .duration(let d) = v, let date = d.after(try startDate(p, e.span, for: what())) {
            return Located(date, e.span)
        }
        return try date(e, what())
    }

    package func applyPlanField(_ f: Field, _ p: Int) throws {
        let kw = f.keyword.name
        switch f.field {
        case .discipline:
            try repeated(f, state.plans[p].discipline?.span)
            let d = try vocabulary(try required(f), Discipline.self)
            state.withPlan(p) { $0.discipline = d }
        case .client:
            try repeated(f, state.plans[p].client?.name.span)
            let name = try string(try required(f), "the client's name")
            state.withPlan(p) { $0.client = Client(name: name) }
            scopes.append([:])
            defer { scopes.removeLast() }
            exec(f.body ?? [], .client(p))
        case .clinician:
            let c = try string(try required(f), "the clinician")
            state.withPlan(p) { $0.clinician = c.value }
        case .starts:
            try repeated(f, state.plans[p].start?.span)
            let d = try date(try required(f), "the start")
            state.withPlan(p) { $0.start = d }
        case .description:
            let s = try string(try required(f), "the description")
            state.withPlan(p) { $0.description = s.value }
        case .diagnosis:
            let list = try diagnoses(f)
            state.withPlan(p) { $0.diagnoses += list }
        case .status:
            let s = try vocabulary(try required(f), PlanStatus.self)
            state.withPlan(p) { $0.status = s.value }
        case .assess:
            scopes.append([:])
            defer { scopes.removeLast() }
            exec(f.body ?? [], .assess(p))
        case .frequency:
            try repeated(f, state.plans[p].frequency?.span)
            let fr = try frequency(f, p)
            state.withPlan(p) { $0.frequency = fr }
        case .checkin:
            var c = CheckIn(span: f.keyword.span.to(f.clauses.last?.value?.span ?? f.keyword.span))
            if let e = f.clause("on")?.value { c.on = try dateOrOffset(e, p, "the check-in date").value }
            if let e = f.clause("at")?.value { c.on = try dateOrOffset(e, p, "the check-in date").value }
            if let e = f.clause("every")?.value {
                let d = try duration(e, "the check-in interval")
                guard d.value.unit != .visit else {
                    throw fail(.typeMismatch, "check-ins repeat by days, weeks or months, not visits", e.span, label: "visits")
                }
                c.every = d.value
            }
            if let e = f.clause("from")?.value { c.from = try dateOrOffset(e, p, "the first check-in").value }
            if let e = f.clause("until")?.value { c.until = try dateOrOffset(e, p, "the last check-in").value }
            if c.on == nil && c.every == nil {
                throw fail(.missingField, "a check-in needs `on DATE` or `every N weeks`", f.keyword.span,
                           label: "when?", help: "checkin every 2 weeks until meals.due { review meals }")
            }
            if let every = c.every, c.from == nil {
                let start = try startDate(p, f.keyword.span, for: "a repeating check-in")
                c.from = every.after(start) ?? start
            }
            state.withPlan(p) { $0.checkins.append(c) }
            let idx = state.plans[p].checkins.count - 1
            scopes.append([:])
            defer { scopes.removeLast() }
            exec(f.body ?? [], .checkin(p, idx))
        case .reassess:
            guard let e = f.clause("at")?.value ?? f.clause("on")?.value else {
                throw fail(.missingField, "`reassess` needs `at N weeks` or `on DATE`", f.keyword.span, label: "when?",
                           help: "reassess at 6 weeks")
            }
            let d = try dateOrOffset(e, p, "the re-assessment")
            state.withPlan(p) { $0.reassessments.append(d) }
        case .payer:
            try repeated(f, state.plans[p].payer?.span)
            let v = try vocabulary(try required(f), Payer.self)
            state.withPlan(p) { $0.payer = v }
        case .certify:
            try repeated(f, state.plans[p].certification?.span)
            let c = try certification(f, p, on: nil)
            state.withPlan(p) { $0.certification = c }
        case .recertify:
            guard let e = f.clause("on")?.value ?? f.clause("at")?.value else {
                throw fail(.missingField, "`recertify` needs `on DATE`", f.keyword.span, label: "when?", help: "recertify on 2027-01-30")
            }
            let d = try dateOrOffset(e, p, "the re-certification")
            let c = try certification(f, p, on: d)
            state.withPlan(p) { $0.recertifications.append(c) }
        case .closed:
            let from = try date(try required(f), "the first day of the closure")
            let to = try f.clause("to")?.value.map { try date($0, "the last day of the closure") } ?? from
            let reason = try f.clause("because")?.value.map { try string($0, "the reason").value }
            guard to.value >= from.value else {
                throw fail(.invalidValue, "the closure ends (\(to.value)) before it starts (\(from.value))", to.span,
                           label: "before \(from.value)", help: "closed \(to.value) to \(from.value)")
            }
            if let other = state.plans[p].clinicClosures.first(where: { $0.from.value <= to.value && from.value <= $0.to.value }) {
                throw EvalError(diagnostic: Diagnostic(.overlappingClosures,
                    "the closure \(Self.days(from.value, to.value)) overlaps the closure \(Self.days(other.from.value, other.to.value))",
                    labels: [Label(from.span.to(to.span), "overlaps"), Label(other.span, "earlier closure", primary: false)],
                    help: "merge them into one `closed` line, or correct the dates"))
            }
            state.withPlan(p) { $0.clinicClosures.append(ClinicClosure(from: from, to: to, reason: reason, span: f.keyword.span.to(to.span))) }
        case .visit:
            var plan = p
            if let e = f.value {
                let target = try planValue(e)
                plan = state.planIndex(of: target.id.value)!
            }
            let date = try date(try requiredClause(f, "on", example: "visit kitchen on 2026-11-16 attended minutes 45"), "the visit's date")
            let flags = f.clauses.filter { $0.value == nil }
            guard flags.count <= 1 else {
                throw fail(.missingField, "a visit has one status: `attended`, `cancelled` or `no-show`", flags[1].word.span,
                           label: "second status", help: "keep one of them")
            }
            let status = flags.first.flatMap { VisitStatus(rawValue: $0.word.name) } ?? .attended
            let minutes = try f.clause("minutes")?.value.map { try integer($0, "visit minutes", range: 1...480) }
            if status != .attended, let m = minutes {
                throw fail(.visitNotGivenWithMinutes, "a \(status.rawValue) visit has no treatment minutes", m.span,
                           label: "minutes of a visit that did not happen",
                           help: "drop `minutes \(m.value)`, or record the visit as `attended`")
            }
            let reason = try f.clause("because")?.value.map { try string($0, "the reason").value }
            state.withPlan(plan) { $0.visits.append(Visit(date: date, status: status, minutes: minutes, reason: reason, span: f.keyword.span.to(date.span))) }
            let idx = state.plans[plan].visits.count - 1
            scopes.append([:])
            defer { scopes.removeLast() }
            exec(f.body ?? [], .visit(plan, idx))
        case .close:
            let goal = try goalRef(try required(f))
            let flags = f.clauses.filter { $0.value == nil }
            guard flags.count == 1, let status = GoalClosure(rawValue: flags[0].word.name) else {
                throw fail(.missingField, "say how goal `\(goal.value)` closed: `achieved` or `discontinued`", f.keyword.span,
                           label: flags.isEmpty ? "status missing" : "give one status", help: "close \(goal.value) achieved on 2026-12-20")
            }
            let date = try date(try requiredClause(f, "on", example: "close \(goal.value) achieved on 2026-12-20"), "the closing date")
            let reason = try f.clause("because")?.value.map { try string($0, "the reason").value }
            if status == .discontinued && reason == nil {
                throw fail(.missingField, "say why goal `\(goal.value)` was discontinued", f.keyword.span, label: "reason missing",
                           help: "close \(goal.value) discontinued on \(date.value) because \"...\"")
            }
            state.withPlan(p) { $0.closures.append(Closure(goal: goal, status: status, date: date, reason: reason, span: f.keyword.span.to(date.span))) }
        case .progress:
            var plan = p
            if let e = f.value {
                let target = try planValue(e)
                plan = state.planIndex(of: target.id.value)!
            }
            let date = try date(try requiredClause(f, "on", example: "progress kitchen on 2026-11-16 { meals 6 }"), "the record's date")
            state.withPlan(plan) { $0.progress.append(ProgressRecord(date: date, span: f.keyword.span.to(date.span))) }
            let idx = state.plans[plan].progress.count - 1
            scopes.append([:])
            defer { scopes.removeLast() }
            exec(f.body ?? [], .progress(plan, idx))
            state.withPlan(plan) { $0.progress[idx].entries.trimCapacity() }
        case .note:
            let s = try string(try required(f), "a note")
            state.withPlan(p) { $0.notes.append(s.value) }
        default:
            if try applyPlanOfCareField(f, p) { return }
            throw fail(.unknownKeyword, "`\(kw)` is not a plan field", f.keyword.span)
        }
    }

    /// `2 per week for 8 weeks`, `daily for 6 weeks`, `every 2 weeks for 12 visits`.
    package func frequency(_ f: Field, _ p: Int) throws -> Frequency {
        var times = 1
        var period = Duration(1, .week)
        let example = "frequency 2 per week for 8 weeks"
        if let v = f.value {
            let value = try eval(v)
            switch value {
            case .number:
                times = try integer(v, "sessions per period", range: 1...28).value
                guard let per = f.clause("per")?.value else {
                    throw fail(.missingField, "say per what: `\(times) per week`", v.span, label: "`per` missing", help: example)
                }
                let unit = try vocabulary(per, SchedulePeriod.self).value
                period = Duration(1, unit == .day ? .day : unit == .week ? .week : .month)
            case .symbol("daily"): period = Duration(1, .day)
            case .symbol("weekly"): period = Duration(1, .week)
            case .symbol("fortnightly"): period = Duration(2, .week)
            case .symbol("monthly"): period = Duration(1, .month)
            case .symbol("once"):
                // One session: on a date, at an offset, or on the plan's start.
                let at = try (f.clause("on") ?? f.clause("from"))?.value.map { try dateOrOffset($0, p, "the session").value }
                return Frequency(times: 1, period: Duration(1, .day), length: Duration(1, .visit), start: at,
                                 span: f.keyword.span.to(f.clauses.last?.value?.span ?? v.span), isOnce: true)
            default:
                throw fail(.typeMismatch, "expected a number of sessions or `daily`/`weekly`, found \(value.kindName)", v.span,
                           label: "not a frequency", help: example)
            }
        }
        if let e = f.clause("every")?.value {
            period = try duration(e, "the interval").value
            guard period.unit != .visit else { throw fail(.typeMismatch, "`every` takes days, weeks or months", e.span) }
        }
        if f.value == nil && f.clause("every") == nil && f.clause("on") == nil {
            throw fail(.missingField, "`frequency` needs how often", f.keyword.span, label: "how often?", help: example)
        }
        let length = try f.clause("for")?.value.map { try duration($0, "the length").value }
        let from = try f.clause("from")?.value.map { try dateOrOffset($0, p, "the first session").value }
        var weekdays: [Weekday] = []
        if let e = f.clause("on")?.value {
            weekdays = try vocabularyList(e, Weekday.self).map(\.value)
            guard period == Duration(1, .week) || period.unit == .week else {
                throw fail(.invalidValue, "weekdays only go with weekly sessions", e.span, label: "not weekly",
                           help: "frequency 3 per week on mon, wed, fri for 8 weeks")
            }
            guard Set(weekdays).count == weekdays.count else {
                throw fail(.invalidValue, "a weekday is named twice", e.span, label: "repeated day", help: example)
            }
            if f.value != nil, weekdays.count != times {
                throw fail(.invalidValue, "\(times) per week, but \(weekdays.count) weekday\(weekdays.count == 1 ? "" : "s") named", e.span,
                           label: "\(weekdays.count) day\(weekdays.count == 1 ? "" : "s")",
                           help: "name one day per session: `\(times) per week on \(Weekday.allCases.prefix(times).map(\.rawValue).joined(separator: ", "))`")
            }
            times = weekdays.count
            weekdays.sort { $0.iso < $1.iso }
        }
        return Frequency(times: times, period: period, length: length, start: from,
                         span: f.keyword.span.to(f.clauses.last?.value?.span ?? f.value?.span ?? f.keyword.span), weekdays: weekdays)
    }

    package func applyGoalField(_ f: Field, _ p: Int, _ g: Int) throws {
        // Read on demand, not copied up front: a copy alive while `set` appends to the goal's
        // lists made every append copy them (quadratic in a loop; found by fuzzing).
        var goal: Goal { state.plans[p].goals[g] }
        func set(_ body: (inout Goal) -> Void) { state.withPlan(p) { body(&$0.goals[g]) } }
        switch f.field {
        case .expressedBy:
            let who = try vocabulary(try required(f), GoalAuthor.self)
            set { $0.expressedBy = who.value }
        case .occupation:
            try repeated(f, goal.occupation?.span)
            let o = try vocabulary(try required(f), OccupationArea.self)
            set { $0.occupation = o }
        case .assist:
            try repeated(f, goal.assistTo?.span)
            if let v = f.value {
                let a = try vocabulary(v, AssistLevel.self)
                set { $0.assistTo = a }
            } else {
                let from = try vocabulary(try requiredClause(f, "from", example: "assist from moderate to independent"), AssistLevel.self)
                let to = try vocabulary(try requiredClause(f, "to", example: "assist from moderate to independent"), AssistLevel.self)
                set { $0.assistFrom = from; $0.assistTo = to }
            }
        case .condition:
            let c = try string(try required(f), "the condition")
            set { $0.condition = c.value }
        case .measure:
            try repeated(f, goal.measure?.span)
            let (name, standard) = try measureName(try required(f))
            let example = "measure \"steps done without cues\" from 4 to 10"
            let from = try number(try requiredClause(f, "from", example: example), "the baseline")
            let to = try number(try requiredClause(f, "to", example: example), "the target")
            if let standard { try checkMeasureGoal(standard, from: from, to: to) }
            set { $0.measure = Measure(name: name.value, standard: standard, baseline: from, target: to, span: f.keyword.span.to(to.span)) }
        case .starts:
            try repeated(f, goal.start?.span)
            let d = try dateOrOffset(try required(f), p, "the goal's start")
            set { $0.start = d }
        case .by:
            try repeated(f, goal.due?.span)
            let d = try dateOrOffset(try required(f), p, "the due date")
            set { $0.due = d }
        case .focus:
            let list = try vocabularyList(try required(f), MovementFocus.self)
            set { $0.focus += list.map(\.value) }
        case .supports:
            let r = try goalRef(try required(f))
            set { $0.supports = r }
        case .replaces:
            let r = try goalRef(try required(f))
            set { $0.replaces = r }
        case .gas:
            try repeated(f, goal.gas?.span)
            var scale = GASScale(span: f.keyword.span)
            if let w = f.clause("weight")?.value {
                let weight = try number(w, "the GAS weight")
                guard weight.value > 0 else { throw fail(.invalidValue, "a GAS weight must be positive", w.span, label: "not positive") }
                scale.weight = weight.value
            }
            if let b = f.clause("baseline")?.value {
                let level = try integer(b, "the GAS baseline", range: -2...2, code: .gasOutOfRange)
                scale.baseline = level.value
            }
            set { $0.gas = scale }
        case .note:
            let s = try string(try required(f), "a note")
            set { $0.notes.append(s.value) }
        default:
            throw fail(.unknownKeyword, "`\(f.keyword.name)` is not a goal field", f.keyword.span)
        }
    }

    package func applyInterventionField(_ f: Field, _ p: Int, _ i: Int) throws {
        // Read on demand, not copied up front: a copy alive while `set` appended to `serves`
        // made every `serves` in a loop copy the whole list (quadratic; found by fuzzing).
        var item: Intervention { state.plans[p].interventions[i] }
        func set(_ body: (inout Intervention) -> Void) { state.withPlan(p) { body(&$0.interventions[i]) } }
        switch f.field {
        case .type:
            try repeated(f, item.type?.span)
            let t = try vocabulary(try required(f), InterventionType.self)
            set { $0.type = t }
        case .serves:
            let refs = try goalRefs(try required(f))
            set { $0.serves += refs }
        case .approach:
            let a = try vocabulary(try required(f), Approach.self)
            set { $0.approach = a.value }
        case .frequency:
            try repeated(f, item.frequency?.span)
            let fr = try frequency(f, p)
            set { $0.frequency = fr }
        case .delivery:
            try repeated(f, item.delivery?.span)
            let d = try vocabulary(try required(f), Delivery.self)
            set { $0.delivery = d }
        case .minutes:
            let m = try integer(try required(f), "session minutes", range: 1...480)
            set { $0.minutes = m.value }
        case .cpt:
            let codes = try cptCodes(try required(f))
            set { $0.cpt += codes }
        case .equipment:
            let list = try strings(try required(f), "equipment")
            set { $0.equipment += list }
        case .note:
            let s = try string(try required(f), "a note")
            set { $0.notes.append(s.value) }
        default:
            throw fail(.unknownKeyword, "`\(f.keyword.name)` is not an intervention field", f.keyword.span)
        }
    }

    package func applyClientField(_ f: Field, _ p: Int) throws {
        func set(_ body: (inout Client) -> Void) { state.withPlan(p) { body(&$0.client!) } }
        switch f.field {
        case .id:
            let id = try string(try required(f), "the client's identifier")
            guard id.value.contains(where: { !$0.isWhitespace }) else {
                throw fail(.invalidValue, "the client's identifier is empty", id.span, label: "empty", help: "id \"MRN-12345\"")
            }
            let system = try f.clause("system")?.value.map { try string($0, "the identifier's system").value }
            set { $0.identifier = id.value; $0.identifierSystem = system }
        case .born:
            try repeated(f, state.plans[p].client?.born?.span)
            let d = try date(try required(f), "the birth date")
            set { $0.born = d }
        case .gender:
            let g = try vocabulary(try required(f), Gender.self)
            set { $0.gender = g.value }
        case .referral:
            let s = try string(try required(f), "the referral")
            set { $0.referral = s.value }
        case .history:
            let s = try string(try required(f), "the history")
            set { $0.history = s.value }
        case .lives:
            let s = try string(try required(f), "where the client lives")
            set { $0.lives = s.value }
        case .settings:
            let list = try vocabularyList(try required(f), Setting.self)
            set { $0.settings += list.map(\.value) }
        default:
            throw fail(.unknownKeyword, "`\(f.keyword.name)` is not a client field", f.keyword.span)
        }
    }

    package func applyAssessField(_ f: Field, _ p: Int) throws {
        let finding = f.clause(":")?.value
        switch f.field {
        case .observe:
            let task = try string(try required(f), "the observed task")
            let result = try string(finding!, "the finding")
            state.withPlan(p) { $0.assessment.observations.append(.init(task: task.value, finding: result.value)) }
        case .environment:
            let setting = try vocabulary(try required(f), Setting.self)
            let result = try string(finding!, "the finding")
            state.withPlan(p) { $0.assessment.environments.append(.init(setting: setting.value, finding: result.value)) }
        case .score:
            let score = try self.score(try required(f), finding!)
            state.withPlan(p) { $0.assessment.scores.append(score) }
        case .interview:
            let s = try string(try required(f), "what the client said")
            state.withPlan(p) { $0.assessment.interviews.append(s.value) }
        case .copm:
            let item = try copm(f, needsImportance: true)
            state.withPlan(p) { $0.assessment.copm.append(item) }
        default:
            throw fail(.unknownKeyword, "`\(f.keyword.name)` is not an assessment field", f.keyword.span)
        }
    }

    package func copm(_ f: Field, needsImportance: Bool) throws -> COPMItem {
        let activity = try string(try required(f), "the COPM activity")
        let example = "copm \"\(activity.value)\" importance 9 performance 3 satisfaction 2"
        let importance = try f.clause("importance")?.value.map { try integer($0, "COPM importance", range: 1...10, code: .copmOutOfRange).value }
        if needsImportance && importance == nil {
            throw fail(.missingField, "a COPM problem needs its `importance` (1-10)", f.keyword.span, label: "importance missing", help: example)
        }
        let perf = try integer(try requiredClause(f, "performance", example: example), "COPM performance", range: 1...10, code: .copmOutOfRange)
        let sat = try integer(try requiredClause(f, "satisfaction", example: example), "COPM satisfaction", range: 1...10, code: .copmOutOfRange)
        return COPMItem(activity: activity.value, importance: importance, performance: perf.value, satisfaction: sat.value, span: f.keyword.span.to(sat.span))
    }

    package func applyCheckinField(_ f: Field, _ p: Int, _ c: Int) throws {
        guard f.keyword.name == "review" else {
            throw fail(.unknownKeyword, "`\(f.keyword.name)` is not a check-in field", f.keyword.span)
        }
        let refs = try goalRefs(try required(f))
        state.withPlan(p) { $0.checkins[c].reviews += refs }
    }

    /// "on 2026-12-24" or "2026-12-24 to 2026-12-26".
    package static func days(_ a: CalendarDate, _ b: CalendarDate) -> String { a == b ? "on \(a)" : "\(a) to \(b)" }

    /// `certify for 90 days signed DATE by "Dr. R. Patel" npi "1234567893"`, and the same
    /// clauses after `recertify on DATE`.
    package func certification(_ f: Field, _ p: Int, on: Located<CalendarDate>?) throws -> Certification {
        var c = Certification(on: on, span: f.keyword.span.to(f.clauses.last?.value?.span ?? f.keyword.span))
        if let e = f.clause("for")?.value {
            let d = try duration(e, "the certification")
            guard d.value.unit != .visit else {
                throw fail(.typeMismatch, "certification is a length of time, not visits", d.span, label: "visits",
                           help: "certify for 90 days")
            }
            c.length = d
        } else if on == nil {
            _ = try requiredClause(f, "for", example: "certify for 90 days")
        }
        c.signed = try f.clause("signed")?.value.map { try date($0, "the signature date") }
        c.by = try f.clause("by")?.value.map { try string($0, "who signed").value }
        c.npi = try f.clause("npi")?.value.map { try string($0, "the NPI").value }
        return c
    }

    package func applyVisitField(_ f: Field, _ p: Int, _ v: Int) throws {
        switch f.field {
        case .gave:
            let refs = try interventionRefs(try required(f))
            state.withPlan(p) { $0.visits[v].given += refs }
        case .note:
            let s = try string(try required(f), "a note")
            state.withPlan(p) { $0.visits[v].notes.append(s.value) }
        case .subjective, .objective, .assessment, .plan:
            let s = try string(try required(f), "the \(f.keyword.name) part of the note")
            let path: WritableKeyPath<SOAPNote, Located<String>?>
            switch f.field {
            case .subjective: path = \.subjective
            case .objective: path = \.objective
            case .assessment: path = \.assessment
            default: path = \.plan
            }
            if let previous = state.plans[p].visits[v].soap[keyPath: path] {
                throw EvalError(diagnostic: Diagnostic(.fieldRepeated, "`\(f.keyword.name)` is given twice in this visit's note",
                    labels: [Label(f.keyword.span, "given again here"), Label(previous.span, "first given here", primary: false)],
                    help: "write the \(f.keyword.name) part as one string: `\(f.keyword.name) \"...; ...\"`"))
            }
            state.withPlan(p) { $0.visits[v].soap[keyPath: path] = s }
        case .service:
            try applyService(f, p, v)
        default:
            throw fail(.unknownKeyword, "`\(f.keyword.name)` is not a visit field", f.keyword.span)
        }
    }

    /// `service 97530 minutes 23 note "..."`: one CPT code, the minutes given, on an attended visit.
    package func applyService(_ f: Field, _ p: Int, _ v: Int) throws {
        let visit = state.plans[p].visits[v]
        if visit.status != .attended {
            throw EvalError(diagnostic: Diagnostic(.serviceOnMissedVisit,
                "the visit on \(visit.date.value) is recorded as \(visit.status.rawValue), so it has no services to bill",
                labels: [Label(f.keyword.span, "service on a visit that did not happen"), Label(visit.span, "\(visit.status.rawValue) visit", primary: false)],
                help: "drop the `service` line and say what happened in the note, or record the visit as `attended minutes N`"))
        }
        // One code a line (the field takes no list): each code has its own minutes.
        guard let code = try cptCodes(try required(f)).first else { return }
        let minutes = try integer(try requiredClause(f, "minutes", example: "service \(code.value) minutes 23"), "service minutes", range: 1...480)
        let note = try f.clause("note")?.value.map { try string($0, "what was done").value }
        state.withPlan(p) {
            $0.visits[v].services.append(VisitService(code: code, minutes: minutes, note: note, span: f.keyword.span.to(minutes.span)))
        }
    }

    /// Intervention ids, resolved during validation (like goal references).
    package func interventionRefs(_ e: Expr) throws -> [Located<String>] {
        let items: [Expr]
        if case .list(let xs, _) = e { items = xs } else { items = [e] }
        return try items.map { item in
            if case .name(let n, _) = item, !isBound(n) { return Located(n, item.span) }
            switch try eval(item) {
            case .intervention(_, let id), .symbol(let id), .string(let id): return Located(id, item.span)
            case let other:
                throw fail(.typeMismatch, "expected an intervention id, found \(other.kindName)", item.span, label: "expected an intervention")
            }
        }
    }

    package func applyProgressField(_ f: Field, _ p: Int, _ r: Int) throws {
        switch f.field {
        case .copm:
            let item = try copm(f, needsImportance: false)
            state.withPlan(p) { $0.progress[r].copm.append(item) }
        case .note:
            let s = try string(try required(f), "a note")
            state.withPlan(p) { $0.progress[r].notes.append(s.value) }
        default:
            // A goal entry: `meals 6 assist minimal gas -1 note "..."`.
            let goal = Located(f.keyword.name, f.keyword.span)
            var entry = ProgressRecord.Entry(goal: goal, span: f.keyword.span)
            if let v = f.value { entry.value = try number(v, "the measured value").value }
            if let a = f.clause("assist")?.value { entry.assist = try vocabulary(a, AssistLevel.self).value }
            if let g = f.clause("gas")?.value { entry.gas = try integer(g, "a GAS level", range: -2...2, code: .gasOutOfRange) }
            if let n = f.clause("note")?.value { entry.note = try string(n, "the note").value }
            if entry.value == nil && entry.assist == nil && entry.gas == nil && entry.note == nil {
                throw fail(.missingField, "progress for `\(goal.value)` records nothing", f.keyword.span, label: "no value",
                           help: "give the measured value, an assist level or a GAS level: `\(goal.value) 6 assist minimal`")
            }
            state.withPlan(p) { $0.progress[r].entries.append(entry) }
        }
    }
}
