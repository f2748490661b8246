// The careplan extension: the language (highlighting from the TextMate grammar) and a
// language client that starts `careplan lsp` over stdio for every .careplan file.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("careplan");
  const command = config.get("server.path") || "careplan";
  const today = config.get("server.today");
  const args = ["lsp"].concat(today ? ["--today", today] : []);
  const serverOptions = {
    run: { command, args, transport: TransportKind.stdio },
    debug: { command, args, transport: TransportKind.stdio },
  };
  const clientOptions = {
    documentSelector: [{ scheme: "file", language: "careplan" }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.careplan") },
  };
  client = new LanguageClient("careplan", "careplan", serverOptions, clientOptions);
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
