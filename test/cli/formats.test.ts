// Output formats: SARIF 2.1.0 validated against the official schema, the documented JSON shape,
// GitHub workflow-command annotations, and the text form the $runbook-lint problem matcher reads.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { run, runOnce, tempDir, remove, cleanRunbook, ROOT } from './helpers.js';

const made: string[] = [];
after(() => made.forEach(remove));

const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'data', 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { problemMatchers: { name: string; pattern: { regexp: string } }[] } };
const matcher = new RegExp(pkg.contributes.problemMatchers.find((m) => m.name === 'runbook-lint')!.pattern.regexp);

function validateSarif(doc: unknown): string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

interface Sarif {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; helpUri: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } };
    results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[];
    artifacts: { location: { uri: string }; properties?: { dodScore: number } }[];
    invocations: { executionSuccessful: boolean }[];
  }[];
}

test('--format sarif validates against the SARIF 2.1.0 schema, with rule metadata, help URIs and 1-based regions', () => {
  const r = run(['examples', '--format', 'sarif']);
  assert.equal(r.code, 1, r.err);
  const doc = JSON.parse(r.out) as Sarif;
  assert.deepEqual(validateSarif(doc), []);
  // The validator does reject broken logs (so the check above means something).
  assert.notDeepEqual(validateSarif({ ...doc, version: '2.0.0' }), []);
  const broken = structuredClone(doc) as unknown as { runs: { results: Record<string, unknown>[] }[] };
  delete broken.runs[0]!.results[0]!['message'];
  assert.notDeepEqual(validateSarif(broken), []);
  const run0 = doc.runs[0]!;
  const rules = run0.tool.driver.rules;
  const listed = runOnce(['--list-rules', '--format', 'json']);
  assert.deepEqual(rules.map((x) => x.id), (JSON.parse(listed.out) as { id: string }[]).map((x) => x.id), 'every rule of the registry, in order');
  for (const rule of rules) {
    assert.match(rule.helpUri, new RegExp(`^https://.+/docs/rules/${rule.id}\\.md$`));
    assert.ok(rule.shortDescription.text.length > 10);
  }
  assert.ok(run0.results.length > 0);
  for (const res of run0.results) {
    assert.equal(rules[res.ruleIndex]!.id, res.ruleId, 'ruleIndex points at the rule');
    assert.ok(['error', 'warning', 'note'].includes(res.level));
  }
  const owner = run0.results.find((x) => x.ruleId === 'RB103' && x.message.text.includes('`owner`'))!;
  assert.equal(owner.locations[0]!.physicalLocation.artifactLocation.uri, 'examples/infra/runbooks/storage/object-store-restore.md');
  assert.equal(owner.locations[0]!.physicalLocation.region.startLine, 1);
  assert.equal(owner.locations[0]!.physicalLocation.region.startColumn, 1);
  assert.equal(run0.artifacts.length, 4);
  assert.ok(run0.artifacts.every((a) => typeof a.properties?.dodScore === 'number'));
  assert.equal(run0.invocations[0]!.executionSuccessful, true);
});

test('SARIF stays valid for a clean run, an IO problem and paths that need URI escaping', () => {
  const dir = tempDir({
    'runbooks/platform/with space #1.md': cleanRunbook(1),
    'runbooks/platform/bin.md': Buffer.from([0, 1, 2, 3]),
  });
  made.push(dir);
  const r = run(['runbooks', '--format', 'sarif'], dir);
  assert.equal(r.code, 2);
  const doc = JSON.parse(r.out) as Sarif;
  assert.deepEqual(validateSarif(doc), []);
  assert.equal(doc.runs[0]!.invocations[0]!.executionSuccessful, false);
  assert.equal(doc.runs[0]!.artifacts[0]!.location.uri, 'runbooks/platform/with%20space%20%231.md');
  const clean = run(['examples/infra/runbooks/platform', '--format', 'sarif']);
  assert.equal(clean.code, 0);
  assert.deepEqual(validateSarif(JSON.parse(clean.out)), []);
  assert.deepEqual((JSON.parse(clean.out) as Sarif).runs[0]!.results, []);
});

interface JsonFinding {
  ruleId: string;
  ruleName: string;
  severity: string;
  message: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  fixable: boolean;
  docsUrl: string;
}
interface JsonDoc {
  version: number;
  tool: { name: string; version: string };
  files: { path: string; findings: JsonFinding[]; dod: { score: number; total: number; items: { item: string; label: string; status: string; rules: string[] }[] } }[];
  ioErrors: { path: string; message: string }[];
  summary: { files: number; errors: number; warnings: number; infos: number; fixable: number; ioErrors: number };
}

