import CarePlanModel

/// A goal that names the activity, to show a student whose goal is vague (CP0306): one of the
/// goal's own kind, by its OT occupation area or its PT movement focus, so that an OT goal in
/// instrumental activities is not shown a walk to the shop (review-2dec finding 15).
enum GoalExample {
    /// "e.g. \"...\"": one example of the goal's kind, or one of each discipline's when the
    /// plan names none.
    static func phrase(for g: Goal, _ discipline: Discipline?) -> String {
        guard discipline != nil else {
            return "e.g. \"\(activity(for: g, .PT))\" or \"\(activity(for: g, .OT))\""
        }
        return "e.g. \"\(activity(for: g, discipline))\""
    }

    static func activity(for g: Goal, _ discipline: Discipline?) -> String {
        switch discipline {
        case .OT?:
            switch g.occupation?.value {
            case .adl?: return "put on a button-up shirt with set-up only"
            case .iadl?: return "prepare a sandwich in the home kitchen with supervision"
            case .healthManagement?: return "take the morning medicines from a pill organiser without reminders"
            case .restSleep?: return "follow a three-step bedtime routine without prompts"
            case .education?: return "copy a sentence from the board legibly during the lesson"
            case .work?: return "sort the morning post at work for 30 minutes with one rest break"
            case .play?: return "take turns in a board game with two classmates"
            case .leisure?: return "tend the window-box plants from a seat for 20 minutes"
            case .socialParticipation?: return "take the bus to the community centre with a friend"
            case nil: return "dress the upper body with set-up only"
            }
        case .PT?:
            switch g.focus.first {
            case .strength?: return "lift a 10 kg box from floor to waist"
            case .rangeOfMotion?: return "bend the knee enough to climb stairs step-over-step"
            case .balance?: return "stand at the kitchen counter for 10 minutes without holding on"
            case .transfers?: return "get in and out of the car with stand-by help"
            case .pain?: return "sit through a 2-hour film with pain at 3 out of 10 or less"
            case .endurance?: return "walk 400 m to the bus stop without a rest"
            case .prevention?: return "get up from the floor after a fall using a chair"
            case .mobility?, .gait?, nil: return "walk to the corner shop and back with a stick"
            }
        case nil:
            return "dress the upper body with set-up only"
        }
    }
}
