import CEditLine
import Foundation

/// The result of asking a ``LineEditor/completer`` for completions.
public struct Completion: Equatable, Sendable {
    /// How many Characters immediately before the cursor are replaced by a candidate
    /// (usually the length of the partial word being completed).
    public var replaceLength: Int
    /// The full replacement texts for those `replaceLength` Characters.
    /// One candidate: it is inserted, followed by a space unless it ends in "/" or
    /// `appendsSpace` is false.
    /// Several: their longest common prefix is inserted and all of them are listed below the line.
    /// None: the terminal beeps.
    public var candidates: [String]
    /// Whether a single completed candidate is followed by a space (not before a `,`, `;`
    /// or `)` already typed after the cursor).
    public var appendsSpace: Bool

    /// Creates a completion result.
    /// - Parameters:
    ///   - replaceLength: Characters before the cursor to replace.
    ///   - candidates: replacement texts for those Characters.
    ///   - appendsSpace: whether one completed candidate gets a space after it.
    public init(replaceLength: Int, candidates: [String], appendsSpace: Bool = true) {
        self.replaceLength = replaceLength
        self.candidates = candidates
        self.appendsSpace = appendsSpace
    }
}

/// A line editor for a REPL, built on libedit (emacs key bindings, persistent history,
/// Ctrl-R incremental history search, tab completion, multi-line statements).
///
/// When stdin or stdout is not a terminal, libedit is not used at all: lines are read plainly
/// from stdin, and no prompts, colours or history are written.
///
/// Not thread-safe; use one instance from one thread.
public final class LineEditor {
    /// What ``readStatement(prompt:continuationPrompt:isComplete:)`` read.
    public enum ReadResult: Equatable, Sendable {
        /// A complete statement; its lines are joined with "\n" (no trailing newline).
        /// An empty line gives `.input("")`.
        case input(String)
        /// Ctrl-C while editing, or Ctrl-D on an empty continuation line: the partial statement
        /// was discarded and a newline printed.
        case cancelled
        /// Ctrl-D on an empty first line, or end of input.
        case endOfFile
    }

    /// Called on TAB with the whole current line and the cursor offset in Characters;
    /// returns the candidates. `nil` (the default): TAB beeps.
    public var completer: ((_ line: String, _ cursor: Int) -> Completion)?
    /// The lines of the statement entered so far on earlier prompts (empty on the first
    /// line), for a completer that needs the whole statement (which block the cursor is in).
    public private(set) var pendingLines: [String] = []

    /// True when stdin and stdout are terminals and libedit is in use; false in plain mode.
    public var isInteractive: Bool { editLine != nil }

    private let historyPath: String?
    private var editLine: OpaquePointer?  // EditLine *
    private var history: OpaquePointer?  // HistoryW *
    private var promptBuffer: UnsafeMutablePointer<wchar_t>?
    private var cancelRequested = false
    private var plainInputEnded = false
    /// Without a terminal: how many input lines have been read so far, so a caller can name
    /// the line a statement starts on (`<stdin>:LINE:COL`).
    public private(set) var linesRead = 0
    /// Text to put on the next line as if typed (see ``prefill(_:)``).
    private var pendingPrefill: String?

    /// Puts `text` on the next line read, as if the user had typed it, ready to edit (a REPL's
    /// `:edit`). One line: newlines and tabs are sent as spaces, since they would be read as
    /// Return and completion. Ignored without a terminal.
    ///
    /// libedit clears its line buffer when `el_wgets` starts, so inserting into the buffer
    /// beforehand is lost; the text is pushed onto libedit's input queue instead (`el_wpush`),
    /// where it is read as keystrokes once the prompt is drawn.
    public func prefill(_ text: String) {
        guard editLine != nil else { return }
        pendingPrefill = String(text.map { $0 == "\n" || $0 == "\t" || $0 == "\r" ? " " : $0 })
    }

