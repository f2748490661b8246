import CarePlanBasics
import CarePlanSyntax
import CarePlanModel
import CarePlanAnalysis

/// The REPL's `:help`: commands, keys, every keyword, and how a plan is structured, written
/// for learners as much as for therapists.
public enum ReplHelp {
    public static let topics = ["commands", "keys", "keywords", "structure", "goals", "types", "assist", "occupations", "scripting", "time"]

    public static func text(topic: String) -> String {
        let t = topic.trimmingCharacters(in: .whitespaces).lowercased()
        switch t {
        case "": return overview
        case "commands": return commands
        case "keys": return keys
        case "keywords": return keywords
        case "structure": return structure
        case "goals", "coast", "abcd": return goals
        case "types", "intervention-type", "interventions": return vocabulary(InterventionType.self, intro: "Intervention types (`type ...`):")
        case "assist", "assist-levels": return vocabulary(AssistLevel.self, intro: "Assist levels, most independent first (`assist from moderate to independent`):")
        case "occupations", "occupation": return vocabulary(OccupationArea.self, intro: "OTPF-4 occupation areas (`occupation iadl`):")
        case "settings": return vocabulary(Setting.self, intro: "Settings (`settings home, community`):")
        case "focus": return vocabulary(MovementFocus.self, intro: "PT movement focus (`focus gait, balance`):")
        case "approach", "approaches": return vocabulary(Approach.self, intro: "OTPF-4 approaches (`approach modify`):")
        case "scripting": return scripting
        case "time", "schedule", "progress": return time
        default:
            // `:help check` is about the `check` statement and the `:check` command;
            // `:help :check` only about the command.
            let command = ReplSession.commands.first(where: { $0.name == t || $0.name == ":" + t })
                .map { "\($0.name)\($0.args.isEmpty ? "" : " " + $0.args)\n  \($0.help)\n" }
            var parts: [String] = []
            if !t.hasPrefix(":") {
                parts += FieldSpec.all.filter { $0.keyword == t }.map(FieldHelp.text)
                if let s = statementHelp[t] { parts.append(s) }
            }
            if let command { parts.append(parts.isEmpty ? command : "REPL command " + command) }
            if !parts.isEmpty { return parts.joined() }
            let all = topics + FieldSpec.all.map(\.keyword) + Array(statementHelp.keys) + ReplSession.commands.map(\.name)
            return "no help on `\(topic)`" + (Suggestion.didYouMean(t, in: all).map { "; \($0)" } ?? "") + "\ntopics: \(topics.joined(separator: ", ")), or any keyword\n"
        }
    }

    static let overview = """
        careplan: write a therapy plan one statement at a time.

        Start a plan, then add goals and interventions:
          plan kitchen "Back to cooking" { discipline OT }
          goal meals "Prepare a simple hot meal" { occupation iadl }
          intervention labels "Label the cabinets" { type environment-modification; serves meals }

        Commands:
        \(ReplSession.commands.map { "  \($0.name)\($0.args.isEmpty ? "" : " " + $0.args)".padding(toLength: 26, withPad: " ", startingAt: 0) + $0.help }.joined(separator: "\n"))

        More: :help structure (how a plan fits together), :help goals (COAST, ABCD), :help keys,
        :help keywords, :help types, :help assist, :help occupations, :help scripting, :help time,
        or :help <keyword> (for example :help measure).

        """

    static var commands: String {
        ReplSession.commands.map { "\($0.name)\($0.args.isEmpty ? "" : " " + $0.args)\n  \($0.help)" }.joined(separator: "\n") + "\n"
    }

    static let keys = """
        Keys (emacs style):
          Tab            complete keywords, ids, values, file names
          Up / Down      previous / next statement in the history
          Ctrl-R         search the history
          Ctrl-A / Ctrl-E  start / end of the line
          Ctrl-C         cancel the statement being typed (or stop a long evaluation)
          Ctrl-D         leave, on an empty prompt (asks first if there are unsaved changes);
                         on a `...>` line, cancel the statement
        A statement with an open `{` continues on a `...>` prompt until it is closed.

        """

    static var keywords: String {
        var out = "Statements: " + StatementKeyword.keywords(in: .script).joined(separator: ", ") + "\n"
        for ctx in [BlockContext.plan, .client, .assess, .goal, .intervention, .checkin, .progress] {
            out += "Fields \(ctx.phrase): " + FieldSpec.keywords(in: ctx).joined(separator: ", ") + "\n"
        }
        return out + ":help <keyword> shows one with an example.\n"
    }

    static var structure: String { """
        How a plan is structured

        1. Who: the client (name, birth date, why they were referred, history, where they live,
           study or work) and the clinician. `discipline` says OT (everyday activities) or PT
           (movement); Medicare expects a separate plan for each.
        2. What was found: `assess { ... }`: tasks watched (`observe`), the home, school or
           workplace (`environment`), scores (`score`, `copm`), what the client said (`interview`).
        3. Goals: what the client wants to be able to do, agreed with them and their family,
           measurable and with a date: see :help goals.
        4. Interventions: what you and the client will do to reach the goals. Each one `serves`
           at least one goal; a goal no intervention serves will not move, and an intervention that
           serves no goal is hard to justify.
        5. Time: how often sessions happen (`frequency`), when progress is checked (`checkin`,
           `reassess`), and when the plan must be re-certified (`certify`, `recertify`).
        6. Progress: dated records (`progress kitchen on DATE { meals 6 }`); goals are closed,
           not edited (`close meals achieved on DATE`), and a new goal `replaces` an old one.

        A complete plan to copy (it passes `careplan check`; :help FIELD explains each line):

        \(structureSkeleton.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n"))

        """ }

