// swift-tools-version:6.0
import PackageDescription

// The library is a stack of targets whose dependencies point one way, so the compiler keeps
// the layering: basics <- syntax <- model <- {interpret, analysis} <- export <- kit <- CLI.
// Names used across targets have `package` access (the API of one package, not of the world).
let basics: Target.Dependency = "CarePlanBasics"
let syntax: Target.Dependency = "CarePlanSyntax"
let model: Target.Dependency = "CarePlanModel"
let interpret: Target.Dependency = "CarePlanInterpret"
let analysis: Target.Dependency = "CarePlanAnalysis"
let export: Target.Dependency = "CarePlanExport"

let package = Package(
    name: "careplan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "careplan", targets: ["careplan"]),
        .library(name: "CarePlanKit", targets: ["CarePlanKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Property tests of `careplan fmt` (test target only).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Source files, spans, diagnostics and their rendering, calendar dates, JSON values.
        .target(name: "CarePlanBasics"),
        // Lexer, tokens, parser, AST, the field table.
        .target(name: "CarePlanSyntax", dependencies: [basics]),
        // The plan model and its vocabularies, code tables and outcome measures.
        .target(name: "CarePlanModel", dependencies: [basics, syntax]),
        // The interpreter: runs statements into plans. `check` and `export` reach the validator
        // and the exporters through `Host.services`, not by depending on them.
        .target(name: "CarePlanInterpret", dependencies: [basics, syntax, model]),
        // Validation, the timeline of care, schedules and progress: pure functions of a plan.
        .target(name: "CarePlanAnalysis", dependencies: [basics, syntax, model]),
        // JSON, FHIR, iCalendar, Markdown and HTML exports and the clinical documents.
        .target(name: "CarePlanExport", dependencies: [basics, syntax, model, analysis]),
        // Checking files and folders, the caseload, the REPL session, lessons and grading.
        // No terminal I/O here, so nearly every test drives it directly.
        .target(name: "CarePlanKit", dependencies: [basics, syntax, model, interpret, analysis, export]),
        // libedit, isolated: only the REPL's terminal loop touches it.
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        .target(name: "LineEditor", dependencies: ["CEditLine"]),
        // Minimal REPL over LineEditor, driven by the pty tests in CLITests.
        .executableTarget(name: "LineEditorDemo", dependencies: ["LineEditor"]),
        // forkpty for the end-to-end REPL tests (Glibc's module lacks ptsname/unlockpt).
        .target(name: "CPty", linkerSettings: [.linkedLibrary("util")]),
        .executableTarget(
            name: "careplan",
            dependencies: [
                "CarePlanKit", "LineEditor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // In-process timings for bench/run (REPL latency, exports); not part of the user CLI.
        .executableTarget(name: "careplan-bench", dependencies: ["CarePlanKit"], path: "Sources/CarePlanBench"),
        // Test inputs and golden files are read from the source tree (via #filePath), not bundled.
        .testTarget(name: "CarePlanKitTests", dependencies: ["CarePlanKit", .product(name: "PropertyBased", package: "swift-property-based")],
                    exclude: ["Corpus", "Golden", "Fixtures", "Schedules"]),
        .testTarget(name: "CLITests", dependencies: ["CarePlanKit", "CPty"], exclude: ["ReplScripts"]),
    ]
)
