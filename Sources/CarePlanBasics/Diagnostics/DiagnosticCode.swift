/// Every diagnostic careplan can report, with a stable code and a long explanation for
/// `careplan explain`. All wording about *why* lives here, in one catalog.
public enum DiagnosticCode: String, CaseIterable, Sendable {
    // Reading the text (CP00xx)
    case invalidUTF8 = "CP0001"
    case controlCharacter = "CP0002"
    case unterminatedString = "CP0003"
    case unexpectedCharacter = "CP0004"
    case invalidDate = "CP0005"
    case fileTooLarge = "CP0006"
    case stringTooLong = "CP0007"
    case nestingTooDeep = "CP0008"
    case invalidNumber = "CP0009"
    case invalidEscape = "CP0010"
    case strayQuote = "CP0011"
    // Grammar (CP005x)
    case expectedToken = "CP0050"
    case unknownKeyword = "CP0051"
    case unclosedBlock = "CP0052"
    // Structure and meaning (CP01xx)
    case missingField = "CP0100"
    case duplicateID = "CP0101"
    case unknownGoal = "CP0102"
    case unknownEnumValue = "CP0103"
    case typeMismatch = "CP0104"
    case unknownName = "CP0105"
    case fieldRepeated = "CP0106"
    case invalidID = "CP0107"
    case noPlanInFocus = "CP0108"
    case unknownTemplate = "CP0109"
    case templateArguments = "CP0110"
    case templateTooDeep = "CP0111"
    case importNotFound = "CP0112"
    case importCycle = "CP0113"
    case loopTooLong = "CP0114"
    case invalidOperation = "CP0115"
    case unknownMember = "CP0116"
    case misplacedStatement = "CP0117"
    case unknownPlan = "CP0118"
    case invalidValue = "CP0119"
    case overlappingClosures = "CP0120"
    case visitNotGivenWithMinutes = "CP0121"
    case unknownIntervention = "CP0122"
    case goalStartOutOfRange = "CP0123"
    // Plan soundness (CP02xx)
    case goalNotServed = "CP0200"
    case interventionServesNothing = "CP0201"
    case dueBeforeStart = "CP0202"
    case baselineEqualsTarget = "CP0203"
    case assistGetsWorse = "CP0204"
    case bornAfterStart = "CP0205"
    case emptyPlan = "CP0206"
    // Teaching (CP03xx)
    case coastMissing = "CP0300"
    case otGoalLooksLikeMovement = "CP0301"
    case ptGoalWithoutMovement = "CP0302"
    case otPlanWithoutOccupations = "CP0303"
    case interventionTypeForOtherDiscipline = "CP0304"
    case goalNotMeasurable = "CP0305"
    case vagueGoal = "CP0306"
    case ptImpairmentLongTermGoal = "CP0307"
    case shortTermGoalAfterLongTerm = "CP0308"
    case planWithoutDiagnosis = "CP0309"
    case approachInPTPlan = "CP0310"
    case rubricInvalid = "CP0311"
    case lessonInvalid = "CP0312"
    // Actions and output (CP04xx)
    case checkFailed = "CP0400"
    case exportOutsideDirectory = "CP0401"
    case exportFailed = "CP0402"
    case exportOverSource = "CP0410"
    case unknownExportFormat = "CP0403"
    // Time and progress (CP05xx)
    case certificationLapses = "CP0500"
    case progressReportOverdue = "CP0501"
    case dueDateNotReviewed = "CP0502"
    case scheduleHasNoDates = "CP0503"
    case progressOnClosedGoal = "CP0504"
    case progressUnknownGoal = "CP0505"
    case gasOutOfRange = "CP0506"
    case copmOutOfRange = "CP0507"
    case progressBeforeStart = "CP0508"
    case goalClosedTwice = "CP0509"
    case scheduleTooLarge = "CP0510"
    // Codes and standardised measures (CP06xx)
    case icdMalformed = "CP0600"
    case icdNeedsText = "CP0601"
    case icdNearMiss = "CP0602"
    case cptMalformed = "CP0603"
    case cptUnknown = "CP0604"
    case cptOtherDiscipline = "CP0605"
    case cptBundled = "CP0606"
    case recordAfterToday = "CP0511"
    case achievedBelowTarget = "CP0512"
    case certificationTooLong = "CP0513"
    case recertificationNotSigned = "CP0514"
    case interventionServesClosedGoals = "CP0515"
    case reassessmentOverdue = "CP0516"
    case measureUnknown = "CP0610"
    case measureOutOfRange = "CP0611"
    case measureWrongDirection = "CP0612"
    case baselineDisagreesWithScore = "CP0613"
    case measureScoreNotNumber = "CP0614"
    // Plans of care, documents and billing (CP07xx)
    case planOfCareContentMissing = "CP0700"
    case weightBearingPercent = "CP0701"
    case signedInFuture = "CP0702"
    case precautionEndsBeforeStart = "CP0703"
    case certificationUnsignedAfter30Days = "CP0704"
    case visitsWithoutCertification = "CP0705"
    case serviceMinutesExceedVisit = "CP0706"
    case serviceOnMissedVisit = "CP0707"
    // Progress records read as a clinical record (CP0730-CP0749)
    case gasDisagreesWithReadings = "CP0730"
    case readingWithoutVisit = "CP0731"
    // Daily notes (CP0760-CP0769)
    case visitWithoutServices = "CP0760"
    // Grading (CP0780-CP0789)
    case rubricElementMissing = "CP0780"
    // The REPL (CP0820-CP0829)
    case exportWouldReplace = "CP0820"
    case interrupted = "CP0821"

    public var code: String { rawValue }

    public var defaultSeverity: Severity {
        switch self {
        case .goalNotServed, .interventionServesNothing, .assistGetsWorse, .coastMissing,
             .otGoalLooksLikeMovement, .ptGoalWithoutMovement, .otPlanWithoutOccupations,
             .interventionTypeForOtherDiscipline, .goalNotMeasurable, .vagueGoal, .ptImpairmentLongTermGoal,
             .shortTermGoalAfterLongTerm, .planWithoutDiagnosis, .emptyPlan, .certificationLapses,
             .progressReportOverdue, .dueDateNotReviewed, .scheduleHasNoDates,
             .icdNearMiss, .cptUnknown, .cptOtherDiscipline, .cptBundled, .signedInFuture, .certificationUnsignedAfter30Days, .planOfCareContentMissing, .baselineDisagreesWithScore,
             .achievedBelowTarget, .recertificationNotSigned, .interventionServesClosedGoals, .reassessmentOverdue,
             .gasDisagreesWithReadings, .readingWithoutVisit, .visitWithoutServices, .rubricElementMissing:
            return .warning
        case .approachInPTPlan:
            return .note
        default:
            return .error
        }
    }