    /// Creates the editor.
    /// - Parameters:
    ///   - programName: passed to libedit (`el_init`); used for `~/.editrc` sections.
    ///   - historyPath: file to load at start and save after each entry (parent directories are
    ///     created); nil = no persistence. The file uses libedit's own format (`_HiStOrY_V2_`).
    ///   - historySize: maximum number of history entries kept.
    public init(programName: String, historyPath: String?, historySize: Int = 1000) {
        self.historyPath = historyPath
        _ = cel_setup_locale()
        guard cel_stdin_is_tty() != 0, cel_stdout_is_tty() != 0,
            let el = cel_init(programName)
        else { return }
        editLine = el

        if let h = history_winit() {
            history = h
            _ = cel_history_setsize(h, Int32(clamping: max(1, historySize)))
            _ = cel_history_setunique(h, 1)
            if let path = historyPath {
                let dir = (path as NSString).deletingLastPathComponent
                if !dir.isEmpty {
                    try? FileManager.default.createDirectory(
                        atPath: dir, withIntermediateDirectories: true)
                }
                _ = cel_history_load(h, path)  // -1 when the file does not exist yet
            }
            _ = cel_set_hist(el, h)
        }

        _ = cel_set_editor(el, "emacs")
        _ = cel_set_signal(el, 1)
        _ = cel_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        _ = cel_set_wprompt_esc(el, lineEditorPrompt, 1)

        // Ctrl-C: with ISIG off while editing, ^C arrives as a key; our function flags the
        // cancellation and ends el_wgets. ISIG stays on outside el_wgets (cooked mode), so a
        // long evaluation can still be interrupted by SIGINT.
        _ = cel_setty_edit(el, "-isig")
        _ = cel_addfn(el, "le-cancel", "Discard the statement being edited", lineEditorCancel)
        _ = cel_bind(el, "^C", "le-cancel")

        _ = cel_addfn(el, "le-complete", "Complete the word before the cursor", lineEditorComplete)
        _ = cel_bind(el, "^I", "le-complete")

        _ = cel_bind(el, "^R", "em-inc-search-prev")
    }

    deinit {
        if let el = editLine { el_end(el) }  // also restores the terminal
        if let h = history { history_wend(h) }
        promptBuffer?.deallocate()
    }

    /// Reads one statement: shows `prompt`, and keeps reading lines with `continuationPrompt`
    /// while `isComplete(textSoFar)` is false.
    ///
    /// Returns `.input(text)` (lines joined with "\n"), `.cancelled` (Ctrl-C, or Ctrl-D on an empty
    /// continuation line: discards the partial statement, prints a newline), `.endOfFile` (Ctrl-D
    /// on an empty first line).
    /// The whole multi-line statement is entered into history as ONE entry (blank statements are
    /// not) and the history file is saved after each entry.
    ///
    /// Prompts may contain ANSI escape sequences (colours); they are marked as non-printing for
    /// libedit automatically. If a prompt already contains "\u{1}" it is passed through as is,
    /// "\u{1}" delimiting the non-printing parts.
    ///
    /// Without a terminal, lines are read plainly with no prompt; at end of input an incomplete
    /// statement is returned as `.input` (so the caller can report it), then `.endOfFile`.
    public func readStatement(
        prompt: String, continuationPrompt: String, isComplete: (String) -> Bool
    ) -> ReadResult {
        guard let el = editLine else { return readPlainStatement(isComplete: isComplete) }
        var lines: [String] = []
        pendingLines = []
        defer { pendingLines = [] }
        var currentPrompt = prompt
        while true {
            setPrompt(currentPrompt)
            cancelRequested = false
            cel_flush_stdout()
            // Raw mode before the prompt is drawn: otherwise keys typed in that window are
            // echoed raw and a ^D can be lost.
            _ = cel_prep_term(el, 1)
            if let text = pendingPrefill {
                pendingPrefill = nil
                let wide = Self.wide(text)
                wide.withUnsafeBufferPointer { el_wpush(el, $0.baseAddress) }
            }
            var count: Int32 = 0
            let buffer = el_wgets(el, &count)
            let savedErrno = errno
            if cancelRequested {
                cancelRequested = false
                cel_write_stdout("\n")
                return .cancelled
            }
            guard let buffer, count > 0 else {
                cel_write_stdout("\n")
                // Ctrl-D on a continuation line drops the statement, like Ctrl-C: leaving the
                // program with half a statement typed loses it without a word.
                return (count < 0 && savedErrno == EINTR) || !lines.isEmpty ? .cancelled : .endOfFile
            }
            var line = Self.string(fromWide: buffer, count: Int(count))
            if line.hasSuffix("\n") { line.removeLast() }
            lines.append(line)
            let text = lines.joined(separator: "\n")
            if isComplete(text) {
                addToHistory(text)
                return .input(text)
            }
            pendingLines = lines
            currentPrompt = continuationPrompt
        }
    }

