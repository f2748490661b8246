// swift-tools-version:6.0
import PackageDescription

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
        // The language: lexer, parser, interpreter, validator, exports, REPL session logic.
        // No terminal I/O here, so nearly every test drives it directly.
        .target(name: "CarePlanKit"),
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
