import Foundation
import CarePlanBasics
import CarePlanInterpret

/// A caseload read from files and folders: every `.careplan` file is checked, and each plan is
/// taken once, from the file that gives it the most records (a log file that imports a plan
/// and adds its progress sees more of it than the plan file alone).
public struct CaseloadFolder: Sendable {
    public var items: [CaseloadItem]
    /// How many distinct plans were read.
    public var plans: Int
    /// Paths that do not exist.
    public var missing: [String]
    /// Ctrl-C stopped the reading: `items` is empty, since a caseload read in part would
    /// leave out what is due in the files not read.
    public var interrupted = false

    /// The `.careplan` files under each path (a file is taken as it is), sorted per folder.
    public static func files(_ paths: [String]) -> (files: [String], missing: [String]) {
        let (found, missing) = PlanFiles.find(paths)
        return (found.map(\.path), missing)
    }

    /// Reads and checks every file under `paths`, then lists what is due. File names are shown
    /// as found, or relative to `shownRelativeTo` (a folder) when they are inside it.
    /// `takeInterrupt`: where a Ctrl-C is taken from (`ScriptHost.takeInterrupt`; nil: the
    /// process-wide flag); one stops the whole read (`interrupted`).
    public static func read(_ paths: [String], options: Caseload.Options, shownRelativeTo root: String? = nil,
                            takeInterrupt: (@Sendable () -> Bool)? = nil) -> CaseloadFolder {
        @Sendable func shown(_ path: String) -> String {
            guard let root else { return path }
            let prefix = root.hasSuffix("/") ? root : root + "/"
            return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        }
        let (files, missing) = files(paths)
        // The files of a caseload import the same template libraries: each is read, parsed
        // and run once, and recognised unchanged on disk without reading it again.
        let libraries = LibraryCache(recognisesFilesOnDisk: true)
        // Ctrl-C is taken by the one check running a statement when it comes; the files not
        // started yet are then skipped.
        let stopped = StopFlag()
        // The files are checked on every core, and each plan's items are listed right there,
        // from the timeline the check computed, while the check's state keeps the files its
        // spans point into alive. Which file each plan is taken from is decided after, in
        // file order, as when the files were read one by one.
        let outcomes = Workers.map(files.count) { i -> FileOutcome in
            let path = files[i]
            if stopped.isSet { return FileOutcome(interrupted: true) }
            guard let bytes = ScriptHost.readFromDisk(path) else { return FileOutcome() }
            let source = SourceFile(name: path, bytes: bytes)
            let compiled = Compilation.check(source, today: options.today, libraries: libraries, keepTimelines: true,
                                             takeInterrupt: takeInterrupt)
            // The interruption is not an error in the file: it must not list the file's plans
            // as having errors (it did, as "plan errors").
            if compiled.diagnostics.contains(where: { $0.code == .interrupted }) {
                stopped.set()
                return FileOutcome(interrupted: true)
            }
            // An error about the care given (visits on an uncertified plan) is a caseload item
            // of the plan, with its client; only errors in the file itself hide its plans.
            let errors = compiled.diagnostics.filter { $0.severity == .error && !Caseload.careErrors.contains($0.code) }
            if !errors.isEmpty {
                let line = errors.first?.primarySpan.map { $0.file.location(of: $0.start).line } ?? 1
                return FileOutcome(errorItem: Caseload.errorItem(file: shown(path), errors: errors.count, line: line, today: options.today))
            }
            return withExtendedLifetime(compiled) {
                FileOutcome(plans: zip(compiled.plans, compiled.timelines).map { plan, timeline in
                    PlanOutcome(key: plan.id.span.file.name + "\u{0}" + plan.id.value,
                                weight: plan.progress.count + plan.closures.count,
                                items: Caseload.items(for: plan, timeline: timeline, file: shown(plan.id.span.file.name), options: options))
                })
            }
        }
        var best: [String: PlanOutcome] = [:]
        var order: [String] = []
        var items: [CaseloadItem] = []
        if outcomes.contains(where: \.interrupted) {
            return CaseloadFolder(items: [], plans: 0, missing: missing, interrupted: true)
        }
        for outcome in outcomes {
            if let e = outcome.errorItem { items.append(e); continue }
            for plan in outcome.plans {
                if let seen = best[plan.key] {
                    if plan.weight > seen.weight { best[plan.key] = plan }
                } else {
                    best[plan.key] = plan
                    order.append(plan.key)
                }
            }
        }
        for key in order { items += best[key]!.items }
        return CaseloadFolder(items: Caseload.sorted(items), plans: order.count, missing: missing)
    }

    /// What one file gave: an item saying it has errors, or its plans' items.
    struct FileOutcome: Sendable {
        var errorItem: CaseloadItem? = nil
        var plans: [PlanOutcome] = []
        /// Ctrl-C stopped its check, or it was skipped after one.
        var interrupted = false
    }

    /// Set once by the worker whose check Ctrl-C stopped; read by the others.
    final class StopFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
        func set() { lock.lock(); value = true; lock.unlock() }
    }

    /// One plan's items, and how many records it has in this file (its weight).
    struct PlanOutcome: Sendable {
        var key: String
        var weight: Int
        var items: [CaseloadItem]
    }
}