    /// A few words naming the problem, used by `careplan explain` and `:explain`.
    public var title: String { Self.catalog[self]?.title ?? "" }
    /// Why this matters and how to fix it, in the words of a patient supervisor.
    public var explanation: String { Self.catalog[self]?.text ?? "" }

    /// Looks a code up by its spelling, accepting `cp102`, `CP0102` or `0102`.
    public static func parse(_ text: String) -> DiagnosticCode? {
        var digits = text.uppercased()
        if digits.hasPrefix("CP") { digits.removeFirst(2) }
        guard !digits.isEmpty, digits.allSatisfy(\.isNumber), let n = Int(digits) else { return nil }
        let padded = String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n)
        return DiagnosticCode(rawValue: "CP" + padded)
    }

    private static let catalog: [DiagnosticCode: (title: String, text: String)] = [
        .invalidUTF8: ("the file is not valid UTF-8", """
            careplan reads plans as UTF-8 text. A byte sequence that is not UTF-8 usually means the \
            file was saved in another encoding (Latin-1, Windows-1252). Save it again as UTF-8 in \
            your editor; names like "Zoë Müller" then survive intact.
            """),
        .controlCharacter: ("a control character in the text", """
            The file contains a NUL or another invisible control character. These usually come from \
            copying out of a binary file or a word processor. Delete the character (the caret shows \
            where it is) and retype the text around it.
            """),
        .unterminatedString: ("a string is not closed", """
            Every string starts and ends with a double quote on the same line: "like this". \
            A string that is never closed swallows the rest of the line. Add the closing quote; \
            to put a quote inside a string write \\".
            """),
        .unexpectedCharacter: ("a character careplan does not understand", """
            Plans are made of words, numbers, dates, strings in double quotes and a few symbols: \
            { } ( ) [ ] , : = + - . and comparisons. Smart quotes (“ ”) pasted from a word \
            processor are the usual culprit: replace them with plain double quotes.
            """),
        .invalidDate: ("a date that does not exist", """
            Dates are written YYYY-MM-DD, as in 2026-11-02, and must be real calendar dates: \
            2026-02-30 does not exist, and 2028-02-29 does (a leap year).
            """),
        .fileTooLarge: ("the input is larger than careplan accepts", """
            A single plan file is limited in size so that a stray binary file or log cannot exhaust \
            memory. Real plans are a few kilobytes; split a large library of templates into several \
            files and `import` them.
            """),
        .stringTooLong: ("a string is longer than careplan accepts", """
            Strings are limited in length to keep exports and displays usable. Long notes belong in \
            the clinical record; keep plan text to the sentences a client and family will read.
            """),
        .nestingTooDeep: ("blocks or expressions nested too deeply", """
            careplan limits how deeply braces, brackets and parentheses nest, so that no input can \
            exhaust the parser. Real plans nest three or four levels. Look for a missing closing \
            brace, or flatten the structure with templates.
            """),
        .invalidNumber: ("a number careplan cannot read", """
            Numbers are written with digits and an optional decimal point: 4, 10, 2.5. Numbers with \
            more than 15 significant digits, or with several points, cannot be represented exactly.
            """),
        .invalidEscape: ("an unknown escape in a string", """
            Inside a string, a backslash starts an escape: \\" (quote), \\\\ (backslash), \\n (new \
            line), \\t (tab), \\$ (a dollar sign). `${expression}` inserts a value. Any other \
            backslash sequence is an error; write \\\\ for a literal backslash.
            """),
        .strayQuote: ("a quote inside a string ends it early", """
            A string runs from one double quote to the next, so a quote inside it ends it: \
            "Prepare "simple" meals" is the string "Prepare ", the word simple, and another \
            string. careplan notices when a word follows a string with no space between, and \
            suggests the escaped form: write \\" for each quote inside the text \
            ("Prepare \\"simple\\" meals"), or use other quotation marks such as ‘simple’.
            """),
        .expectedToken: ("the text does not fit the grammar here", """
            careplan expected a different kind of word or symbol at this point. The message says \
            what it expected; the grammar is in grammar/careplan.ebnf and `:help` in the REPL shows \
            the shape of each statement. Often a brace, quote or comma is missing just before the \
            caret.
            """),
        .unknownKeyword: ("a word that is not a statement or field here", """
            Each block accepts its own fields: a goal has occupation, assist, condition, measure and \
            by; an intervention has type, serves and frequency; the client has born, referral, \
            history and settings. The message lists what is allowed where the word stands, and \
            suggests the closest spelling.
            """),
        .unclosedBlock: ("a block is never closed", """
            A `{` opens a block that must be closed by a matching `}`. careplan reached the end of \
            the input while a block was still open. The label shows where the block started; add \
            the closing brace where the block should end.
            """),
        .missingField: ("a required field is missing", """
            A plan needs a discipline (OT or PT), a client, and a start date, because every export \
            and every clock depends on them; a goal needs a title and a due date (`by`), because a \
            goal without a timeline cannot be reviewed; an intervention needs a type. Add the field \
            named in the message.
            """),
        .duplicateID: ("two things share one id", """
            Goals, interventions, plans and templates are referred to by their id (`serves meals`), \
            so each id must be unique where it is used. Rename one of them. When a template is used \
            twice, give the stamped goal or intervention an id built from a parameter: \
            `goal "meals-${room}" "..."`.
            """),
        .unknownGoal: ("a reference to a goal that does not exist", """
            `serves` (and `review`, `close`, progress records) name goals by id. The goal named here \
            is not declared in the plan. Check the spelling (careplan suggests the closest id), or \
            declare the goal. Every intervention should serve a goal the client agreed to: an \
            intervention that serves nothing is hard to justify to the client or a payer.
            """),
        .unknownEnumValue: ("a value outside its fixed vocabulary", """
            Some fields take one word from a fixed list so that plans are comparable and exports \
            map to standard codes: discipline (OT, PT), occupation areas (OTPF-4: adl, iadl, \
            health-management, rest-sleep, education, work, play, leisure, social-participation), \
            intervention types, assist levels (independent, modified-independent, setup, supervision, \
            contact-guard, minimal, moderate, maximal, dependent) and settings. The message \
            suggests the closest word and `:help` lists them all.
            """),
        .typeMismatch: ("a value of the wrong kind", """
            Each field expects a kind of value: `born` and `starts` a date (2026-11-02), `by` a \
            date or an expression such as `start + 12 weeks`, titles a string in quotes, `measure` \
            numbers. The message says what was expected and what was found.
            """),
        .unknownName: ("a name that is not defined", """
            A bare word in an expression must be a `let` binding, a template parameter, or the id of \
            a plan, goal or intervention declared earlier. Check the spelling, or define the name \
            with `let name = value` before it is used.
            """),
        .fieldRepeated: ("a field given twice", """
            A field such as `discipline`, `by` or `condition` holds one value. When it appears twice \
            in one block, careplan cannot know which one you meant, so it reports both. Keep one.
            """),
        .invalidID: ("an id that is not a valid name", """
            Ids are words made of letters, digits, `-` and `_`, starting with a letter: `meals`, \
            `grab-rail`, `goal_2`. An id built from a string (in a template) must follow the same \
            rule after interpolation.
            """),
        .noPlanInFocus: ("a plan element outside any plan", """
            Goals, interventions and plan fields belong to a plan. Write them inside \
            `plan id "Title" { ... }`, or, at the top level of a script or the REPL, after a plan \
            has been declared: they then go into the most recent plan (the one in focus).
            """),
        .unknownTemplate: ("use of a template that does not exist", """
            `use name(...)` stamps a template declared with `template name(...) { ... }` in this \
            file or in an imported one. Check the spelling, or add the `import` that brings the \
            template in.
            """),
        .templateArguments: ("template arguments do not match its parameters", """
            Arguments are passed by name: `use rail(room: "bathroom")`. Every parameter without a \
            default must be given, each only once, and only parameters the template declares may \
            be named.
            """),
        .templateTooDeep: ("templates use each other too deeply", """
            A template may use other templates, but a chain that comes back to itself would never \
            end. careplan stops at a fixed depth and shows the chain of uses; break the cycle.
            """),
        .importNotFound: ("an imported file cannot be read", """
            `import "file"` reads a file relative to the importing file's folder. The file named \
            does not exist there or cannot be read. Check the path and its spelling.
            """),
        .importCycle: ("files import each other in a cycle", """
            File A imports B which (directly or not) imports A again. Move the shared templates \
            into a third file that both import.
            """),
        .loopTooLong: ("a loop runs too many times", """
            `for` loops run over lists written in the plan; careplan limits how many iterations a \
            script may run in total so that no script can hang the REPL or a batch job.
            """),
        .invalidOperation: ("an operation that does not apply to these values", """
            Dates can be shifted by durations (`start + 6 weeks`), numbers added and compared, and \
            strings joined with `+`. Adding two dates, or a number to a date without a unit, has no \
            meaning: say which unit you mean (`3 days`, `2 weeks`, `6 months`).
            """),
        .unknownMember: ("a member that does not exist", """
            Members read a part of a value: a goal's `due`, `title`, `start`; a plan's `start`, \
            `title`, `client`; a list's `count`. The message lists the members of the value.
            """),
        .misplacedStatement: ("a statement in a place where it has no meaning", """
            Some statements only make sense in certain places: `import` and `template` at the top \
            level of a file, `return`-like actions (`check`, `print`, `export`) outside goal \
            blocks. Move the statement as the message suggests.
            """),
        .unknownPlan: ("a reference to a plan that does not exist", """
            `check`, `export` and progress records name a plan by its id. No plan with this id has \
            been declared (yet). Check the spelling or declare the plan first.
            """),
        .invalidValue: ("a value outside its allowed range", """
            Some numbers have a range: COPM ratings are 1 to 10, GAS levels -2 to +2, frequencies \
            and durations are positive whole numbers. The message says the allowed range.
            """),
        .goalNotServed: ("a goal that no intervention works towards", """
            Every goal should be served by at least one intervention; otherwise nothing in the plan \
            helps the client reach it. Add an intervention with `serves <goal>`, or, if the goal \
            is no longer relevant, close it.
            """),
        .interventionServesNothing: ("an intervention that serves no goal", """
            Each intervention exists to help the client reach one or more goals, and saying which \
            is how a plan justifies its sessions to the client and to payers. Add \
            `serves <goal-id>` to the intervention.
            """),
        .dueBeforeStart: ("a due date on or before the plan's start", """
            A goal is due after the plan starts: the client needs time to work towards it. Set \
            `by` to a later date, for example `by start + 8 weeks`.
            """),
        .baselineEqualsTarget: ("a measure whose baseline equals its target", """
            A measure records where the client starts (baseline) and where the goal wants them to \
            be (target). When the two are equal there is nothing to achieve and progress cannot be \
            shown. Check the numbers.
            """),
        .assistGetsWorse: ("an assist level that gets worse over the goal", """
            `assist from X to Y` describes the client becoming more independent: from moderate \
            assist to supervision, say. Here the target needs more help than the start. If the \
            plan is to maintain function in a progressive condition, say so in the goal's \
            condition and keep the same level.
            """),
        .bornAfterStart: ("a birth date after the plan's start", """
            The client's birth date is after the plan starts, which is almost always a typing \
            error in the year. Check both dates.
            """),
        .emptyPlan: ("a plan with no goals", """
            A plan without goals has nothing to review or export. Agree at least one goal with the \
            client and write it with `goal id "Title" { ... }`.
            """),
        .coastMissing: ("a goal missing part of COAST (OT) or its expected time (PT)", """
            Source: COAST (Gateley & Borcherding, Documentation Manual for Occupational Therapy); \
            for PT, the ABCD(E) form (Audience, Behaviour, Condition, Degree, Expected time) taught \
            in APTA-accredited programmes. A well-written OT goal says who (Client) will do which \
            Occupation, with what Assist level, under what Specific condition, by when (Timeline). \
            Good: "Client will prepare a hot drink (occupation iadl) with supervision (assist) \
            using labelled cabinets (condition) within 6 weeks (by)". Bad: "Cooking" with no \
            assist level, condition or date: nobody can say when it is met. A PT goal is checked \
            for its Expected time here; its Degree is CP0305. Each missing element makes the goal \
            harder to measure and to agree on with the client.
            """),
        .otGoalLooksLikeMovement: ("an OT goal that names a body function but no occupation", """
            Source: AOTA Occupational Therapy Practice Framework, 4th ed. (OTPF-4), which separates \
            occupations (dressing, cooking, work, sleep, leisure) from client factors (range of \
            motion, strength, pain); COAST puts the Occupation first. An OT goal names the \
            occupation the body function makes possible. Good: "Reach the top shelf to put \
            groceries away", "Open jars and carry a full shopping bag (grip strength 25 kg)", \
            "Use a progressive muscle relaxation routine to fall asleep". Bad: "Increase shoulder \
            flexion to 120 degrees" as a goal of its own. An impairment goal is fine as a \
            short-term goal: write `supports <goal>` pointing at the occupation goal it leads to, \
            and this warning does not apply.
            """),
        .ptGoalWithoutMovement: ("a PT goal that does not say which movement it depends on", """
            Source: APTA / ABCD(E) goal writing (Audience, Behaviour, Condition, Degree, Expected \
            time) and Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220.1.2, which wants \
            functional, measurable long-term goals from PT as from OT. A PT goal is functional \
            and movement-based: its Behaviour is something the client does with their body. \
            Good: "Lift a 10 kg box from floor to waist at work", "Get in and out of the car with \
            a stick", "Play 9 holes of golf", "Walk 400 m to the shop". Bad: "Go shopping with \
            friends" with no word about walking, standing or carrying. Everyday-activity goals \
            are proper PT goals when they say the movement; add it to the title or add `focus \
            mobility` (or strength, range-of-motion, balance, gait, pain, endurance, prevention, \
            transfers).
            """),
        .otPlanWithoutOccupations: ("an OT plan that names no occupation areas", """
            Source: AOTA OTPF-4 (areas of occupation). An OT plan is organised around \
            occupations: the activities the client wants and needs to do. None of this plan's \
            goals names an occupation area. Good: `occupation iadl` on "Prepare a simple hot \
            meal". Bad: every goal without `occupation`. Add `occupation adl` (or iadl, work, \
            education, play, leisure, social-participation, rest-sleep, health-management) to \
            each goal.
            """),
        .interventionTypeForOtherDiscipline: ("an intervention type from the other discipline", """
            Source: AOTA OTPF-4 (intervention types) and the CPT codes both disciplines bill. \
            Most types are shared: therapeutic activities (`activity`, CPT 97530), wheelchair \
            management (`wheeled-mobility`, 97542), environment modification (home fall \
            prevention), physical agents, orthotics, assistive technology, education, training, \
            group and virtual sessions appear in PT and OT plans alike, and so do exercise and \
            manual therapy. Only occupation-based intervention (`occupation`) and \
            `self-regulation` are OT constructs. Good in a PT plan: `type activity` for \
            "floor-to-waist lifting practice". Bad in a PT plan: `type occupation` for "cook a \
            meal in the clinic kitchen"; check the plan's discipline, or choose a shared type.
            """),
        .goalNotMeasurable: ("a goal with neither a measure nor an assist level", """
            Source: SMART goals; COAST's Assist level (Gateley & Borcherding); ABCD's Degree \
            (APTA); Medicare Benefit Policy Manual ch. 15 §220.1.2 (long-term goals are \
            measurable). A goal is met or not met by a number or a level of help: a measure \
            (`measure "metres walked" from 50 to 400`), an assist level (`assist from moderate \
            to supervision`), or a quantity in the title ("walk 400 m", "lift a 10 kg box", "play \
            9 holes"). Good: "Get in and out of the car" with `assist from contact-guard to \
            independent`. Bad: "Walk in the park with the dog" and nothing else: after six weeks \
            nobody can say whether it was met.
            """),
        .vagueGoal: ("a goal that starts with a vague verb and names no activity", """
            Source: COAST (Gateley & Borcherding) and ABCD (APTA): the Occupation, or the \
            Behaviour, is something the client does that someone else can watch. Verbs such as \
            "improve", "increase", "tolerate", "maximise" and "work on" say a direction, not a \
            behaviour; followed only by "independence", "strength" or "function" they name no \
            activity and no degree. Good: "Dress the upper body with set-up only", "Stand at the \
            sink for 10 minutes to wash up", "Increase grip strength to open jars". Bad: "Improve \
            independence", "Increase strength", "Tolerate activity", "Work on balance". Name the \
            activity and how much of it; a number in the title or a purpose ("to open jars") \
            makes the goal specific.
            """),
        .ptImpairmentLongTermGoal: ("a PT long-term goal that names an impairment but no function", """
            Source: Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220.1.2 (long-term goals \
            pertain to functional impairments) and APTA / ABCD goal writing. Range of motion, \
            strength and pain are body functions: measurable, and the right target for a \
            short-term goal, but not why the client came. Good: "Bend the right knee to 115 \
            degrees" with `supports stairs`, the long-term goal "Climb a flight of stairs \
            step-over-step with one rail". Bad: "Bend the right knee to 115 degrees" as the only, \
            long-term goal. Make the impairment goal a short-term goal with `supports <goal>`, \
            or name the function it serves in the title, in the goal's own body region ("bend \
            the knee enough to get in and out of the car", "bend the back enough to lift a \
            laundry basket from the floor").
            """),
        .shortTermGoalAfterLongTerm: ("a short-term goal due after the long-term goal it supports", """
            Source: goal writing as taught in OT and PT programmes (short-term goals are the steps \
            toward a long-term goal; Gateley & Borcherding; APTA). A goal that `supports` another \
            is a step on the way to it, so it is due on or before the long-term goal. Good: \
            "Form b and d the right way round" by week 6 supporting "Write a sentence his \
            classmates can read" by week 12. Bad: the same short-term goal due at week 14, after \
            the long-term goal was to be met. Move one of the two dates.
            """),
        .planWithoutDiagnosis: ("a plan that names no diagnosis", """
            Source: Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220.1.2: a plan of care \
            contains the diagnoses; every payer and the FHIR export (a Condition per diagnosis) \
            want them too. The medical diagnosis (why the client was referred) and the treatment \
            diagnosis (what therapy addresses) explain the goals. Good: `diagnosis "Left MCA \
            ischaemic stroke", "Right hemiparesis, dominant side"`. Bad: a plan with a referral \
            but no `diagnosis` line. Add one. A plan with `payer school` (IDEA or Section 504) \
            is not asked for one: school therapy rests on educational eligibility. On a plan with \
            `payer medicare-part-b` the missing diagnosis is reported with the rest of Medicare's \
            plan-of-care content instead (CP0700). A plan that names no payer gets Part B's \
            clocks as reminders only (warnings, e.g. CP0513), not Part B's paperwork rules such \
            as CP0700, so it gets this code, with the same payer-neutral note as any other payer.
            """),
        .approachInPTPlan: ("an OT approach on a PT intervention", """
            Source: AOTA OTPF-4, whose intervention approaches (create/promote, \
            establish/restore, maintain, modify, prevent) are an occupational therapy construct. \
            PT plans describe the intervention itself (what is done, how much, how often), so an \
            approach on a PT intervention is not wrong, only out of place: this is a note, not a \
            warning. Good (PT): `intervention quads "Progressive quadriceps strengthening" { type \
            exercise }`. Unusual (PT): the same with `approach establish`. Remove the `approach` \
            lines, or keep them if your programme teaches them for PT too.
            """),
        .rubricInvalid: ("a rubric file line careplan cannot read", """
            `careplan grade --rubric FILE` reads a small rubric format, one statement a line: \
            `title "..."`, `pass 70` (percent needed to pass), `points CRITERION N` (reweight a \
            default criterion such as `measurable`; 0 leaves it out) and `require N "description" \
            WHAT`, where WHAT is `intervention TYPE [COUNT]`, `checkin before N weeks`, `copm`, \
            `observe`, `environment`, `assessment`, `short-term-goal [COUNT]`, `progress` or \
            `occupation AREA`. Good: `require 5 "A check-in before week 6" checkin before 6 \
            weeks`. Bad: `require "COPM" copm` (the points are missing). A rubric with a mistake \
            is not used, so no student is graded against half a rubric.
            """),
        .planOfCareContentMissing: ("a Medicare plan of care without the content Medicare requires", """
            Source: Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220.1.2 (from 42 CFR \
            424.24(c) and 410.61(c)): an outpatient therapy plan of care contains at least the \
            diagnoses; long-term treatment goals, measurable and pertaining to identified \
            functional impairments; and the type, amount, frequency and duration of therapy. The \
            physician or NPP certifies the plan as written; one that lacks a part does not meet \
            the requirement, and services under it can be denied on review. For \
            plans with `payer medicare-part-b` careplan names, in one warning, each part that is \
            missing: the diagnoses (`diagnosis "..."` with the medical diagnosis, from the referral, or \
            its ICD-10-CM code, such as Z47.1 after a joint replacement); a long-term goal in force (one \
            that `supports` no other goal and is not discontinued); the frequency (`frequency 2 \
            per week ...` on the plan or an intervention given in sessions; without one, Medicare \
            assumes a single treatment); and the duration, the number of weeks or sessions of \
            this plan (`for 8 weeks`, `for 16 visits`). The type is the discipline (`discipline \
            OT`), reported when missing as any missing field; the amount, sessions a day, may be \
            left out (one a day is assumed); whether each long-term goal is measurable and \
            functional is checked on the goal itself (CP0305, CP0301, CP0302, CP0307). Good, for an \
            OT plan after a stroke: `diagnosis I69.351 "..."`, `goal meals "Prepare a simple hot meal" { occupation \
            iadl; measure "steps done without cues" from 4 to 10; by start + 12 weeks }`, \
            `frequency 2 per week for 8 weeks`. Medicare home health plans (42 CFR 484.60) and \
            other payers have their own rules and are not checked here.
            """),
        .serviceMinutesExceedVisit: ("services add up to more minutes than the visit", """
            A visit's `minutes` is the total treatment time of the visit; its `service` lines \
            say how those minutes were billed (CPT code and minutes each). Billed minutes cannot \
            exceed the time spent with the client: the Medicare Claims Processing Manual (Pub. \
            100-04) ch. 5 §20.2 bills timed codes from the minutes of direct treatment actually \
            given, and a note whose services add up to more than the visit is the first thing a \
            reviewer questions. Good: `visit on 2026-11-17 attended minutes 45 { service 97530 \
            minutes 30; service 97535 minutes 15 }`. Correct the visit's minutes or the \
            service minutes so the services fit inside the visit.
            """),
        .serviceOnMissedVisit: ("a service on a visit that did not happen", """
            A `service` line bills treatment given at the visit. A cancelled visit or a no-show \
            gave none, so it bills nothing; billing it would be a claim for care not given. \
            Record what happened in the note instead (`subjective "called to cancel: unwell"`), \
            or, if the visit did take place, record it as `attended minutes N`.
            """),
        .gasDisagreesWithReadings: ("a GAS level that its goal's readings contradict", """
            Goal Attainment Scaling rates each goal on five levels: -2 much less than expected, \
            -1 less than expected, 0 the expected outcome, +1 and +2 more than expected \
            (Kiresuk TJ, Sherman RE, Community Ment Health J 1968;4:443-453; Turner-Stokes L, \
            Clin Rehabil 2009;23:362-370). The level is the therapist's own rating, so careplan \
            never derives it, but it judges every level by one rule against the expected \
            outcome it knows, the goal's target: 0 or better says the expected outcome is \
            reached, so it contradicts a latest reading that misses a target; below 0 says it \
            is not, so it contradicts readings that meet every target. An interim reading on \
            course is still "less than expected" (-1) until the target is met: the baseline is \
            usually -1 or -2, and 0 is kept for the outcome itself. The GAS T-score is computed \
            from the levels as recorded (50: every goal at its expected outcome), so a 0 given \
            too early would report goals as reached. Good: `meals 7 assist minimal gas -1` at \
            week 3 of a goal whose target is 10 steps, independent; `meals 10 assist \
            independent gas 0` when it is met. Fix the level, or the reading if that is what \
            was mistyped.
            """),
        .readingWithoutVisit: ("a progress reading on a day with no attended visit", """
            In a plan that records its visits, a measurement, assist level, GAS level or COPM \
            re-rating is taken at a contact with the client: the visit whose treatment note \
            documents it (Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220.3.E: each \
            treatment day's note). A reading dated on a day with no attended visit (no visit \
            recorded, a cancelled visit, a no-show, a day the clinic was closed) is most often \
            dated wrong, or its visit was not recorded. Date the reading on the visit it was \
            taken, or, on a day with nothing recorded, record the visit (`visit ID on DATE \
            attended minutes 45`). A day already recorded as cancelled or a no-show has its \
            visit: if the client was in fact seen, correct that record to attended rather than \
            adding a second visit on the same date. On a clinic closure, record a visit only if \
            the client was seen anyway (a home or telehealth visit). A reading the \
            client reports from the home programme belongs on the visit (or telehealth call) \
            where it was reported, with a note saying so (`note "client's home log"`). Goals \
            served only by home-programme items are read from the client's own log and are not \
            checked; plans that record no visits are not checked either.
            """),
        .visitWithoutServices: ("a Medicare visit with treatment minutes but no services recorded", """
            Source: Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220.3.E, the treatment \
            note: every treatment day is documented with the date, each intervention or modality \
            provided and billed (timed and untimed codes), the total timed-code minutes and the \
            total treatment time, and the therapist's signature. The units billed follow from \
            the services' minutes by the 8-minute rule (Medicare Claims Processing Manual (Pub. \
            100-04) ch. 5 §20.2). A visit recorded as `attended minutes 45` with no `service` \
            line has its total time but nothing that says what those minutes were or justifies \
            a code on the claim, and its daily note cannot attest to services it does not list. \
            Record what was given, one CPT code a line with its minutes: `visit on 2026-11-25 \
            attended minutes 45 { service 97110 minutes 30; service 97530 minutes 15 }`. \
            Checked on plans with `payer medicare-part-b`; one warning per plan names every such \
            visit. Other payers have their own documentation rules and are not checked here.
            """),
        .weightBearingPercent: ("a percentage on a weight-bearing status other than partial", """
            Weight-bearing orders come from the surgeon: non-weight-bearing (NWB), toe-touch \
            (TTWB), partial (PWB), as tolerated (WBAT) and full (FWB). Only partial \
            weight-bearing is limited to a share of body weight ("PWB 50%"); the others say it \
            all. Good: `weight-bearing partial percent 50 on "left leg"`, `weight-bearing \
            toe-touch on "right leg"`. Bad: `weight-bearing full percent 50`. Check the order \
            and write the status it gives.
            """),
        .signedInFuture: ("a signature dated after today", """
            A signature records that the plan was read and agreed on that date, so it cannot be \
            dated after today (careplan's "today" is `--today` or the clock). A future date is \
            usually a typo in the year or month, or a signature written down before it was given. \
            Good: `signed by "A. Chen, OTR/L" on 2026-11-02` once it is signed. Correct the \
            date, or leave the `signed` line out until the plan is signed.
            """),
        .precautionEndsBeforeStart: ("a precaution that ends before the plan starts", """
            A precaution, contraindication or weight-bearing order with `until` applies up to \
            that date; ending before the plan starts, it would never be shown on a document or \
            visit note, which is almost always a mistyped date. Good: `precaution "Posterior hip \
            precautions" until start + 6 weeks`. Correct the date, or drop `until` if it applies \
            throughout.
            """),
        .lessonInvalid: ("a lesson file careplan cannot read", """
            `careplan learn` reads lessons from data files an educator can write (see README, \
            "Lessons"): a header with `title: ...` and `goal: ...` lines, then the sections \
            `---- case`, `---- task`, `---- hints` (optional), `---- start` (optional) and \
            `---- solution`. A `goal:` line lists what the plan must have, separated by `;`: \
            `discipline`, `client`, `start`, `diagnosis`, `history`, `goals N`, `interventions N`, \
            `frequency`, `checkin`, `closed`, `replaces`, `has ID`, `no CODE...`, or a rubric \
            requirement such as `intervention environment-modification` or `checkin before 6 \
            weeks`. Good: `goal: goals 1; no CP0300 CP0305`. Bad: `goal: goal 1` (the word is \
            `goals`). A lesson with a mistake is left out, so no learner gets a lesson that can \
            never be finished.
            """),
        .certificationUnsignedAfter30Days: ("a Medicare plan of care not certified within 30 days", """
            Source: Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220.1.3: the physician or \
            non-physician practitioner certifies the initial plan of care by signing and dating it \
            within 30 days of the first treatment day (the evaluation counts). A later signature is \
            a delayed certification, accepted with the reason for the delay. careplan warns once \
            30 days have passed with no `signed` date, or when the date written is later than \
            that. Good: `certify for 90 days signed 2026-11-05 by "Dr. R. Patel" npi \
            "1234567893"`. Send the plan of care for signature (`careplan document FILE --kind \
            plan-of-care`), then record the date it was signed.
            """),
        .visitsWithoutCertification: ("visits given on a Medicare plan whose certification is overdue", """
            Source: Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220.1.3: services are \
            covered under a certified plan of care. Once 30 days have passed since the first \
            treatment day without the initial certification signed, every further visit is given \
            on an uncertified plan, which Medicare can deny. This is an error, where the missing \
            signature alone is a warning (CP0704). Good: the certification signed, and its date \
            recorded with `signed DATE by "..."`, before treatment continues. A certification \
            signed late is still accepted with the reason for the delay (§220.1.3): record it when \
            it comes, for the plan's own period, with a `note` giving the reason. The caseload \
            lists the plan (its unsigned certification, with these visits) rather than hiding it \
            behind the error.
            """),
        .checkFailed: ("a `check` statement found errors", """
            `check` validates a plan at that point of the script. It found errors, listed above \
            it; the script's exit status reports failure.
            """),
        .exportOutsideDirectory: ("an export path outside the output folder", """
            Exports write below the output folder (the script's folder, or `--out-dir`). A path \
            with `..` or an absolute path that leaves it is refused so that a script cannot \
            overwrite files elsewhere by accident. Pass `--allow-outside` if you really mean it.
            """),
        .exportFailed: ("an export could not be written", """
            The export could not be written: the folder may not exist or not be writable. The old \
            file, if any, is left untouched because exports write a temporary file and rename it.
            """),
        .exportWouldReplace: ("a typed export would replace an existing file", """
            In the REPL, `export ... to "file"` does not write over a file that was there before \
            the session wrote it: a typing slip in the name could replace someone's document. \
            A file the same session exported may be exported again. To replace a file on \
            purpose, use `:export! FORMAT FILE` (the plan in focus), as `:save!` replaces a \
            saved script; or export to another name. `careplan run` scripts replace their \
            exports, since running a script again is meant to regenerate them.
            """),
        .interrupted: ("stopped by Ctrl-C", """
            Ctrl-C stopped a long run (a `:load`, a `:reload`, a loop): nothing is wrong with the \
            text. The statement was not completed, so the session is as it was before it. Run it \
            again to finish it; if it takes too long, look for a loop over a very long list or \
            a very large file.
            """),
        .exportOverSource: ("an export aimed at a careplan file", """
            An export would have been written to a file ending in `.careplan`, the name of a plan \
            source. Exports never write over plan sources: one slip in a file name (tab \
            completion offers the plan's own file) replaced a morning's work with HTML. Name the \
            export after its format instead (`kitchen.html`, `kitchen.fhir.json`); plan sources \
            are written only by `:save`.
            """),
        .unknownExportFormat: ("an export format careplan does not know", """
            careplan exports json, fhir, ics, markdown and html. Check the spelling.
            """),
        .certificationLapses: ("the plan runs past its certification", """
            Medicare's rule (Medicare Benefit Policy Manual, Pub. 100-02, ch. 15 §220.1.3): the \
            physician or non-physician practitioner certifies the plan of care for at most 90 \
            calendar days (Medicare home health: 60-day periods, 42 CFR 424.22(b)), and it must be \
            re-certified before then for therapy to continue. This plan's schedule continues after \
            the last certification period ends and no re-certification is planned: add \
            `recertify on DATE` (or shorten the schedule). Plans whose payer is not Medicare \
            (`payer school`, `workers-comp`, `commercial`...) follow their payer's rules and are \
            not held to this clock; a plan that names no payer is checked against Part B's clocks \
            as a reminder (warnings at most, CP0513 says which rules wait for the payer).
            """),
        .progressReportOverdue: ("more than 10 treatment days without a progress report", """
            Medicare's rule (Medicare Benefit Policy Manual, Pub. 100-02, ch. 15 §220.3.D): a \
            progress report is written at least once every 10 treatment days, counted from the \
            first day of the episode (the evaluation is day 1), and it covers progress toward \
            EACH goal. A treatment day is a day therapy was actually given: cancelled and missed \
            visits do not count, a home exercise programme is never a treatment day, and several \
            services on one day are one day. careplan counts the visits recorded up to today and \
            projects the booked sessions after it; a session booked for today and not yet \
            recorded is today's treatment day, so a therapist checking before the visit is told \
            about today. The report is due on or before the 10th treatment day: one dated after \
            it (on the 11th, even before that day's session) is late, and careplan notes it as \
            late (a note: nothing is left to do but keep its date and count from it); a check-in \
            booked after the 10th treatment day is a warning (move it). Only a review of every active goal resets the \
            count: a check-in that reviews all of them (one without `review` lines reviews all), \
            or a progress record with an entry for each. Add such a check-in on or before the \
            10th treatment day the message names; in a plan on paper (no care recorded yet: a \
            draft, a student's plan) that is the fix whatever the date, since its booked past \
            counts and nothing in it is late. When that day has passed in a plan that records \
            care, never date a record \
            back: if the report was written, record it on the day it was written; if not, write \
            it now (at the latest before the next visit) and record it on the day it is written. \
            It is late, and its date shows it. A check-in line dated in the past is not a report.
            """),
        .dueDateNotReviewed: ("a goal's due date passes with no check-in reviewing it", """
            When a goal falls due, someone should look at whether it was met. No check-in on or \
            before the due date reviews this goal. A review is a check-in or re-assessment \
            booked after today, or a progress record with an entry for the goal. Once a plan \
            records care (a visit or a progress record), or is `completed` or `revoked`, a \
            check-in booked for a day that has passed is a review only if its progress record \
            was written, the same rule by which CP0501 counts progress reports. Only a plan on \
            paper (no care recorded yet: a draft, a student's plan) reads its booked past as \
            planned, so for it, as for a due date to come, the fix is to book the review \
            (`checkin on DATE { review goal }`). For a due date that has passed in a plan that \
            records care, never book or date anything back: if the goal was \
            reviewed, record the review on the day it was made (`progress ID on DATE { goal \
            ... }`); if not, review it now (at the latest at the next visit) and record it on \
            that day: it is late, and its date shows it. A plan whose status is `completed` or \
            `revoked` is not asked for reviews: its goals' outcome belongs in the discharge \
            summary.
            """),
        .scheduleHasNoDates: ("a schedule that produces no dates", """
            This schedule never produces a date: its end is before its start, or its count is \
            zero. Check the dates and the numbers.
            """),
        .progressOnClosedGoal: ("a progress record for a closed goal", """
            Once a goal is closed (achieved or discontinued) it no longer collects progress. Record \
            progress against the goal that replaced it, or record it before the closing date.
            """),
        .progressUnknownGoal: ("a progress record names a goal not in the plan", """
            Progress records name goals by id. This id is not a goal of the plan.
            """),
        .gasOutOfRange: ("a GAS level outside -2..+2", """
            Goal Attainment Scaling uses five levels: -2 (much less than expected), -1, 0 (the \
            expected outcome), +1 and +2 (much more than expected).
            """),
        .copmOutOfRange: ("a COPM rating outside 1..10", """
            COPM performance and satisfaction are rated from 1 (not able / not satisfied at all) to \
            10 (able to do it extremely well / extremely satisfied).
            """),
        .progressBeforeStart: ("a progress record dated before the plan starts", """
            Progress records measure change since the plan started; one dated before the start is \
            most likely a typing error in the date.
            """),
        .goalClosedTwice: ("a goal closed more than once", """
            A goal is closed once, as achieved or discontinued. To reopen work on it, write a new \
            goal that `replaces` it.
            """),
        .overlappingClosures: ("two clinic closures overlap", """
            Each `closed FROM to TO` line marks days on which no sessions are booked. Two closures \
            that share days are usually a typing error in a date, or the same holiday written \
            twice (once in a shared clinic calendar and once in the plan). Merge them into one \
            line or correct the dates.
            """),
        .visitNotGivenWithMinutes: ("a cancelled or missed visit with treatment minutes", """
            Minutes record treatment actually given. A cancelled visit or a no-show gave none, \
            so it cannot have minutes: either the visit took place (`attended minutes 45`) or \
            it did not (`cancelled because "..."`).
            """),
        .unknownIntervention: ("a visit names an intervention not in the plan", """
            `gave` lists the interventions given at a visit by their ids. This id is not an \
            intervention of the plan: check the spelling, or add the intervention to the plan \
            first (a service not in the plan of care is not covered by it).
            """),
        .goalStartOutOfRange: ("a goal starts outside the plan", """
            A goal's `starts` date is the day it was set with the client. It cannot be before \
            the plan's start (the evaluation) or after the goal's own due date. A goal written \
            weeks into a plan (a new or replacement goal) says so with `starts DATE`; progress \
            toward it is then judged from that day, not from the plan's start.
            """),
        .recordAfterToday: ("a record dated after today", """
            Closures, progress records and visits record what has happened. One dated after \
            today (careplan's `--today`) has not happened yet: it is most likely a typing error \
            in the date, or a note written ahead of time. Planned events belong in the schedule \
            (`checkin`, `frequency`, `recertify`), not in records.
            """),
        .achievedBelowTarget: ("a goal closed as achieved below its target", """
            A goal is achieved when every target it states is met: its measure reaches the \
            target and the client's assist level is at or better than the goal's. The latest \
            progress reading before this closure misses one of them. Record the reading that \
            shows the target met, or close the goal `discontinued because "..."` and write a \
            new goal that `replaces` it.
            """),
        .certificationTooLong: ("a certification longer than the payer allows", """
            Medicare certifies an outpatient plan of care for at most 90 calendar days (Medicare \
            Benefit Policy Manual, Pub. 100-02, ch. 15 §220.1.3; the start day is day 1) and a \
            home health episode for 60 days (42 CFR 424.22(b); ch. 7 §10.3). A longer period is not \
            certified beyond the cap: write `certify for 90 days` and `recertify on DATE` for \
            the next period. Other payers (school, workers' compensation, commercial) set their \
            own periods, and careplan does not cap them. A plan that names no payer is read as \
            Medicare Part B, but only as a reminder: while the payer is assumed, Part B's clocks \
            (this cap, CP0500, CP0501, CP0514) are warnings at most, and Medicare's claim \
            paperwork rules (plan-of-care content CP0700, the physician's signature within 30 \
            days CP0704/CP0705) wait for `payer medicare-part-b`. Write the payer to settle it.
            """),
        .recertificationNotSigned: ("a planned re-certification is not signed", """
            A re-certification is in force only once the physician or non-physician practitioner \
            has signed it (Medicare Benefit Policy Manual, Pub. 100-02, ch. 15 §220.1.3). This \
            one's date has come and it has no `signed DATE`: until it is signed, care after the \
            current period ends is not certified. Record the signature \
            (`recertify on DATE signed DATE by "..."`) when it comes back.
            """),
        .interventionServesClosedGoals: ("an intervention serves only closed goals", """
            Every goal this intervention serves has been closed, yet it still has sessions \
            booked after the last closure. Stop it (end its frequency), or make it serve the goal \
            that replaced the closed one.
            """),
        .reassessmentOverdue: ("more than 30 days without a reassessment (home health)", """
            Medicare home health (42 CFR 409.44(c)(2)(i); Medicare Benefit Policy Manual, Pub. \
            100-02, ch. 7 §40.2.1): a qualified therapist functionally reassesses the patient at \
            least once every 30 days of therapy. The first therapy day is day 1, so the first \
            reassessment is due by day 30 (start + 29 days); each reassessment starts the next \
            30 days. This is not the 60-day recertification (42 CFR 424.22(b), CP0513). A \
            reassessment is a `reassess on DATE` (or a check-in reviewing every goal) booked \
            after today, or a progress record with an entry for every open goal. Once a plan \
            records care (a visit or a progress record), a reassessment booked for a day that \
            has passed counts only when its record is written, as CP0501 counts progress \
            reports: if it was made, record it on the day it was made; if not, reassess at the \
            next visit and record it on that day. It is late, and the record says so by its \
            date; never date a record earlier than the day it was written. A plan on paper (no \
            care recorded yet: a draft, a student's plan) reads its booked past as planned, so \
            its fix is a booked reassessment (`reassess on DATE`) whatever the date.
            """),
        .scheduleTooLarge: ("a schedule with too many dates", """
            careplan works out every session, check-in and due date of a plan to check its time \
            rules and to export calendars. A plan of care covers weeks or months: a few hundred \
            dates, a few thousand for a long plan with daily home practice. A plan past \
            20,000 dates has almost always been built by a loop that adds check-ins or sessions \
            on every pass; only its first 20,000 dates are worked out, so its time rules and \
            calendar are incomplete. Look for the loop, or split a very long plan into plans of \
            care that are each certified in turn.
            """),
        .icdMalformed: ("a diagnosis code that is not ICD-10-CM", """
            Diagnoses on a US plan of care are coded in ICD-10-CM (Medicare Benefit Policy Manual, \
            Pub. 100-02, ch. 15 §220.1.2 asks for the diagnoses; claims carry them as ICD-10-CM). A \
            code is a letter, a digit and a digit or letter (the category), then a dot and one to \
            four letters or digits: Z47.1, I69.351, S66.120D. Check the code against the referral; \
            a digit typed for a letter (1 for I, 0 for O) is the usual slip.
            """),
        .icdNeedsText: ("an ICD-10-CM code careplan cannot name", """
            careplan knows the display text of the ICD-10-CM codes common in OT and PT referrals, \
            not the whole classification. For any other code write its text after it, as on the \
            referral: diagnosis M24.541 "Contracture, right hand". The text is what people read; \
            the code is what systems match.
            """),
        .icdNearMiss: ("a diagnosis code one slip away from a common one", """
            The code is well formed but is not in careplan's table, and a common therapy code \
            differs from it by one character (a swapped or mistyped digit). If the code is \
            right, keep it: the warning only asks you to check it against the referral.
            """),
        .cptMalformed: ("a CPT code that is not five characters", """
            CPT codes (American Medical Association) are five digits, such as 97530 (therapeutic \
            activities) or 97110 (therapeutic exercise); category III codes end in T. The code \
            names the service an intervention is billed as.
            """),
        .cptUnknown: ("a CPT code not in careplan's table", """
            careplan's table has the common physical medicine and rehabilitation codes OT and PT \
            plans use (97010-97999, including 97999, the unlisted service). A code not in it may \
            still be valid (a code from another chapter, such as 92526 for swallowing), so it is \
            kept, but check it: a transposed digit bills a different service. careplan does not \
            compute units for it, since it cannot tell whether the code is timed.
            """),
        .cptOtherDiscipline: ("an evaluation code of the other discipline", """
            Evaluation codes belong to one discipline: 97161-97164 are physical therapy \
            evaluations and re-evaluations, 97165-97168 occupational therapy ones (CPT 2017 \
            onwards; CMS, MLN Matters MM9782). A PT plan billing an OT evaluation is almost \
            always a typing error.
            """),
        .cptBundled: ("a CPT code Medicare does not pay separately", """
            97010 (hot or cold packs) is a bundled service: the Medicare Physician Fee Schedule \
            gives it status indicator B, so it is paid as part of the other services of the \
            visit and never on its own. Keep the intervention if it helps, but do not count on \
            it as a billed service (commercial payers may differ).
            """),
        .measureUnknown: ("an outcome measure careplan does not know", """
            A goal's `measure` or an assessment's `score` written as a bare word names a \
            standardised outcome measure from careplan's library (`:help measures`): tug, berg, \
            6mwt, 10mwt, chair-stand-30s, 5xsts, lefs, oswestry, ndi, quickdash, koos-jr, hoos-jr, \
            nprs, psfs, copm, barthel. For anything else write its name in quotes: a free-text \
            measure is checked for nothing but its numbers.
            """),
        .measureOutOfRange: ("a value outside the measure's range", """
            A standardised measure has a fixed range: the Berg Balance Scale runs from 0 to 56, \
            pain on the NPRS from 0 to 10, the Oswestry index from 0 to 100 %. A value outside it \
            cannot be a score on that measure; it is a typing error or a different instrument.
            """),
        .measureWrongDirection: ("a target that is worse than the baseline", """
            Each standardised measure has a direction: on the Berg Balance Scale higher is \
            better, on the Timed Up and Go or a pain scale lower is better. A goal whose target \
            is worse than its baseline on that measure aims for deterioration. Swap the numbers, \
            or, if the aim is to slow a decline, write the goal as maintaining a level.
            """),
        .rubricElementMissing: ("a plan without an element the rubric asks for", """
            Only `careplan grade` reports this: the rubric asks every plan for an element \
            (an assessment, a COPM rating, an environment modification, a check-in before a \
            given week, short-term goals, a progress record) and this plan has none, so the \
            criterion's points are lost. The finding says what to add, with an example to \
            copy, and why the element matters; `careplan check` never asks for it, since it \
            is the assignment's rule, not the language's. The default rubric asks for an \
            assessment (`assess { ... }`): goals rest on what the evaluation found (AOTA \
            OTPF-4: the evaluation, an occupational profile and an analysis of occupational \
            performance, comes before the intervention plan), and each goal's baseline is a \
            finding of it.
            """),
        .baselineDisagreesWithScore: ("a goal's baseline differs from the assessment", """
            The goal measures the same thing the assessment scored, but starts from a different \
            number. The baseline of a goal is the assessment finding; if a later measurement is \
            meant, record it as progress instead, so the change stays visible.
            """),
        .measureScoreNotNumber: ("a standardised score that is not a number", """
            A score on a standardised measure (`score berg: 38`) must be a number so it can be \
            checked against the measure's range and compared with goals and progress. Put \
            anything else (two readings, a comment) in a quoted free-text score or an `observe`.
            """),
    ]
}
