// A tiny REPL exercising LineEditor end to end (used by Tests/CLITests/LineEditorPtyTests.swift).
// Echoes each statement as "got: <text>"; a statement is complete when { and } balance;
// TAB completes from a fixed word list; CAREPLAN_HISTORY names the history file.
import Foundation
import LineEditor

let words = ["meals", "medication", "mobility", ":help", ":quit"]

func isBalanced(_ text: String) -> Bool {
    var depth = 0
    for c in text {
        if c == "{" { depth += 1 } else if c == "}" { depth -= 1 }
    }
    return depth <= 0
}

let editor = LineEditor(
    programName: "LineEditorDemo",
    historyPath: ProcessInfo.processInfo.environment["CAREPLAN_HISTORY"])

editor.completer = { line, cursor in
    let before = Array(line.prefix(cursor))
    var start = before.count
    while start > 0, !before[start - 1].isWhitespace { start -= 1 }
    let word = String(before[start...])
    return Completion(
        replaceLength: before.count - start,
        candidates: words.filter { $0.hasPrefix(word) })
}

loop: while true {
    switch editor.readStatement(
        prompt: "\u{1B}[1;32mdemo>\u{1B}[0m ", continuationPrompt: "...> ", isComplete: isBalanced)
    {
    case .input(let text):
        if text.trimmingCharacters(in: .whitespaces) == ":quit" { break loop }
        if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
        print("got: \(text)")
    case .cancelled:
        continue
    case .endOfFile:
        break loop
    }
}
