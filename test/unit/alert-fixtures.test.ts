// Alert rule files under test/fixtures/RB6xx/ are tests too: `# expect RB601` markers == findings
// of core/alert-check.ts. Beside `<name>.yaml`: `<name>.workspace.json` (WorkspaceFacts) and
// `<name>.config.yaml` (a .runbook-lint.yaml); `# fixture path: <path>` names the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkAlertFile } from '../../server/src/core/alert-check.js';
import { parseConfig, resolveConfig } from '../../server/src/core/config.js';
import type { WorkspaceFacts } from '../../server/src/core/types.js';
import { FIXTURES_DIR, MARK } from '../helpers/fixtures.js';

const dirs = readdirSync(FIXTURES_DIR).filter((d) => /^RB6\d\d$/.test(d));
const files = dirs.flatMap((d) => readdirSync(join(FIXTURES_DIR, d)).filter((f) => /\.ya?ml$/.test(f) && !/\.config\.ya?ml$/.test(f)).map((f) => join(FIXTURES_DIR, d, f)));

test('there are alert rule fixtures for every RB6xx rule', () => {
  assert.deepEqual(dirs.sort(), ['RB601', 'RB602']);
  for (const d of dirs) assert.ok(files.some((f) => f.includes(`/${d}/`)), `no fixture in ${d}`);
});

for (const file of files) {
  test(`alert rule fixture ${relative(FIXTURES_DIR, file)}`, () => {
    const text = readFileSync(file, 'utf8');
    const expected: string[] = [];
    text.split(/\r\n|\r|\n/).forEach((line, i) => {
      for (const m of line.matchAll(MARK)) {
        for (const tok of m[1]!.split(/[\s,]+/).filter(Boolean)) {
          const [id, off] = tok.split(':');
          expected.push(`${id}@${i + 1 + (off ? Number(off) : 0)}`);
        }
      }
    });
    const base = file.replace(/\.ya?ml$/, '');
    const ws = existsSync(`${base}.workspace.json`) ? (JSON.parse(readFileSync(`${base}.workspace.json`, 'utf8')) as WorkspaceFacts) : undefined;
    let config = resolveConfig();
    if (existsSync(`${base}.config.yaml`)) {
      const parsed = parseConfig(readFileSync(`${base}.config.yaml`, 'utf8'));
      assert.deepEqual(parsed.errors, [], 'the fixture config is valid');
      config = resolveConfig(parsed.raw);
    }
    const path = /fixture path:\s*(\S+)/.exec(text)?.[1] ?? `infra/alerts/${file.split('/').pop()}`;
    const res = checkAlertFile({ text, path, config, workspace: ws });
    assert.deepEqual(res.internalErrors, []);
    const found = res.findings.map((f) => `${f.ruleId}@${res.lines.positionAt(f.range.start).line + 1}`).sort();
    assert.deepEqual(found, expected.sort(), `findings (id@line) differ from the markers:\n${res.findings.map((f) => `  ${f.ruleId}@${res.lines.positionAt(f.range.start).line + 1} ${f.message}`).join('\n')}`);
  });
}