    // MARK: - Plain (non-terminal) input

    private func readPlainStatement(isComplete: (String) -> Bool) -> ReadResult {
        if plainInputEnded { return .endOfFile }
        var lines: [String] = []
        while let line = readLine(strippingNewline: true) {
            linesRead += 1
            lines.append(line)
            let text = lines.joined(separator: "\n")
            if isComplete(text) { return .input(text) }
        }
        plainInputEnded = true
        return lines.isEmpty ? .endOfFile : .input(lines.joined(separator: "\n"))
    }

    // MARK: - History

    private func addToHistory(_ text: String) {
        guard let h = history,
            !text.allSatisfy({ $0.isWhitespace })
        else { return }
        let wide = Self.wide(text)
        _ = wide.withUnsafeBufferPointer { cel_history_enter(h, $0.baseAddress) }
        if let path = historyPath { _ = cel_history_save(h, path) }
    }

    // MARK: - Prompt

    private func setPrompt(_ prompt: String) {
        let wide = Self.wide(Self.markingEscapes(in: prompt))
        promptBuffer?.deallocate()
        let buffer = UnsafeMutablePointer<wchar_t>.allocate(capacity: wide.count)
        buffer.initialize(from: wide, count: wide.count)
        promptBuffer = buffer
    }

    fileprivate func currentPrompt() -> UnsafeMutablePointer<wchar_t> {
        promptBuffer ?? cel_empty_wprompt()
    }

    /// Brackets ANSI escape sequences with "\u{1}" so libedit does not count them as visible.
    static func markingEscapes(in prompt: String) -> String {
        if prompt.unicodeScalars.contains("\u{1}") { return prompt }
        var out = String.UnicodeScalarView()
        let scalars = Array(prompt.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            guard s == "\u{1B}" else {
                out.append(s)
                i += 1
                continue
            }
            out.append("\u{1}")
            out.append(s)
            i += 1
            if i < scalars.count, scalars[i] == "[" {  // CSI: parameters, then a final byte
                out.append(scalars[i])
                i += 1
                while i < scalars.count {
                    let c = scalars[i]
                    out.append(c)
                    i += 1
                    if (0x40...0x7E).contains(c.value) { break }
                }
            } else if i < scalars.count, scalars[i] == "]" {  // OSC: up to BEL or ESC \
                while i < scalars.count {
                    let c = scalars[i]
                    out.append(c)
                    i += 1
                    if c == "\u{7}" { break }
                    if c == "\u{1B}", i < scalars.count, scalars[i] == "\\" {
                        out.append(scalars[i])
                        i += 1
                        break
                    }
                }
            } else if i < scalars.count {  // two-character escape
                out.append(scalars[i])
                i += 1
            }
            out.append("\u{1}")
        }
        return String(out)
    }

    // MARK: - Key functions

    fileprivate func cancel() -> UInt8 {
        cancelRequested = true
        return UInt8(CC_NEWLINE)
    }

