// The editor's real message mix (issue 17): VS Code is never quiet while a person types. Recorded
// once from code-server with the packaged extension (bench/record-editor-session.mjs writes
// bench/editor-session.json; bench/editor-session.md sums it up): with each keystroke comes the
// incremental didChange; the lightbulb asks for code actions at the cursor (`textDocument/codeAction`
// without `only`, trigger kind Automatic, the diagnostics under the cursor), the outline and
// breadcrumbs ask for `textDocument/documentSymbol`, a space (a trigger character) asks for
// completion, and when new diagnostics arrive the extension's status bar asks for `runbooks/dodReport`
// and the lightbulb asks again. VS Code debounces and cancels some of these (per keystroke it sent
// ~0.4 code action, ~0.3 symbol and ~0.5 DoD requests); the replay sends every one of them after
// every key, so it asks for at least as much as the editor does. Saving with
// `editor.codeActionsOnSave: {"source.fixAll": "explicit"}` asks for `source.fixAll` (trigger kind
// Automatic) and resolves the action before applying it.
//
// Replayed against a spawned dist/server.js --stdio with VS Code's client capabilities for these
// features. Measured per keystroke: didChange → publishDiagnostics of that version ("keystroke");
// per cursor request (code actions, symbols, completion): request → response ("cursor"); and the
// DoD report asked after each publish ("dod").
import { startLsp, type LspSession } from '../../test/helpers/lsp-client.js';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { proseLine, tempWorkspace } from './lsp.js';

/** What a person types in the middle of the runbook (the spaces trigger completion, as in VS Code). */
export const SENTENCE = ' Then check the events of the pod again and note what changed.';

/** The client capabilities VS Code (1.9x, vscode-languageclient 9+) declares for the features replayed here. */
export const VSCODE_CAPABILITIES = {
  workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  textDocument: {
    synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: false, codeDescriptionSupport: true, dataSupport: true },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      disabledSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ['edit'] },
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.organizeImports', 'source.fixAll'] } },
      honorsChangeAnnotations: true,
    },
    completion: { completionItem: { snippetSupport: true, insertReplaceSupport: true }, contextSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

export interface EditorSamples {
  /** didChange → diagnostics of that version, one per keystroke. */
  keystroke: number[];
  /** Every request the editor makes at the cursor while typing and moving (code actions, symbols, completion). */
  cursor: number[];
  /** Per method, the same samples as `cursor`. */
  byMethod: Record<string, number[]>;
  /** The status bar's DoD report, asked after each publish. */
  dod: number[];
  /** Save with source.fixAll: the code action request plus its resolve. */
  save: number[];
}

async function timed<T>(samples: number[], p: Promise<T>): Promise<T> {
  const t = performance.now();
  const r = await p;
  samples.push(performance.now() - t);
  return r;
}

/**
 * Opens `text`, types SENTENCE one character at a time with the editor's requests after each key, moves
 * the cursor down a few lines, then saves with fix-all. `warmup` keystrokes are not counted.
 */
export async function editorSession(text: string, opts: { warmup: number; pauseMs?: number; moves?: number }): Promise<EditorSamples> {
  const ws = tempWorkspace();
  const s = await startLsp({ rootUri: ws.uri, capabilities: VSCODE_CAPABILITIES });
  const out: EditorSamples = { keystroke: [], cursor: [], byMethod: {}, dod: [], save: [] };
  try {
    const uri = ws.docUri('infra/runbooks/platform/bench-editor.md');
    let version = 1;
    s.open(uri, text, version);
    let diags = await published(s, uri, version, 300_000);
    const lines = text.split('\n');
    let line = proseLine(text);
    let character = lines[line]!.length;
    const at = () => ({ start: { line, character }, end: { line, character } });
    const under = () => diags.filter((d) => d.range.start.line <= line && d.range.end.line >= line);
    const cursor = (method: string, params: unknown, count: boolean) => {
      const samples = count ? (out.byMethod[method] ??= []) : [];
      return timed(samples, s.conn.sendRequest(method, params)).then((r) => {
        if (count) out.cursor.push(samples[samples.length - 1]!);
        return r;
      });
    };
    const lightbulb = (count: boolean) => cursor('textDocument/codeAction', { textDocument: { uri }, range: at(), context: { diagnostics: under(), triggerKind: 2 } }, count);
    for (const [k, ch] of [...SENTENCE].entries()) {
      const count = k >= opts.warmup;
      version++;
      // An editor keeps only the latest diagnostics per document (see lsp.ts keystroke()).
      s.published.length = 0;
      const t = performance.now();
      const done = published(s, uri, version);
      s.change(uri, version, [{ range: at(), text: ch }]);
      character++;
      const asked: Promise<unknown>[] = [lightbulb(count), cursor('textDocument/documentSymbol', { textDocument: { uri } }, count)];
      if (ch === ' ') asked.push(cursor('textDocument/completion', { textDocument: { uri }, position: at().start, context: { triggerKind: 2, triggerCharacter: ' ' } }, count));
      diags = await done;
      if (count) out.keystroke.push(performance.now() - t);
      // The markers changed: the lightbulb asks again, and the status bar asks for the DoD report.
      asked.push(lightbulb(count), timed(count ? out.dod : [], s.conn.sendRequest('runbooks/dodReport', { uri })));
      await Promise.all(asked);
      await new Promise((r) => setTimeout(r, opts.pauseMs ?? 40)); // a typing pause
    }
    for (let m = 0; m < (opts.moves ?? 5); m++) {
      line = Math.min(lines.length - 1, line + 1);
      character = 0;
      await lightbulb(true);
    }
    // Save with codeActionsOnSave source.fixAll: the action, then its resolve, then didSave.
    const t = performance.now();
    const actions = (await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: at(), context: { diagnostics: [], only: ['source.fixAll'], triggerKind: 2 } })) as { edit?: unknown }[];
    for (const a of actions) if (!a.edit) await s.conn.sendRequest('codeAction/resolve', a);
    out.save.push(performance.now() - t);
    void s.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
    return out;
  } finally {
    await s.close();
    ws.dispose();
  }
}

/** didOpen → first diagnostics of a fresh server (the first runbook a person opens), `n` times. */
export async function firstOpen(text: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const ws = tempWorkspace();
    const s = await startLsp({ rootUri: ws.uri, capabilities: VSCODE_CAPABILITIES });
    try {
      const uri = ws.docUri('infra/runbooks/platform/bench-open.md');
      const t = performance.now();
      s.open(uri, text, 1);
      await published(s, uri, 1, 300_000);
      out.push(performance.now() - t);
    } finally {
      await s.close();
      ws.dispose();
    }
  }
  return out;
}

/** The diagnostics published for `version` of `uri` (publishDiagnostics carries the version). */
function published(s: LspSession, uri: string, version: number, timeoutMs = 60_000): Promise<Diagnostic[]> {
  return s.diagnostics(uri, (_d, p) => p.version === version, timeoutMs);
}
