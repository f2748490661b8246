// swift-tools-version:6.0
// A libFuzzer target over careplan's parser, interpreter, validator, exports and REPL session.
// Separate from the root package so `-sanitize=fuzzer` never touches the normal build.
// Build and run it with ./run (see README.md).
import PackageDescription

let package = Package(
    name: "careplan-fuzz",
    dependencies: [
        // The root package, by path. Its name is given so the product reference below does not
        // depend on the name of the folder the repository is checked out into.
        .package(name: "careplan", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "CarePlanFuzz",
            dependencies: [.product(name: "CarePlanKit", package: "careplan")],
            // libFuzzer supplies main(). Declaring -parse-as-library here (not only with
            // -Xswiftc) also tells SwiftPM not to link this executable's entry point as main.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