    fileprivate func complete(_ el: OpaquePointer) -> UInt8 {
        guard let completer, let info = el_wline(el) else { return UInt8(CC_REFRESH_BEEP) }
        let start = info.pointee.buffer!
        let before = Self.string(fromWide: start, count: info.pointee.cursor - start)
        let after = Self.string(
            fromWide: info.pointee.cursor, count: info.pointee.lastchar - info.pointee.cursor)
        let result = completer(before + after, before.count)

        var seen = Set<String>()
        let candidates = result.candidates.filter { seen.insert($0).inserted }
        guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        let replaceLength = min(max(result.replaceLength, 0), before.count)
        let word = String(before.suffix(replaceLength))

        if candidates.count == 1 {
            let candidate = candidates[0]
            replace(word, with: candidate.hasSuffix("/") || !result.appendsSpace ? candidate : candidate + " ", in: el)
            return UInt8(CC_REFRESH)
        }
        let common = Self.longestCommonPrefix(candidates)
        if common.count >= word.count, common != word {
            replace(word, with: common, in: el)
        }
        cel_write_stdout("\n" + Self.columns(candidates, width: Int(cel_terminal_width())))
        return UInt8(CC_REDISPLAY)
    }

    private func replace(_ word: String, with text: String, in el: OpaquePointer) {
        let scalarCount = word.unicodeScalars.count
        if scalarCount > 0 { el_deletestr(el, Int32(scalarCount)) }
        let wide = Self.wide(text)
        _ = wide.withUnsafeBufferPointer { el_winsertstr(el, $0.baseAddress) }
    }

    static func longestCommonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for s in strings.dropFirst() {
            let chars = Array(s)
            var n = 0
            while n < prefix.count, n < chars.count, prefix[n] == chars[n] { n += 1 }
            prefix.removeSubrange(n...)
        }
        return String(prefix)
    }

    /// Lays out `items` in columns, row by row, each row ending in "\n".
    static func columns(_ items: [String], width: Int) -> String {
        let columnWidth = (items.map(\.count).max() ?? 0) + 2
        let perRow = max(1, width / columnWidth)
        let rows = (items.count + perRow - 1) / perRow
        var out = ""
        for row in 0..<rows {
            var line = ""
            for col in 0..<perRow {
                let index = col * rows + row
                guard index < items.count else { continue }
                let item = items[index]
                line += item
                let isLast = (col + 1) * rows + row >= items.count
                if !isLast { line += String(repeating: " ", count: columnWidth - item.count) }
            }
            out += line + "\n"
        }
        return out
    }

    // MARK: - Wide strings (wchar_t is UTF-32 on Linux)

    static func wide(_ s: String) -> [wchar_t] {
        s.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
    }

    static func string(fromWide p: UnsafePointer<wchar_t>, count: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for i in 0..<max(0, count) {
            if let s = Unicode.Scalar(UInt32(bitPattern: p[i])) { scalars.append(s) }
        }
        return String(scalars)
    }
}

// MARK: - C callbacks (non-capturing, found through EL_CLIENTDATA)

private func editor(_ el: OpaquePointer?) -> LineEditor? {
    guard let el, let raw = cel_get_clientdata(el) else { return nil }
    return Unmanaged<LineEditor>.fromOpaque(raw).takeUnretainedValue()
}

private func lineEditorPrompt(_ el: OpaquePointer?) -> UnsafeMutablePointer<wchar_t>? {
    editor(el)?.currentPrompt() ?? cel_empty_wprompt()
}

private func lineEditorCancel(_ el: OpaquePointer?, _ key: Int32) -> UInt8 {
    editor(el)?.cancel() ?? UInt8(CC_ERROR)
}

private func lineEditorComplete(_ el: OpaquePointer?, _ key: Int32) -> UInt8 {
    guard let el, let ed = editor(el) else { return UInt8(CC_ERROR) }
    return ed.complete(el)
}