test('--format json matches the shape documented in docs/cli-json.md', () => {
  const r = runOnce(['examples', '--format', 'json']);
  assert.equal(r.code, 1);
  const j = JSON.parse(r.out) as JsonDoc;
  assert.deepEqual(Object.keys(j), ['version', 'tool', 'files', 'ioErrors', 'summary']);
  assert.equal(j.version, 1);
  assert.equal(j.tool.name, 'runbook-lint');
  assert.deepEqual(Object.keys(j.summary).sort(), ['errors', 'files', 'filtered', 'fixable', 'infos', 'ioErrors', 'placeholders', 'suggestions', 'suppressed', 'warnings']);
  for (const f of j.files) {
    assert.deepEqual(Object.keys(f), ['path', 'findings', 'dod']);
    assert.equal(f.dod.total, 7);
    assert.deepEqual(f.dod.items.map((i) => i.item), ['structure', 'rollback', 'no-sensitive-data', 'verification', 'audit', 'owner-review', 'last-reviewed']);
    assert.equal(f.dod.score, f.dod.items.filter((i) => i.status === 'pass').length, 'a manual item does not count');
    for (const x of f.findings) {
      for (const k of ['ruleId', 'ruleName', 'severity', 'message', 'range', 'fixable', 'docsUrl']) assert.ok(k in x, `finding has ${k}`);
      assert.match(x.ruleId, /^RB\d{3}$/);
      assert.ok(['error', 'warning', 'info'].includes(x.severity));
      assert.ok(x.range.start.line >= 1 && x.range.start.column >= 1);
      assert.ok(x.range.end.line > x.range.start.line || (x.range.end.line === x.range.start.line && x.range.end.column >= x.range.start.column));
      assert.equal(typeof x.fixable, 'boolean');
    }
  }
  const storage = j.files.find((f) => f.path.endsWith('object-store-restore.md'))!;
  assert.ok(storage.dod.items.find((i) => i.item === 'structure')!.rules.includes('RB103'), 'the DoD item names the rules holding it back');
  assert.equal(j.files.find((f) => f.path.endsWith('pod-crashloopbackoff.md'))!.dod.score, 6);
  const all = j.files.flatMap((f) => f.findings);
  assert.equal(j.summary.errors, all.filter((f) => f.severity === 'error').length);
  assert.equal(j.summary.fixable, all.filter((f) => f.fixable).length);
  // The docs name every key the output has.
  assert.equal(r.out, JSON.stringify(j, null, 2) + '\n', 'the streamed document reads as JSON.stringify(doc, null, 2)');
  // Also when it is written in several chunks (over 64 KB) and lists an IO problem.
  const files: Record<string, string | Buffer> = { 'runbooks/platform/latin1.md': Buffer.from([0x23, 0x20, 0x41, 0x0a, 0x41, 0xe9, 0x0a]) };
  for (let i = 0; i < 60; i++) files[`runbooks/platform/r${i}.md`] = cleanRunbook(i).replace('## Summary', '## Sumary').replace('owner: "platform-sre"', 'owner: ""');
  const dir = tempDir(files);
  made.push(dir);
  const big = run(['--format', 'json'], dir);
  assert.equal(big.code, 2, big.err);
  assert.ok(big.out.length > 2 * 65536, `a long document (${big.out.length} characters)`);
  const bigDoc = JSON.parse(big.out) as JsonDoc & { ioErrors: unknown[] };
  assert.equal(bigDoc.files.length, 60);
  assert.equal(bigDoc.ioErrors.length, 1);
  assert.equal(big.out, JSON.stringify(bigDoc, null, 2) + '\n');
  const docs = readFileSync(join(ROOT, 'docs/cli-json.md'), 'utf8');
  for (const k of ['version', 'tool', 'files', 'ioErrors', 'summary', 'ruleId', 'ruleName', 'severity', 'message', 'range', 'fixable', 'fix', 'suggestions', 'placeholders', 'docsUrl', 'dod', 'score', 'items', 'status', 'fixed', 'related', 'meta']) {
    assert.match(docs, new RegExp(`\`(?:[a-z]+\\[\\]\\.)?${k}\``), `docs/cli-json.md documents \`${k}\``);
  }
});

test('--quiet keeps errors only; --rule keeps only the named rules; --max-warnings turns warnings into exit 1', () => {
  const all = JSON.parse(runOnce(['examples', '--format', 'json']).out) as JsonDoc;
  assert.ok(all.files.some((f) => f.findings.some((x) => x.severity === 'warning')), 'the examples have a warning');
  const quiet = JSON.parse(run(['examples', '--format', 'json', '--quiet']).out) as JsonDoc;
  assert.ok(quiet.files.every((f) => f.findings.every((x) => x.severity === 'error')));
  assert.equal(quiet.files.flatMap((f) => f.findings).length, all.summary.errors);

  const only = run(['examples', '--format', 'json', '--rule', 'RB103', '--rule', 'section-order']);
  const ids = new Set((JSON.parse(only.out) as JsonDoc).files.flatMap((f) => f.findings.map((x) => x.ruleId)));
  assert.deepEqual([...ids].sort(), ['RB103', 'RB202']);
  const bad = run(['examples', '--rule', 'RB999']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /unknown rule "RB999"/);

  // With RB104 lowered to a warning the postgres example has exactly one warning (severity P7; its
  // misspelt `environment` key is RB103's finding).
  const file = 'examples/infra/runbooks/data-pipelines/postgres-replication-lag.md';
  const warnOnly = ['--rule', 'RB104', '--config', 'test/cli/data/rb104-warning.yaml', file];
  assert.equal(run([...warnOnly]).code, 0);
  assert.equal(run([...warnOnly, '--max-warnings', '1']).code, 0);
  const over = run([...warnOnly, '--max-warnings', '0']);
  assert.equal(over.code, 1);
  assert.match(over.err, /1 warnings, more than --max-warnings 0/);
  assert.equal(run(['--max-warnings', 'many', file]).code, 2);
});

