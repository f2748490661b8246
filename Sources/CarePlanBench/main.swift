// careplan-bench: in-process measurements for bench/run, with a monotonic clock.
//
// Not part of the user CLI. Every subcommand prints `key=value` lines that bench/run parses.
//
//   careplan-bench check FILE [--repeat R]              Compilation.check of one file (imports from disk)
//   careplan-bench export FILE --format F [--repeat R]  render every plan of FILE as F (json, fhir, ...)
//   careplan-bench export-json FILE OUT_DIR             write each plan's JSON export for the Python reference:
//                                                       OUT_DIR/plans.json (a JSON array) and OUT_DIR/plan-NNNNN.json
//   careplan-bench repl [--goals N] [--repeat R]        REPL latency: one more statement into a session with N goals
//
// Times are medians over R runs (after one warm-up run), in seconds.
import CarePlanKit
import Foundation

let today = CalendarDate(year: 2026, month: 11, day: 29)!

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func seconds(_ start: UInt64, _ end: UInt64) -> Double { Double(end - start) / 1e9 }

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func percentile(_ xs: [Double], _ p: Double) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return .nan }
    return s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded()))]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("careplan-bench: \(message)\n".utf8))
    exit(2)
}

func option(_ args: [String], _ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

func load(_ path: String) -> SourceFile {
    guard let bytes = ScriptHost.readFromDisk(path) else { fail("cannot read \(path)") }
    return SourceFile(name: path, bytes: bytes)
}

/// Runs `body` once to warm up, then `repeat` times; returns the median seconds.
func measure(repeat count: Int, _ body: () -> Void) -> (median: Double, all: [Double]) {
    body()
    var times: [Double] = []
    for _ in 0..<count {
        let t0 = now()
        body()
        times.append(seconds(t0, now()))
    }
    return (median(times), times)
}

func checkCommand(_ args: [String]) {
    guard let path = args.first else { fail("check FILE") }
    let repeatCount = Int(option(args, "--repeat") ?? "5") ?? 5
    let file = load(path)
    var plans = 0, errors = 0
    let m = measure(repeat: repeatCount) {
        let c = Compilation.check(file, today: today)
        plans = c.plans.count
        errors = c.diagnostics.errorCount
    }
    print("bytes=\(file.bytes.count)")
    print("plans=\(plans)")
    print("errors=\(errors)")
    print("seconds=\(m.median)")
}

func exportCommand(_ args: [String]) {
    guard let path = args.first, let f = option(args, "--format"), let format = ExportFormat(rawValue: f) else {
        fail("export FILE --format json|fhir|ics|markdown|html")
    }
    let repeatCount = Int(option(args, "--repeat") ?? "5") ?? 5
    let compiled = Compilation.check(load(path), today: today)
    if compiled.diagnostics.hasErrors { fail("\(path) has errors") }
    let options = ExportOptions(today: today)
    var outBytes = 0
    let m = measure(repeat: repeatCount) {
        outBytes = 0
        for plan in compiled.plans {
            guard let text = try? Exporter.render(plan, as: format, options: options) else { fail("export failed") }
            outBytes += text.utf8.count
        }
    }
    print("plans=\(compiled.plans.count)")
    print("output_bytes=\(outBytes)")
    print("seconds=\(m.median)")
}

func exportJSONCommand(_ args: [String]) {
    guard args.count >= 2 else { fail("export-json FILE OUT_DIR") }
    let compiled = Compilation.check(load(args[0]), today: today)
    if compiled.diagnostics.hasErrors { fail("\(args[0]) has errors") }
    let dir = args[1]
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var docs: [String] = []
    for (i, plan) in compiled.plans.enumerated() {
        guard let text = try? Exporter.render(plan, as: .json, options: ExportOptions(today: today)) else { fail("export failed") }
        docs.append(text)
        try! ScriptHost.writeAtomically(dir + "/" + String(format: "plan-%05d.json", i + 1), text)
    }
    let all = "[\n" + docs.joined(separator: ",\n") + "]\n"
    try! ScriptHost.writeAtomically(dir + "/plans.json", all)
    print("plans=\(docs.count)")
    print("bytes=\(all.utf8.count)")
}

/// A goal statement for the plan in focus, and an intervention serving it.
func goalStatement(_ i: Int) -> String {
    """
    goal g\(i) "Goal number \(i): make a cup of tea without a prompt" {
      occupation iadl
      assist from minimal to independent
      measure "steps done without a prompt (of 10)" from 3 to 10
      by 2027-01-15
    }
    intervention i\(i) "Practice for goal \(i)" {
      type occupation
      approach establish
      serves g\(i)
      minutes 30
    }
    """
}

func replCommand(_ args: [String]) {
    let goals = Int(option(args, "--goals") ?? "1000") ?? 1000
    let repeatCount = Int(option(args, "--repeat") ?? "30") ?? 30
    let host = ScriptHost(today: today, services: .standard, readFile: { _ in nil }, writeFile: { _, _ in }, print: { _ in })
    let session = ReplSession(host: host, workingDirectory: NSTemporaryDirectory())
    let header = """
    plan big "A plan with many goals" {
      discipline OT
      client "Test Client" { born 1950-01-01 }
      clinician "A. Chen, OTR/L"
      starts 2026-11-02
      frequency 2 per week for 10 weeks
      certify for 90 days
    }
    """
    let t0 = now()
    var r = session.submit(header)
    guard r.accepted else { fail("setup rejected: \(r.diagnostics.map(\.message))") }
    // Build the session in chunks of 100 goals (one entry each), as a `:load` would.
    var next = 1
    while next <= goals {
        let last = min(goals, next + 99)
        r = session.submit((next...last).map(goalStatement).joined(separator: "\n"))
        guard r.accepted else { fail("setup rejected: \(r.diagnostics.map(\.message))") }
        next = last + 1
    }
    let setup = seconds(t0, now())
    // Then one statement at a time: a new goal with its intervention (two declarations, one entry).
    var times: [Double] = []
    for k in 0..<(repeatCount + 1) {
        let text = goalStatement(goals + 1 + k)
        let t = now()
        let response = session.submit(text)
        let dt = seconds(t, now())
        guard response.accepted else { fail("statement rejected: \(response.diagnostics.map(\.message))") }
        if k > 0 { times.append(dt) }  // the first is a warm-up
    }
    // And a one-line statement (a plan field).
    var small: [Double] = []
    for k in 0..<repeatCount {
        let t = now()
        let response = session.submit("note \"reviewed \(k)\"")
        small.append(seconds(t, now()))
        guard response.accepted else { fail("note rejected") }
    }
    print("goals=\(session.state.plans.first?.goals.count ?? 0)")
    print("setup_seconds=\(setup)")
    print("seconds=\(median(times))")
    print("p90_seconds=\(percentile(times, 0.9))")
    print("note_seconds=\(median(small))")
}

let args = Array(CommandLine.arguments.dropFirst())
switch args.first {
case "check": checkCommand(Array(args.dropFirst()))
case "export": exportCommand(Array(args.dropFirst()))
case "export-json": exportJSONCommand(Array(args.dropFirst()))
case "repl": replCommand(Array(args.dropFirst()))
default:
    fail("usage: careplan-bench check|export|export-json|repl ... (see Sources/CarePlanBench/main.swift)")
}
