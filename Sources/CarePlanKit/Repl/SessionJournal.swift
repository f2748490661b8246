import Foundation
import CarePlanBasics

/// An append-only record of a REPL session, written as each statement is accepted, so that a
/// crash or a killed terminal loses nothing. `careplan --recover` replays it.
///
/// Format: a header line, then records. Each record starts with a line `#| KIND` (statement,
/// load PATH, undo, reset, reload, edit N); a statement's lines follow verbatim up to the next `#| ` line,
/// except that a line of the statement that itself starts with `#|` (a comment) is written with
/// a second `#|` in front, so it cannot be taken for a record. A clean exit appends `#| closed`;
/// leaving with unsaved changes appends `#| left` instead, so that the next start offers the
/// session back (`:quit!`, which discards it explicitly, closes it).
public final class SessionJournal: @unchecked Sendable {
    public static let header = "#| careplan journal 1"
    public let path: String
    private var handle: FileHandle?

    public enum Record: Equatable, Sendable {
        case statement(String)
        case load(String)
        case undo
        case reset
        /// `:reload` (accepted): recovery reads the files afresh anyway; it is kept so that an
        /// `undo` after it takes the reload back, not the entry before it.
        case reload
        /// `:edit`: entry `index` (counted from 0 in the session's entries) was replaced by `text`.
        case edit(index: Int, text: String)
    }

    public init(path: String) {
        self.path = path
    }