test('--format github prints escaped workflow-command annotations (error, warning, notice)', () => {
  const r = run(['examples', '--format', 'github']);
  assert.equal(r.code, 1);
  const lines = r.out.trim().split('\n');
  const ann = lines.filter((l) => l.startsWith('::'));
  assert.ok(ann.length > 5);
  for (const l of ann) assert.match(l, /^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+(,endColumn=\d+)?,title=RB\d{3} [a-z-]+::[^\n]+$/);
  assert.ok(ann.some((l) => l.startsWith('::error file=examples/infra/runbooks/storage/object-store-restore.md,line=1,col=1,')));
  assert.match(lines[lines.length - 1]!, /^4 files checked: /);
  // Escaping: a message with %, CR, LF and a file name with , and : stay one annotation each.
  const dir = tempDir({ 'runbooks/platform/a,b:c.md': '---\nrunbook_id: x\n---\n# 100% done\n' });
  made.push(dir);
  const e = run(['runbooks', '--format', 'github'], dir);
  const first = e.out.split('\n').find((l) => l.startsWith('::'))!;
  assert.match(first, /file=runbooks\/platform\/a%2Cb%3Ac\.md,/);
  assert.ok(!/file=[^:]*,b:/.test(e.out));
});

test('text: a header line per file with its DoD score, then one finding per line in the problem-matcher form', () => {
  const r = runOnce(['examples']);
  const lines = r.out.trim().split('\n');
  const headers = lines.filter((l) => / {2}DoD \d\/7/.test(l));
  assert.equal(headers.length, 4, 'small runs list clean files too');
  for (const h of headers) assert.doesNotMatch(h, matcher, 'headers are not findings to the problem matcher');
  const findings = lines.filter((l) => matcher.test(l));
  const summary = JSON.parse(runOnce(['examples', '--format', 'json']).out) as JsonDoc;
  assert.equal(findings.length, summary.summary.errors + summary.summary.warnings + summary.summary.infos);
  const m = matcher.exec(findings[0]!)!;
  assert.match(m[1]!, /^examples\/infra\/runbooks\/.+\.md$/);
  assert.equal(lines.length, headers.length + findings.length + 1, 'nothing else but the summary line');
  assert.ok(!r.out.includes('\x1b['), 'no colours when stdout is not a terminal');
});

test('--list-rules lists id, name, severity, DoD item and fixable; --print-config prints the effective config', () => {
  const r = run(['--list-rules']);
  assert.equal(r.code, 0);
  const lines = r.out.trim().split('\n');
  assert.match(lines[0]!, /^id\s+name\s+severity\s+DoD item\s+fixable$/);
  assert.ok(lines.some((l) => /^RB103\s+front-matter-required\s+error\s+structure\s+yes$/.test(l)));
  const dir = tempDir({ '.runbook-lint.yaml': 'review:\n  maxAgeDays: 90\nrules:\n  RB203: off\n', 'runbooks/platform/a.md': cleanRunbook(1) });
  made.push(dir);
  const y = run(['--print-config', 'runbooks/platform/a.md'], dir);
  assert.equal(y.code, 0, y.err);
  assert.match(y.out, /^# from: .*\.runbook-lint\.yaml$/m);
  assert.match(y.out, /maxAgeDays: 90/);
  const j = JSON.parse(run(['--print-config', 'runbooks/platform/a.md', '--format', 'json'], dir).out) as { config: { review: { maxAgeDays: number }; rules: Record<string, { severity: string }> } };
  assert.equal(j.config.review.maxAgeDays, 90);
  assert.equal(j.config.rules['RB203']!.severity, 'off');
  assert.equal(j.config.rules['RB103']!.severity, 'error');
  const broken = tempDir({ '.runbook-lint.yaml': 'rules: [\n', 'runbooks/platform/a.md': cleanRunbook(1) });
  made.push(broken);
  const b = run(['--print-config', 'runbooks/platform/a.md'], broken);
  assert.equal(b.code, 2);
  assert.match(b.err, /^runbook-lint: invalid config .*\.runbook-lint\.yaml:\d+:\d+: YAML error/);
});