    /// The plan at the end of `:help structure`; a test checks it with `careplan check`.
    public static let structureSkeleton = """
        let start = 2026-11-02

        plan kitchen "Back to cooking after a stroke" {
          discipline OT
          client "Maria Lopez" {
            born 1954-03-12
            referral "Left MCA stroke, discharged home"
            settings home
          }
          clinician "A. Chen, OTR/L"
          starts start
          diagnosis I69.351 "Right hemiparesis after a left MCA stroke"

          assess {
            observe "Makes a cup of tea": "needs cues to sequence"
            copm "Preparing meals" importance 9 performance 3 satisfaction 2
          }

          goal meals "Prepare a simple hot meal" {
            occupation iadl
            assist from moderate to independent
            condition "using labelled cabinets"
            measure "steps done without cues" from 4 to 10
            by start + 12 weeks
          }

          intervention cooking "Cook a simple meal in her own kitchen" {
            type occupation
            approach establish
            serves meals
            minutes 45
          }

          frequency 2 per week for 8 weeks
          checkin every 2 weeks until meals.due { review meals }
          reassess at 6 weeks
          certify for 90 days
        }

        progress kitchen on 2026-11-16 {
          meals 6 assist minimal note "one cue for the kettle"
        }
        """

    static let goals = """
        Writing goals
        OT goals: COAST (Gateley & Borcherding)
          Client will perform an Occupation with an Assist level under a Specific condition
          by a Timeline. For example:

          goal tea "Make a hot drink" {
            occupation iadl                       # O: which everyday activity
            assist from moderate to supervision   # A: how much help, now and then
            condition "using labelled cabinets"   # S: under what conditions
            measure "steps done without cues" from 4 to 10
            by start + 6 weeks                    # T: by when
          }

        PT goals: ABCD(E), Audience (the client), Behaviour, Condition, Degree, Expected time.
        A PT goal is functional and movement-based, just as Medicare wants (Benefit Policy
        Manual ch. 15 §220.1.2): "lift a 10 kg box at work", "get in and out of the car",
        "play 9 holes of golf" are proper PT long-term goals:

          goal car "Get in and out of the car" {
            focus transfers                       # which movement (optional when the title says it)
            assist from contact-guard to independent   # D: how well
            condition "passenger side, seat pushed back"
            by start + 6 weeks                    # E: by when
          }

        Both disciplines: an OT goal names the occupation, a PT goal the functional movement.
        Impairments (range of motion, strength, pain) are fine as short-term goals toward one:
          goal bend "Bend the right knee to 115 degrees" { ...; supports car }
        A short-term goal is due on or before the goal it supports. Every goal is measurable
        (a measure, an assist level, or a number in its title). Avoid verbs that name no
        activity: "improve independence", "increase", "tolerate", "work on".
        Sources and examples: careplan explain CP0300 ... CP0310.

        """

    static let scripting = """
        Scripting
          let start = 2026-11-02               a name for a value
          by start + 12 weeks                  dates shift by days, weeks, months, years
          "Due ${meals.due}"                   strings insert values
          template rail(serving, room = "bathroom") { intervention "rail-${room}" "..." { ... } }
          use rail(serving: bathing)           stamp a template into the plan in focus
          import "templates/home-safety.careplan"
          if x == 1 { ... } else { ... }       for room in ["kitchen", "hall"] { ... }
          check kitchen   print meals.due   export kitchen as fhir to "kitchen.fhir.json"

        """

    static let time = """
        Time and progress
          frequency 2 per week for 8 weeks     also: daily, every 2 weeks, 3 per week for 12 visits
          checkin every 2 weeks until meals.due { review meals }
          checkin on 2026-12-14 { review meals }
          reassess at 6 weeks                  certify for 90 days    recertify on 2027-01-30
          progress kitchen on 2026-11-16 { meals 6 assist minimal gas -1 note "one cue" }
          close meals achieved on 2026-12-20
          visit kitchen on 2026-11-17 attended minutes 60 {      a visit and its daily note
            gave cooking; subjective "..."; objective "..."; assessment "..."; plan "..."
            service 97535 minutes 38; service 97530 minutes 15   units by the 8-minute rule
          }
          :schedule lists the dates; `careplan report` summarises progress;
          `careplan document FILE --kind daily-note --visit DATE` writes a visit's note.

        """

    static let statementHelp: [String: String] = [
        "let": "let NAME = VALUE\n  gives a value a name for the rest of the block or script\n",
        "plan": "plan ID \"Title\" { ... }\n  declares a plan and puts it in focus; `plan ID` alone returns to it\n",
        "goal": "goal ID \"Title\" { occupation ..., assist ..., condition ..., measure ..., by ... }\n  see :help goals\n",
        "intervention": "intervention ID \"Title\" { type ..., serves GOAL, frequency ... }\n",
        "template": "template NAME(param, other = default) { ... }\n  a reusable piece of plan; stamp it with `use`\n",
        "use": "use NAME(param: value)\n  stamps a template into the plan in focus\n",
        "import": "import \"file.careplan\"\n  runs another file once (templates and plans), relative to this file\n",
        "if": "if CONDITION { ... } else { ... }\n",
        "for": "for NAME in [a, b] { ... }\n",
        "check": "check [PLAN]\n  validates a plan (or all) while a script runs\n",
        "print": "print VALUE\n",
        "export": "export PLAN as FORMAT [to \"file\"]\n  formats: json, fhir, ics, markdown, html\n",
    ]

    static func vocabulary<V: Vocabulary>(_ type: V.Type, intro: String) -> String {
        let width = V.spellings.map(\.count).max() ?? 0
        return intro + "\n" + V.allCases.map { "  " + $0.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.label }.joined(separator: "\n") + "\n"
    }
}
