// `--changed --filter-mode added|diff_context|file|nofilter`: a PR shows only what it introduced.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, git, tempRepo, remove, cleanRunbook, type RunResult } from './helpers.js';
import { CORPORA } from '../helpers/corpus.js';

const made: string[] = [];
after(() => made.forEach(remove));

const SOURCE = join(CORPORA, 'prometheus-operator-runbooks/content/runbooks/kubernetes/KubePodCrashLooping.md');
const skip = !existsSync(SOURCE) && 'no ../shared/corpora';
const LEGACY = skip ? '' : readFileSync(SOURCE, 'utf8');
const PATH = 'runbooks/kubernetes/KubePodCrashLooping.md';
const PROSE = 'Service degradation or unavailability.';

interface Json {
  files: { path: string; filtered?: number; findings: { ruleId: string; range: { start: { line: number } } }[] }[];
  summary: { errors: number; filtered: number };
}
const json = (r: RunResult) => JSON.parse(r.out) as Json;
const lines = (r: RunResult) => json(r).files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.range.start.line} ${x.ruleId}`));

/** A repository with the legacy runbook (and a second one) on main, and a feature branch checked out. */
function repo(extra: Record<string, string> = {}): string {
  const dir = tempRepo({ [PATH]: LEGACY, 'runbooks/kubernetes/Other.md': LEGACY.replace('KubePodCrashLooping', 'Other'), ...extra });
  made.push(dir);
  git(dir, 'checkout', '-q', '-b', 'feature');
  return dir;
}

function commit(dir: string, path: string, text: string): void {
  writeFileSync(join(dir, path), text);
  git(dir, 'commit', '-q', '-am', 'change');
}

test('--filter-mode added: a prose edit in a runbook with old findings reports none; a risky command reports only its own findings', { skip }, () => {
  const dir = repo();
  const old = lines(run([PATH, '--format', 'json'], dir)).length;
  assert.ok(old >= 5, `the runbook has old findings (${old})`);
  commit(dir, PATH, LEGACY.replace(PROSE, 'Service degradation or a full outage.'));
  const prose = run(['--changed', 'main', '--filter-mode', 'added', '--format', 'json'], dir);
  assert.equal(prose.code, 0, prose.out + prose.err);
  assert.deepEqual(lines(prose), []);
  assert.equal(json(prose).summary.filtered, old, 'the summary counts what it left out');
  // The next commit adds a delete without confirmation or rollback.
  const risky = LEGACY.replace(PROSE, 'Service degradation or a full outage.') + '\n## Clean up\n\n```shell\nkubectl -n $NAMESPACE delete pod $POD\n```\n';
  commit(dir, PATH, risky);
  const cmdLine = risky.split('\n').indexOf('kubectl -n $NAMESPACE delete pod $POD') + 1;
  const r = run(['--changed', 'main', '--format', 'json'], dir); // added is the default
  assert.equal(r.code, 1);
  const got = lines(r);
  assert.ok(got.includes(`${PATH}:${cmdLine} RB301`) && got.includes(`${PATH}:${cmdLine} RB302`), got.join('\n'));
  for (const g of got) assert.match(g, new RegExp(`:(${cmdLine - 1}|${cmdLine}|${cmdLine - 3}) RB\\d{3}$`), `only the new lines: ${got.join('\n')}`);
  // github annotations and SARIF results show the same findings.
  const gh = run(['--changed', 'main', '--format', 'github'], dir).out.split('\n').filter((l) => l.startsWith('::'));
  assert.equal(gh.length, got.length);
  for (const l of gh) assert.match(l, new RegExp(`line=(${cmdLine - 1}|${cmdLine}|${cmdLine - 3}),`));
  const sarif = JSON.parse(run(['--changed', 'main', '--format', 'sarif'], dir).out) as { runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
  assert.deepEqual(sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.region.startLine).sort(), json(r).files.flatMap((f) => f.findings.map((x) => x.range.start.line)).sort());
});

test('--filter-mode file shows every finding of the changed runbooks, nofilter every runbook, diff_context the hunks with context', { skip }, () => {
  const dir = repo();
  commit(dir, PATH, LEGACY.replace(PROSE, 'Service degradation or a full outage.'));
  const file = run(['--changed', 'main', '--filter-mode', 'file', '--format', 'json'], dir);
  assert.deepEqual(json(file).files.map((f) => f.path), [PATH]);
  assert.deepEqual(lines(file), lines(run([PATH, '--format', 'json'], dir)), 'file = a plain run over the changed runbook');
  const all = run(['--changed', 'main', '--filter-mode', 'nofilter', '--format', 'json'], dir);
  assert.deepEqual(json(all).files.map((f) => f.path).sort(), [PATH, 'runbooks/kubernetes/Other.md']);
  // A finding three lines below the edit: shown with context, not as an added line.
  const edited = LEGACY.replace('## Impact\n', '## Impact\n\nSee https://10.0.0.12/dashboard for the graphs.\n');
  commit(dir, PATH, edited.replace(PROSE, PROSE));
  const urlLine = edited.split('\n').indexOf('See https://10.0.0.12/dashboard for the graphs.') + 1;
  const added = lines(run(['--changed', 'main', '--format', 'json'], dir));
  assert.ok(added.includes(`${PATH}:${urlLine} RB402`), added.join('\n'));
  const ctx = lines(run(['--changed', 'main', '--filter-mode', 'diff_context', '--format', 'json'], dir));
  assert.ok(ctx.length >= added.length && ctx.every((l) => Math.abs(Number(/:(\d+) /.exec(l)![1]) - urlLine) <= 4), ctx.join('\n'));
});

test('added keeps front-matter findings when the front matter changed, RB108 when the file changed, and every finding of a new file', () => {
  const reviewed = cleanRunbook(1, '2026-01-10').replace(/^owner: .*\n/m, '');
  const dir = tempRepo({ 'runbooks/platform/a.md': reviewed });
  made.push(dir);
  git(dir, 'checkout', '-q', '-b', 'feature');
  commit(dir, 'runbooks/platform/a.md', reviewed.replace('## Summary', '## Summary\n\nA new sentence.'));
  const prose = lines(run(['--changed', 'main', '--format', 'json', '--rule', 'RB103,RB108'], dir));
  assert.deepEqual(prose.map((l) => l.split(' ')[1]), ['RB108'], 'RB108 is about the change itself; RB103 stays hidden');
  commit(dir, 'runbooks/platform/a.md', reviewed.replace('severity: "P2"', 'severity: "P1"').replace('## Summary', '## Summary\n\nA new sentence.'));
  const fm = lines(run(['--changed', 'main', '--format', 'json', '--rule', 'RB103'], dir));
  assert.deepEqual(fm.map((l) => l.split(' ')[1]), ['RB103'], 'the front matter was touched');
  writeFileSync(join(dir, 'runbooks/platform/new.md'), '# New\n\nText.\n');
  const fresh = json(run(['--changed', 'main', '--format', 'json', 'runbooks/platform/new.md'], dir));
  assert.equal(fresh.files[0]!.findings.length, lines(run(['runbooks/platform/new.md', '--format', 'json'], dir)).length, 'a new file shows all');
});

test('--filter-mode without --changed, an unknown mode, or a partial mode with --suppress-all is a usage error', () => {
  for (const args of [['--filter-mode', 'added'], ['--changed', 'main', '--filter-mode', 'lines'], ['--changed', 'main', '--filter-mode', 'added', '--suppress-all']]) {
    const r = run(args, tempDirRepo());
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.err.trim().split('\n').length, 1);
  }
});

function tempDirRepo(): string {
  const d = tempRepo({ 'runbooks/platform/a.md': cleanRunbook(1) });
  made.push(d);
  return d;
}
