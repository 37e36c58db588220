// The architecture fence: ESLint rejects fs, child_process, vscode and LSP-connection imports in the core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

test('server/src/core may not import node:fs, child_process, vscode or vscode-languageserver', async () => {
  const eslint = new ESLint({ cwd: ROOT });
  const bad = ["import { readFileSync } from 'node:fs';", "import { spawn } from 'child_process';", "import * as vscode from 'vscode';", "import { createConnection } from 'vscode-languageserver/node';"];
  for (const line of bad) {
    const [r] = await eslint.lintText(`${line}\nexport const x = 1;\n`, { filePath: join(ROOT, 'server/src/core/rules/fence-probe.ts') });
    assert.ok(r!.messages.some((m) => m.ruleId === 'no-restricted-imports'), `fenced: ${line}`);
  }
  const [ok] = await eslint.lintText("import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", { filePath: join(ROOT, 'server/src/node/probe.ts') });
  assert.ok(!ok!.messages.some((m) => m.ruleId === 'no-restricted-imports'), 'outside the core fs is allowed');
});
