#!/usr/bin/env node
// npm run test:install — the README's "Install the CLI" steps, as written, in an empty project:
// `npm pack` in this checkout, `npm i -D <tarball>` in a new folder (dependencies come from the
// npm registry, nothing else is downloaded), then `npx runbook-lint --version` and a lint of a
// clean and of a broken runbook. Prints "N passed, M failed".
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO = join(import.meta.dirname, '..', '..');
const t0 = Date.now();
const version = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version;
const work = mkdtempSync(join(tmpdir(), 'runbook-install-'));
const project = join(work, 'project');
const results = [];

function sh(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' } });
  return { code: r.status, out: r.stdout ?? '', err: r.stderr ?? '' };
}
function step(name, fn) {
  try {
    fn();
    results.push(`ok - ${name}`);
  } catch (e) {
    results.push(`FAIL - ${name} (${e.message})`);
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

try {
  let tarball;
  step('npm pack in the checkout writes the tarball', () => {
    const r = sh('npm', ['pack', '--pack-destination', work], REPO);
    assert(r.code === 0, `npm pack exited ${r.code}: ${r.err.slice(-800)}`);
    tarball = join(work, `runbook-authoring-${version}.tgz`);
    assert(r.out.trim().endsWith(`runbook-authoring-${version}.tgz`), `npm pack printed ${r.out.trim().split('\n').pop()}`);
  });
  step('npm i -D <tarball> in an empty project, without warnings', () => {
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'infra', version: '1.0.0', private: true }, null, 2));
    const r = sh('npm', ['i', '-D', tarball], project);
    assert(r.code === 0, `npm i exited ${r.code}: ${r.err.slice(-800)}`);
    const warns = (r.out + r.err).split('\n').filter((l) => /^npm warn/i.test(l));
    assert(!warns.length, `npm printed warnings:\n${warns.join('\n')}`);
    const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    assert(pkg.devDependencies?.['runbook-authoring'], `not in devDependencies: ${JSON.stringify(pkg.devDependencies)}`);
  });
  step('npx runbook-lint --version prints the version', () => {
    const r = sh('npx', ['runbook-lint', '--version'], project);
    assert(r.code === 0 && r.out.trim() === version, `exit ${r.code}, printed ${JSON.stringify(r.out.trim())} ${r.err}`);
  });
  step('npx runbook-lint lints the runbooks: a clean one passes, a broken one fails with its findings', () => {
    const clean = join(project, 'infra', 'runbooks', 'platform', 'pod-crashloopbackoff.md');
    mkdirSync(join(clean, '..'), { recursive: true });
    cpSync(join(REPO, 'test', 'fixtures', 'clean', 'pod-crashloopbackoff.md'), clean);
    const ok = sh('npx', ['runbook-lint', 'infra/runbooks'], project);
    assert(ok.code === 0, `clean runbook: exit ${ok.code}\n${ok.out}${ok.err}`);
    assert(/DoD 6\/7/.test(ok.out) && /1 file checked: 0 errors/.test(ok.out), `clean runbook output:\n${ok.out}`);
    const text = readFileSync(clean, 'utf8').replace(/^owner:.*\n/m, '');
    writeFileSync(join(project, 'infra', 'runbooks', 'platform', 'no-owner.md'), text.replace('RB-PLAT-001', 'RB-PLAT-002'));
    const bad = sh('npx', ['runbook-lint', 'infra/runbooks'], project);
    assert(bad.code === 1, `broken runbook: exit ${bad.code}\n${bad.out}${bad.err}`);
    assert(/no-owner\.md:\d+:\d+ error RB103 /.test(bad.out), `RB103 for the missing owner not reported:\n${bad.out}`);
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}

for (const l of results) console.log(l);
const failed = results.filter((l) => l.startsWith('FAIL')).length;
console.log(`test:install: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