    /// Starts a new journal (the previous one, if any, is replaced).
    public func start() throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(Self.opening.utf8).write(to: url)
        // Like the history, readable by its owner only: it holds client names and notes.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        handle = try FileHandle(forWritingTo: url)
        handle?.seekToEndOfFile()
    }

    /// A journal's first lines: the header, and this process's id, which lets a second REPL see
    /// that the journal belongs to a live session (`start` and `restart` both begin with it).
    static var opening: String { header + "\n#| pid \(getpid())\n" }

    /// Appends a record and flushes it to disk before returning.
    public func append(_ record: Record) {
        guard let handle else { return }
        // Best effort: a full disk must not take the session down with it.
        try? handle.write(contentsOf: Data(Self.text(record).utf8))
        try? handle.synchronize()
    }

    /// A record as journal lines.
    static func text(_ record: Record) -> String {
        func body(_ s: String) -> String {
            let lines = s.hasSuffix("\n") ? String(s.dropLast()) : s
            return lines.components(separatedBy: "\n").map { $0.hasPrefix("#|") ? "#|" + $0 : $0 }.joined(separator: "\n") + "\n"
        }
        switch record {
        case .statement(let s): return "#| statement\n" + body(s)
        case .edit(let index, let s): return "#| edit \(index)\n" + body(s)
        case .load(let p): return "#| load \(p)\n"
        case .undo: return "#| undo\n"
        case .reset: return "#| reset\n"
        case .reload: return "#| reload\n"
        }
    }

    /// Starts the journal with `records` in it, replacing the old one (the session now holds just
    /// those: a `:save!` back into the loaded file, a recovered session). The
    /// new journal is written beside the old one, flushed, and renamed over it: a crash at any
    /// moment leaves one of the two whole, never a journal with part of the session.
    /// Returns false (and leaves the old journal) when it cannot be written.
    @discardableResult
    public func restart(with records: [Record]) -> Bool {
        try? FileManager.default.createDirectory(atPath: Paths.directory(of: path), withIntermediateDirectories: true)
        let temporary = path + ".new"
        let text = Self.opening + records.map(Self.text).joined()
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]),
              let fresh = FileHandle(forWritingAtPath: temporary) else {
            try? FileManager.default.removeItem(atPath: temporary)
            return false
        }
        try? fresh.synchronize()
        guard rename(temporary, path) == 0 else {
            try? fresh.close()
            try? FileManager.default.removeItem(atPath: temporary)
            return false
        }
        try? handle?.close()
        fresh.seekToEndOfFile()
        handle = fresh
        return true
    }

    /// Marks a clean exit: nothing to recover next time.
    public func close() {
        guard let handle else { return }
        try? handle.write(contentsOf: Data("#| closed\n".utf8))
        try? handle.close()
        self.handle = nil
    }

    /// Ends the session with unsaved changes: the journal stays recoverable (`#| left`), so a
    /// quit by mistake, or out of habit, loses nothing.
    public func leave() {
        guard let handle else { return }
        try? handle.write(contentsOf: Data("#| left\n".utf8))
        try? handle.synchronize()
        try? handle.close()
        self.handle = nil
    }

    /// True when the journal belongs to another careplan process that is still running
    /// (its session is not lost, so it must be neither recovered nor overwritten).
    public static func isHeldByLiveProcess(path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else { return false }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map(String.init) == header, !lines.contains("#| closed"),
              let pidLine = lines.dropFirst().first, pidLine.hasPrefix("#| pid "),
              let pid = Int32(pidLine.dropFirst(7)), pid != getpid() else { return false }
        // kill(pid, 0) checks for existence without sending anything; EPERM also means alive.
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        // A process that has exited but not yet been reaped (a zombie: its terminal was closed
        // and its parent has not waited yet) holds nothing any more.
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
           let close = stat.lastIndex(of: ")"), stat[close...].dropFirst(2).first == "Z" {
            return false
        }
        return true
    }

    /// The paths of the journals among `paths` that are unfinished (neither closed nor empty)
    /// and not held by a live process: sessions a start may offer back.
    public static func unfinished(_ paths: [String]) -> [String] {
        paths.filter { path in
            guard !isHeldByLiveProcess(path: path), let j = read(path: path) else { return false }
            return !j.closed && !j.records.isEmpty
        }
    }

    /// How many entries the session held after `records` (undo and reset taken into account).
    public static func entryCount(_ records: [Record]) -> Int {
        var count = 0
        var before: [Int] = []
        for r in records {
            switch r {
            case .statement, .load: before.append(count); count += 1
            case .reset: before.append(count); count = 0
            case .edit, .reload: before.append(count)
            case .undo: count = before.popLast() ?? count
            }
        }
        return count
    }

    /// The session's first entry in a few words (its first line of code, or `:load FILE`), to
    /// tell two unfinished sessions apart when both are offered back.
    public static func firstLine(_ records: [Record]) -> String? {
        for record in records {
            switch record {
            case .load(let path): return ":load " + Paths.fileName(of: path)
            case .statement(let text):
                guard let line = text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) })
                    .first(where: { !$0.isEmpty && !$0.hasPrefix("#") }) else { continue }
                return line.count > 40 ? String(line.prefix(39)) + "…" : line
            default: continue
            }
        }
        return nil
    }

    /// The positions of the records that a later `undo` took back, with those undos (and any
    /// undo that had nothing to take back): leaving both out of a replay gives the same session.
    public static func undonePairs(_ records: [Record]) -> Set<Int> {
        var open: [Int] = []
        var out = Set<Int>()
        for (k, record) in records.enumerated() {
            if case .undo = record {
                out.insert(k)
                if let taken = open.popLast() { out.insert(taken) }
            } else {
                open.append(k)
            }
        }
        return out
    }

    /// A record in a few words, for the progress of a replay.
    public static func describe(_ record: Record) -> String {
        switch record {
        case .load(let path): return ":load " + Paths.fileName(of: path)
        case .statement, .edit: return firstLine([record]) ?? "a statement"
        case .undo: return ":undo"
        case .reset: return ":reset"
        case .reload: return ":reload"
        }
    }

    /// Keeps records that could not be replayed in a careplan file beside the journal
    /// (`JOURNAL-unreplayed.careplan`, appended to, never replaced), so that a recovery never
    /// drops what was typed. Returns the file's path, or nil when it cannot be written.
    public static func keepUnreplayed(_ records: [Record], journal: String, today: String) -> String? {
        guard !records.isEmpty else { return nil }
        let path = journal + "-unreplayed.careplan"
        var text = "# Entries of an earlier careplan session that could not be replayed when it was recovered on \(today)\n"
            + "# (from \(journal)). Fix what they need, such as a loaded file, then type, paste or :load them again.\n"
        for record in records {
            switch record {
            case .statement(let s): text += s.hasSuffix("\n") ? s : s + "\n"
            case .edit(let index, let s): text += "# :edit of entry \(index + 1):\n" + (s.hasSuffix("\n") ? s : s + "\n")
            case .load(let p): text += "# :load \(p)\n"
            case .undo, .reset, .reload: continue
            }
        }
        let fm = FileManager.default
        try? fm.createDirectory(atPath: Paths.directory(of: path), withIntermediateDirectories: true)
        if !fm.fileExists(atPath: path) {
            guard fm.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else { return nil }
        } else {
            text = "\n" + text
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return nil }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            try handle.synchronize()
        } catch { return nil }
        return path
    }

    /// Reads a journal: its records, whether the session ended cleanly, and whether it was
    /// left on purpose with unsaved changes (`left`; then `closed` is false).
    public static func read(path: String) -> (records: [Record], closed: Bool, left: Bool)? {
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else { return nil }
        var lines = text.components(separatedBy: "\n")
        guard lines.first == header else { return nil }
        lines.removeFirst()
        if lines.last == "" { lines.removeLast() }
        var records: [Record] = []
        var closed = false, left = false
        var current: [String]? = nil
        var editing: Int? = nil
        func flush() {
            if let c = current {
                let text = c.joined(separator: "\n")
                records.append(editing.map { .edit(index: $0, text: text) } ?? .statement(text))
            }
            current = nil
            editing = nil
        }
        for line in lines {
            if line.hasPrefix("#|#|") {
                current?.append(String(line.dropFirst(2)))
            } else if line.hasPrefix("#| ") {
                flush()
                let kind = String(line.dropFirst(3))
                if kind == "statement" { current = [] }
                else if kind.hasPrefix("edit "), let index = Int(kind.dropFirst(5)) { current = []; editing = index }
                else if kind == "left" { left = true }
                else if kind.hasPrefix("load ") { records.append(.load(String(kind.dropFirst(5)))) }
                else if kind == "undo" { records.append(.undo) }
                else if kind == "reset" { records.append(.reset) }
                else if kind == "reload" { records.append(.reload) }
                else if kind == "closed" { closed = true }
            } else {
                current?.append(line)
            }
        }
        flush()
        return (records, closed, left)
    }
}
