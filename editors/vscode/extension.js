// A minimal VS Code client for `draftlint lsp`: starts the server over stdio for plain-text
// (.txt) documents; the server sends diagnostics and quick fixes, and watches draftlint.toml,
// .draftlint.toml and pyproject.toml itself (dynamic registration).
"use strict";
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("draftlint");
  const [command, ...args] = config.get("command", ["draftlint", "lsp"]);
  const serverOptions = { command, args };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "plaintext" },
      { scheme: "untitled", language: "plaintext" },
    ],
    initializationOptions: { lang: config.get("lang"), docsUrl: config.get("docsUrl") },
  };
  client = new LanguageClient("draftlint", "draftlint", serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
