import Foundation

/// A caseload read from files and folders: every `.careplan` file is checked, and each plan is
/// taken once, from the file that gives it the most records (a log file that imports a plan
/// and adds its progress sees more of it than the plan file alone).
public struct CaseloadFolder: Sendable {
    public var items: [CaseloadItem]
    /// How many distinct plans were read.
    public var plans: Int
    /// Paths that do not exist.
    public var missing: [String]

    /// The `.careplan` files under each path (a file is taken as it is), sorted per folder.
    public static func files(_ paths: [String]) -> (files: [String], missing: [String]) {
        let (found, missing) = PlanFiles.find(paths)
        return (found.map(\.path), missing)
    }

    /// Reads and checks every file under `paths`, then lists what is due. File names are shown
    /// as found, or relative to `shownRelativeTo` (a folder) when they are inside it.
    public static func read(_ paths: [String], options: Caseload.Options, shownRelativeTo root: String? = nil) -> CaseloadFolder {
        func shown(_ path: String) -> String {
            guard let root else { return path }
            let prefix = root.hasSuffix("/") ? root : root + "/"
            return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        }
        let (files, missing) = files(paths)
        let cache = ParseCache()
        // The source files stay alive while items are built: spans name their file through a
        // registry that does not keep files alive on its own.
        var best: [String: (plan: Plan, weight: Int, sources: Compilation, file: SourceFile)] = [:]
        var order: [String] = []
        var items: [CaseloadItem] = []
        for path in files {
            guard let bytes = Host.readFromDisk(path) else { continue }
            let source = SourceFile(name: path, bytes: bytes)
            let compiled = Compilation.check(source, today: options.today, parseCache: cache)
            let errors = compiled.diagnostics.filter { $0.severity == .error }
            if !errors.isEmpty {
                let line = errors.first?.primarySpan.map { $0.file.location(of: $0.start).line } ?? 1
                items.append(Caseload.errorItem(file: shown(path), errors: errors.count, line: line, today: options.today))
                continue
            }
            for plan in compiled.plans {
                let key = plan.id.span.file.name + "\u{0}" + plan.id.value
                let weight = plan.progress.count + plan.closures.count
                if let seen = best[key] {
                    if weight > seen.weight { best[key] = (plan, weight, compiled, source) }
                } else {
                    best[key] = (plan, weight, compiled, source)
                    order.append(key)
                }
            }
        }
        for key in order {
            let entry = best[key]!
            items += withExtendedLifetime(entry.file) {
                Caseload.items(for: entry.plan, file: shown(entry.plan.id.span.file.name), options: options)
            }
        }
        return CaseloadFolder(items: Caseload.sorted(items), plans: order.count, missing: missing)
    }
}
