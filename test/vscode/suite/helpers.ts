// Shared by the extension-host suites: the fixture workspace, what the launcher found out about
// the build (RUNBOOK_TEST_FEATURES) and what runbook-lint reports (RUNBOOK_TEST_EXPECTED), and
// waits on real editor events instead of sleeps.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'runbook-authoring.runbook-authoring';
export const FILES = {
  defects: 'infra/runbooks/platform/node-disk-pressure.md',
  clean: 'infra/runbooks/platform/pod-crashloopbackoff.md',
  secret: 'infra/runbooks/security/rotate-ci-token.md',
};

export interface Features {
  completion: boolean;
  codeActions: boolean;
  fixAllKind: boolean;
  commands: string[];
}
export const features: Features = JSON.parse(process.env.RUNBOOK_TEST_FEATURES ?? '{"completion":false,"codeActions":false,"fixAllKind":false,"commands":[]}');
/** rule id → count, per workspace-relative path, as runbook-lint reports it. */
export const expected: Record<string, Record<string, number>> = JSON.parse(process.env.RUNBOOK_TEST_EXPECTED ?? '{}');

export function uri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, rel);
}

export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri(rel));
  return vscode.window.showTextDocument(doc);
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c ?? '');
}

export function countCodes(ds: readonly vscode.Diagnostic[]): Record<string, number> {
  const m: Record<string, number> = {};
  for (const d of ds) m[codeOf(d)] = (m[codeOf(d)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(m).sort());
}

/** Resolves with the runbook diagnostics of `u` once `ok` holds for them (checked on every change). */
export function diagnosticsWhen(u: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  const current = () => vscode.languages.getDiagnostics(u).filter((d) => /^RB\d{3}$/.test(codeOf(d)));
  return new Promise((resolve, reject) => {
    const now = current();
    if (ok(now)) return resolve(now);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`diagnostics for ${u.path} never matched; last: ${JSON.stringify(countCodes(current()))}`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((x) => x.toString() === u.toString())) return;
      const ds = current();
      if (ok(ds)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(ds);
      }
    });
  });
}

/** Resolves once the document's text satisfies `ok`. */
export function textWhen(doc: vscode.TextDocument, ok: (text: string) => boolean, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    if (ok(doc.getText())) return resolve(doc.getText());
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`text of ${doc.uri.path} never matched`));
    }, timeoutMs);
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document !== doc || !ok(doc.getText())) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(doc.getText());
    });
  });
}

export async function revertAll(): Promise<void> {
  for (let i = 0; i < 10 && vscode.window.activeTextEditor; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
