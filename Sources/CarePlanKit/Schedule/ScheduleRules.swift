/// Validation rules about time: certification, progress-report cadence, due dates reviewed,
/// schedules that produce no dates.
enum ScheduleRules {
    static func check(_ plan: Plan) -> [Diagnostic] { [] }
}
