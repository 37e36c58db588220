// runbook-lint report: the JSON agrees with `runbook-lint --format json`, the HTML is valid
// (html-validate, recommended rules), self-contained (a CSP that allows nothing from elsewhere,
// no URL), and never holds a secret from the runbooks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { CLEAN, run, tempDir } from './helpers.js';

interface LintJson {
  files: { path: string; findings: { ruleId: string; severity: string }[]; dod: { score: number } }[];
  summary: { files: number; errors: number; warnings: number; infos: number };
}

const lint = (cwd: string, args: string[]) => JSON.parse(run(['--format', 'json', ...args], cwd).out) as LintJson;

test('report --format json counts what runbook-lint --format json reports: runbooks, errors, warnings, DoD scores, stale reviews', () => {
  const r = run(['report', 'examples', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const rep = JSON.parse(r.out);
  const want = lint(process.cwd(), ['examples']);
  assert.equal(rep.summary.runbooks, want.summary.files);
  assert.equal(rep.summary.errors, want.summary.errors);
  assert.equal(rep.summary.warnings, want.summary.warnings);
  assert.equal(rep.summary.infos, want.summary.infos);
  const dist = [0, 0, 0, 0, 0, 0, 0, 0];
  for (const f of want.files) dist[f.dod.score]!++;
  assert.deepEqual(rep.summary.dodDistribution, dist);
  assert.equal(rep.summary.staleReviews, want.files.filter((f) => f.findings.some((x) => x.ruleId === 'RB108')).length);
  const cov = JSON.parse(run(['coverage', 'examples', '--format', 'json']).out).summary;
  assert.ok(cov.alerts > 0, 'examples hold alert rules');
  assert.equal(rep.summary.alertsWithoutRunbooks, cov.missing + cov.dangling, 'the card counts what runbook-lint coverage calls missing or dangling in the same tree');
  assert.deepEqual(rep.files.map((f: { path: string }) => f.path), want.files.map((f) => f.path));
  const pod = rep.files.find((f: { path: string }) => f.path.endsWith('pod-crashloopbackoff.md'));
  assert.deepEqual([pod.owner, pod.severity, pod.category, pod.dod.score, pod.graph.steps], ['platform-sre', 'P2', 'platform', 6, 6]);
  assert.equal(pod.graph.svg, undefined, 'the JSON carries no drawings');
  assert.deepEqual(rep.categories.map((c: { category: string }) => c.category), ['data-pipelines', 'gitops', 'platform', 'storage']);
});

test('report writes one valid, self-contained HTML page: html-validate passes, a CSP allows nothing from elsewhere, no URL, charts with titles and axis labels', async () => {
  const dir = tempDir();
  const r = run(['report', join(process.cwd(), 'examples'), '--output', 'r.html'], dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /report of 4 runbooks written to r\.html/);
  const html = readFileSync(join(dir, 'r.html'), 'utf8');
  const v = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(html);
  assert.ok(v.valid, v.results.flatMap((x) => x.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`)).slice(0, 10).join('\n'));
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
  assert.match(csp, /^default-src 'none'; style-src 'nonce-[^']+'; script-src 'nonce-[^']+'; img-src data:/);
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  assert.equal((html.match(/<script/g) ?? []).length, (html.match(new RegExp(`<script nonce="${nonce.replace(/[+/=]/g, '\\$&')}">`, 'g')) ?? []).length);
  assert.equal((html.match(/<style/g) ?? []).length, 1);
  assert.ok(!/https?:\/\/|\/\/[a-z0-9.-]+\.[a-z]{2,}\//i.test(html), 'no URL anywhere in the page');
  assert.ok(!/<(?:img|link|iframe|object|embed)\b|\bsrc=|@import|url\((?!#)/i.test(html), 'no element or style that loads something');
  for (const id of ['chart-dod', 'chart-review']) {
    const svg = new RegExp(`<svg[^>]*aria-labelledby="${id}-title"[^>]*><title id="${id}-title">([^<]+)</title>([\\s\\S]*?)</svg>`).exec(html);
    assert.ok(svg, `${id} has a title`);
    assert.equal((svg[2]!.match(/class="axis-label"/g) ?? []).length, 2, `${id} has two axis labels`);
  }
  assert.match(html, /class="threshold-label"[^>]*>review limit: 180 days</);
  assert.equal((html.match(/<section class="detail" id="rb-\d+"/g) ?? []).length, 4, 'one detail section per runbook');
  assert.equal((html.match(/<svg class="rb-graph"/g) ?? []).length, 4, 'each runbook has its step graph inline');
  assert.match(html, /data-card="errors" data-value="11"/);
  // Each detail opens its runbook: a link relative to the page that leads to the file itself.
  const opens = [...html.matchAll(/<a class="open-file" href="([^"]+)">Open ([^<]+)<\/a>/g)];
  assert.equal(opens.length, 4);
  for (const [, href, path] of opens) {
    assert.ok(!href!.startsWith('/'), href);
    assert.equal(resolve(dir, decodeURIComponent(href!)), resolve(dir, path!), `${href} leads to ${path}`);
    assert.ok(existsSync(resolve(dir, decodeURIComponent(href!))));
  }
});

test('a runbook with a leaked token: the report (HTML and JSON) names the kind and fingerprint, never the value', () => {
  const token = 'ghp_' + 'Zq9XkT2mWb7Lr4Pv8Nc1Hs6Jd3Fg5Ya0Eu2I';
  const leaky = CLEAN.replace(/^title: .*$/m, `title: "Rotate ${token} now"`)
    .replace(/^owner: .*$/m, `owner: "team ${token}"`)
    .replace('## Step 1 — Triage', `## Step 1 — Triage with ${token}`)
    .replace(/- If (.*) → go to Step 2A/, `- If $1 or **${token}** → go to Step 2A`);
  const dir = tempDir({ 'infra/runbooks/platform/leak.md': leaky });
  const html = run(['report', '--output', 'r.html'], dir);
  assert.equal(html.code, 0, html.err);
  const page = readFileSync(join(dir, 'r.html'), 'utf8');
  const json = run(['report', '--format', 'json'], dir).out;
  for (const [what, text] of [['html', page], ['json', json]] as const) {
    for (let i = 4; i + 8 <= token.length; i++) assert.ok(!text.includes(token.slice(i, i + 8)), `${what}: part of the token leaked (${token.slice(i, i + 8)})`);
    assert.match(text, /RB401/);
    assert.match(text, /fingerprint [0-9a-f]{12}|[0-9a-f]{12}/);
    assert.match(text, /REDACTED:github/);
  }
});

test('the alerts-without-runbooks card: left out without alert rules, else the alerts whose runbook is missing or dangling', () => {
  const none = tempDir({ 'infra/runbooks/platform/pod.md': CLEAN });
  const a = run(['report', '--format', 'json'], none);
  assert.equal(a.code, 0, a.err);
  assert.equal(JSON.parse(a.out).summary.alertsWithoutRunbooks, null);
  assert.equal(run(['report', '--output', 'r.html'], none).code, 0);
  assert.doesNotMatch(readFileSync(join(none, 'r.html'), 'utf8'), /alerts without runbooks/);
  const rules = [
    'groups:',
    '  - name: pods',
    '    rules:',
    '      - alert: PodGone',
    '        expr: up == 0',
    '        labels: { severity: critical }',
    '      - alert: PodLinked',
    '        expr: up == 0',
    '        labels: { severity: warning }',
    '        annotations: { runbook_url: ../runbooks/platform/nowhere.md }',
    '',
  ].join('\n');
  const dir = tempDir({ 'infra/runbooks/platform/pod.md': CLEAN, 'infra/alerts/pods.rules.yaml': rules });
  const b = run(['report', '--format', 'json'], dir);
  assert.equal(b.code, 0, b.err);
  const cov = JSON.parse(run(['coverage', '--format', 'json'], dir).out).summary;
  assert.deepEqual([cov.missing, cov.dangling], [1, 1]);
  assert.equal(JSON.parse(b.out).summary.alertsWithoutRunbooks, 2);
  const html = (run(['report', '--output', 'r.html'], dir), readFileSync(join(dir, 'r.html'), 'utf8'));
  assert.match(html, /alerts without runbooks/);
});

test('report reports usage problems with exit 2 and one line', () => {
  for (const [args, re] of [
    [['report', '--format', 'pdf'], /unknown --format "pdf"/],
    [['report', '--jobs', 'x'], /--jobs needs a whole number/],
    [['report', '--nope'], /report: .*nope/],
  ] as [string[], RegExp][]) {
    const r = run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, re);
  }
  assert.match(run(['report', '--help']).out, /--output <file>/);
});
