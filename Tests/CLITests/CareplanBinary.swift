import Foundation

/// Finding the real `careplan` executable and the package's files from the CLI tests.
enum CareplanBinary {
    /// The package root, two levels above Tests/CLITests.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // CLITests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root

    /// $CAREPLAN_BIN, else next to the running test bundle (same build directory), else
    /// <package root>/.build/debug/careplan.
    static func path() throws -> String {
        let fm = FileManager.default
        if let path = ProcessInfo.processInfo.environment["CAREPLAN_BIN"], !path.isEmpty { return path }
        var candidates: [String] = []
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
            if dir.lastPathComponent.hasSuffix(".xctest") { dir.deleteLastPathComponent() }
            candidates.append(dir.appendingPathComponent("careplan").path)
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(URL(fileURLWithPath: bundle.bundlePath).deletingLastPathComponent().appendingPathComponent("careplan").path)
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/careplan").path)
        if let found = candidates.first(where: { fm.isExecutableFile(atPath: $0) }) { return found }
        throw PtyError(description: "careplan not built; looked at \(candidates). Run `swift build --product careplan`.")
    }

    /// A fresh temporary folder; with `examples`, a copy of the package's examples/ in it.
    static func temporaryFolder(_ label: String, examples: Bool = false) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        if examples {
            try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("examples"),
                                             to: dir.appendingPathComponent("examples"))
        }
        return dir
    }
}
