// Entry point VS Code's extension host loads as --extensionTestsPath (after bundling to
// out/test/vscode/index.js): runs the mocha suites in suite/ against the real `vscode` API and
// writes a result file (RUNBOOK_VSCODE_RESULTS) that the launcher reads, since under code-server
// the extension host's console is not the launcher's.
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Outcome {
  title: string;
  state: 'passed' | 'failed' | 'skipped';
  error?: string;
}

export function run(): Promise<void> {
  // RUNBOOK_VSCODE_GREP (passed on by run.mjs) runs only the tests whose full title matches.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec', grep: process.env.RUNBOOK_VSCODE_GREP || undefined });
  const dir = join(__dirname, 'suite');
  for (const f of readdirSync(dir).sort()) if (f.endsWith('.test.js')) mocha.addFile(join(dir, f));
  const outcomes: Outcome[] = [];
  const write = (done: boolean, error?: string) => {
    const file = process.env.RUNBOOK_VSCODE_RESULTS;
    if (file) writeFileSync(file, JSON.stringify({ done, error, vscodeVersion: vscode.version, appName: vscode.env.appName, outcomes }, null, 2));
  };
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        write(true);
        if (failures) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
      runner.on('pass', (t) => outcomes.push({ title: t.fullTitle(), state: 'passed' }));
      runner.on('pending', (t) => outcomes.push({ title: t.fullTitle(), state: 'skipped' }));
      runner.on('fail', (t, err: Error) => outcomes.push({ title: t.fullTitle(), state: 'failed', error: String(err?.stack ?? err).split('\n').slice(0, 6).join('\n') }));
    } catch (e) {
      write(true, String(e));
      reject(e);
    }
  });
}
