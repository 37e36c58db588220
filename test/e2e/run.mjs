#!/usr/bin/env node
// End-to-end: the packaged extension in code-server, driven through headless Chromium as a
// person would use it. Usage: npm run test:e2e [-- scenario-name-filter...]
// Env: RUNBOOK_E2E_CACHE (code-server install, default ~/.cache/runbook-e2e),
//      RUNBOOK_E2E_SKIP_PACKAGE=1 (reuse dist/runbook-authoring.vsix), RUNBOOK_E2E_KEEP=1 (keep temp dirs).
/* global document */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CODE_SERVER_ENTRY, codeServerCli, ensureCodeServer, freePort, processesMentioning, startDetached } from './lib/codeserver.mjs';
import { countIds, detectFeatures, lintJson } from './lib/features.mjs';
import { command, editorText, gotoLine, keybindingsJson, openFile, pageTextOutsideEditorText, readProblems, showProblems, suggestions, waitForProblemCount, waitForWorkbench } from './lib/workbench.mjs';
import { FILES, REPO, makeWorkspace } from './lib/workspace.mjs';
import { pictureScenarios } from './pictures.mjs';
import { authoringScenarios } from './authoring.mjs';
import { alertScenarios } from './alerts.mjs';

const t0 = Date.now();
const RESULTS = join(REPO, 'test-results', 'e2e');
const VSIX = join(REPO, 'dist', 'runbook-authoring.vsix');
const filters = process.argv.slice(2);
const log = (...a) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

class Skip extends Error {}
const skipUnless = (present, what) => {
  if (!present) throw new Skip(`feature not present: ${what}`);
};
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}
const basename = (p) => p.split('/').pop();
const today = () => new Date().toISOString().slice(0, 10);

// ---- setup ---------------------------------------------------------------------------------
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
if (!existsSync(CHROMIUM)) {
  console.error(`e2e: ${CHROMIUM} not found; install it with: apt-get install -y chromium`);
  process.exit(1);
}
if (process.env.RUNBOOK_E2E_SKIP_PACKAGE !== '1' || !existsSync(VSIX)) {
  log('npm run package');
  const r = spawnSync('npm', ['run', '-s', 'package'], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(r.stdout);
    console.error('e2e: npm run package failed');
    process.exit(1);
  }
}
ensureCodeServer(log);

const root = mkdtempSync(join(tmpdir(), 'runbook-e2e-'));
// Also on Ctrl+C or a crash (codeserver.mjs has already ended the server's group by then).
process.on('exit', () => process.env.RUNBOOK_E2E_KEEP === '1' || rmSync(root, { recursive: true, force: true }));
const ws = makeWorkspace(root);
const userData = join(root, 'user-data');
const extensions = join(root, 'extensions');
mkdirSync(join(userData, 'User'), { recursive: true });
writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'files.autoSave': 'off',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'npm.fetchOnlinePackageInfo': false,
  'git.enabled': false,
  // Typed text goes in as typed (the authoring scenario types Markdown with brackets and quotes).
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoSurround': 'never',
}, null, 2));
writeFileSync(join(userData, 'User', 'keybindings.json'), keybindingsJson());
const env = { XDG_CONFIG_HOME: join(root, 'xdg-config'), XDG_DATA_HOME: join(root, 'xdg-data'), XDG_CACHE_HOME: join(root, 'xdg-cache') };
log('installing the .vsix into a fresh extensions dir');
codeServerCli(['--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', VSIX], env);
const features = await detectFeatures(ws.dir, FILES.secret);
log('features:', JSON.stringify({ ...features, commands: [...features.commands], views: [...features.views], caps: Object.keys(features.caps) }));
const expected = lintJson(ws.dir, ['infra/runbooks']);

const port = await freePort();
const server = startDetached(CODE_SERVER_ENTRY, [
  '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
  '--disable-workspace-trust', '--disable-getting-started-override', '--config', join(root, 'code-server.yaml'),
  '--user-data-dir', userData, '--extensions-dir', extensions, ws.dir,
], { env, ready: /HTTP server listening on/, logFile: join(RESULTS, 'code-server.log') });

const results = [];
let browser;
let page;
let shot = 0;

async function scenario(name, fn) {
  if (filters.length && !filters.some((f) => name.includes(f))) return;
  const started = Date.now();
  let status = 'passed';
  let detail = '';
  try {
    await fn();
  } catch (e) {
    status = e instanceof Skip ? 'skipped' : 'failed';
    detail = e instanceof Skip ? e.message : (e.stack ?? String(e)).split('\n').slice(0, 6).join('\n');
  }
  const file = join(RESULTS, `${String(++shot).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
  // The screenshot shows the scenario's end state (widgets, hovers, the edited file) before tidying.
  await page?.screenshot({ path: file }).catch(() => {});
  results.push({ name, status, detail, ms: Date.now() - started });
  console.log(`${status === 'passed' ? 'ok' : status === 'skipped' ? 'skip' : 'FAIL'} - ${name}${detail ? ` (${status === 'skipped' ? 'skipped: ' : ''}${detail})` : ''}`);
  // Leave a quiet workbench for the next scenario: no widget, no open (or dirty) editor.
  if (page) await quiet().catch((e) => log('could not tidy the workbench:', e.message));
}

async function quiet() {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  const tabs = page.locator('.editor-group-container .tab');
  for (let n = await tabs.count(); n > 0; n--) {
    await command(page, 'workbench.action.revertAndCloseActiveEditor');
    await page.waitForFunction((left) => document.querySelectorAll('.editor-group-container .tab').length < left, n, { timeout: 10_000 });
  }
}

try {
  await server.started;
  log(`code-server on 127.0.0.1:${port}`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.setDefaultTimeout(30_000);
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws.dir)}`);
  await waitForWorkbench(page);
  log('workbench ready');

  await scenario('problems panel lists the runbook findings', async () => {
    const want = expected[FILES.defects] ?? [];
    // Planted defects: owner missing and related_alerts misspelled (RB103, one finding each: the
    // misspelt key is not also an unknown key), severity P7 (RB104). The panel must show what
    // runbook-lint reports, no more, no less.
    const wantIds = countIds(want.map((f) => f.ruleId));
    assert((wantIds.RB103 ?? 0) >= 2 && (wantIds.RB104 ?? 0) >= 1, `runbook-lint no longer reports the planted defects: ${JSON.stringify(wantIds)}`);
    await openFile(page, FILES.defects);
    log('runbook open; waiting for the extension to activate and the server to report');
    await showProblems(page, FILES.defects);
    await waitForProblemCount(page, basename(FILES.defects), want.length, 120_000); // includes activation
    const shown = (await readProblems(page))[basename(FILES.defects)] ?? [];
    const shownIds = countIds(shown.map((p) => p.id));
    assert(JSON.stringify(shownIds) === JSON.stringify(wantIds), `Problems shows ${JSON.stringify(shownIds)}, runbook-lint reports ${JSON.stringify(wantIds)}`);
    const sev = countIds(shown.map((p) => p.severity));
    const wantSev = countIds(want.map((f) => f.severity));
    assert(JSON.stringify(sev) === JSON.stringify(wantSev), `severities ${JSON.stringify(sev)} != ${JSON.stringify(wantSev)}`);
    log('problems:', JSON.stringify(shownIds), JSON.stringify(sev));
  });

  await scenario('completion in front matter offers keys and values', async () => {
    skipUnless(features.completion, 'the language server offers no completion');
    await openFile(page, FILES.defects);
    // A new line after `runbook_id:` inside the front matter: the missing key `owner` is offered.
    await gotoLine(page, 2, 1);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await command(page, 'editor.action.triggerSuggest');
    const keys = await suggestions(page);
    log('key suggestions:', keys.join(', '));
    assert(keys.some((k) => /^owner\b/.test(k)), `no "owner" key offered: ${keys.join(', ')}`);
    await page.keyboard.press('Escape');
    // `severity:` values are the schema's enum.
    await page.keyboard.type('severity: ');
    await command(page, 'editor.action.triggerSuggest');
    const values = await suggestions(page);
    log('severity suggestions:', values.join(', '));
    for (const v of ['P0', 'P1', 'P2', 'P3', 'P4']) assert(values.some((x) => x.replace(/"/g, '') === v), `severity value ${v} not offered: ${values.join(', ')}`);
  });

  await scenario('completion offers alert names from Prometheus rules', async () => {
    skipUnless(features.completion, 'the language server offers no completion');
    await openFile(page, FILES.clean);
    // Line 14 is `  - "KubePodCrashLooping"` under related_alerts: a person clears the item
    // (select to the end of the line, type over it) and asks for suggestions.
    await gotoLine(page, 14, 1);
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('  - ');
    await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => e.textContent.trim() === 'Ln 14, Col 5'));
    await command(page, 'editor.action.triggerSuggest');
    const offered = await suggestions(page);
    log('alert suggestions:', offered.join(', '));
    assert(offered.includes('NodeDiskPressure') && offered.includes('KubePodCrashLooping'), `alert names from ${FILES.alerts} not offered: ${offered.join(', ')}`);
  });

  await scenario('quick fix from the lightbulb renames a misspelled key', async () => {
    skipUnless(features.codeActions, 'the language server offers no code actions');
    const name = basename(FILES.defects);
    const before = readFileSync(join(ws.dir, FILES.defects), 'utf8');
    const want = expected[FILES.defects] ?? [];
    await openFile(page, FILES.defects);
    await showProblems(page, FILES.defects);
    await waitForProblemCount(page, name, want.length);
    await gotoLine(page, 11, 3); // on `relatd_alerts`
    // The lightbulb appears in the gutter for a line with fixes; a person clicks it.
    const bulb = page.locator('.lightBulbWidget').first();
    await bulb.waitFor({ state: 'visible' });
    await bulb.click();
    const item = page.locator('.action-widget .monaco-list-row.action', { hasText: /Rename .*related_alerts/ }).first();
    await item.waitFor({ state: 'visible' });
    const title = (await item.textContent())?.trim();
    log('applying quick fix:', title);
    await item.click();
    await page.waitForFunction(() => document.querySelector('.editor-instance .monaco-editor .view-lines')?.textContent.includes('related_alerts:'));
    // The rename fixes the misspelt key's one finding (RB103).
    await waitForProblemCount(page, name, want.length - 1);
    const shown = (await readProblems(page))[name] ?? [];
    assert(!shown.some((p) => /relatd_alerts/.test(p.message)), `a finding about relatd_alerts is still listed: ${JSON.stringify(shown)}`);
    await command(page, 'workbench.action.files.save');
    await page.waitForSelector('.tab.active:not(.dirty)');
    const after = readFileSync(join(ws.dir, FILES.defects), 'utf8');
    assert(after === before.replace('relatd_alerts:', 'related_alerts:'), `saved text differs from the expected rename:\n${after.split('\n').slice(0, 14).join('\n')}`);
    assert(/related_alerts:/.test(await editorText(page)), 'editor does not show related_alerts:');
  });

  await scenario('status bar shows the DoD count', async () => {
    skipUnless(features.statusBar, 'the extension creates no DoD status bar item');
    const dod = async () => {
      const h = await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].map((e) => e.textContent.trim()).find((t) => /DoD \d\/7/.test(t)));
      return Number(/DoD (\d)\/7/.exec(await h.jsonValue())[1]);
    };
    await openFile(page, FILES.clean);
    const clean = await dod();
    await openFile(page, FILES.defects);
    await page.waitForFunction((c) => [...document.querySelectorAll('.statusbar-item')].some((e) => /DoD \d\/7/.test(e.textContent) && !e.textContent.includes(`DoD ${c}/7`)), clean).catch(() => {});
    const defects = await dod();
    log(`DoD clean ${clean}/7, with defects ${defects}/7`);
    assert(clean >= 5, `a clean runbook shows only DoD ${clean}/7`);
    assert(defects < clean, `the runbook without an owner shows DoD ${defects}/7, not fewer than the clean one (${clean}/7)`);
  });

  await scenario('Runbooks tree lists the fixture runbooks', async () => {
    skipUnless(features.tree, 'no view runbooks.tree is contributed');
    await command(page, 'runbooks.tree.focus');
    const pane = page.locator('.pane', { has: page.locator('[id="runbooks.tree"], .pane-header[aria-label*="Runbooks"]') }).first();
    await pane.waitFor({ state: 'visible' });
    const rows = pane.locator('.monaco-list-row');
    await rows.first().waitFor({ state: 'visible' });
    // Expand every collapsed node (categories) by clicking it, as a person would.
    for (let pass = 0; pass < 3; pass++) {
      const collapsed = pane.locator('.monaco-list-row[aria-expanded="false"]');
      const n = await collapsed.count();
      if (!n) break;
      for (let i = n - 1; i >= 0; i--) await collapsed.nth(i).click();
    }
    const wantTitles = [
      [FILES.defects, 'Relieve a node under disk pressure'],
      [FILES.clean, 'Recover a Deployment stuck in CrashLoopBackOff'],
      [FILES.secret, 'Recover a Deployment stuck in CrashLoopBackOff'],
    ];
    await page.waitForFunction(
      (want) => {
        const text = [...document.querySelectorAll('.pane .monaco-list-row')].map((r) => `${r.getAttribute('aria-label')} ${r.textContent}`).join('\n');
        return want.every(([f, t]) => text.includes(f.split('/').pop()) || text.includes(f.split('/').pop().replace(/\.md$/, '')) || text.includes(t));
      },
      wantTitles,
    );
    const labels = await rows.evaluateAll((els) => els.map((e) => e.textContent.trim()));
    log('tree:', labels.join(' | '));
  });

  await scenario('a leaked secret is reported by kind and fingerprint, never shown', async () => {
    skipUnless(features.secrets, 'runbook-lint reports no RB401 for the fake token');
    const name = basename(FILES.secret);
    const want = expected[FILES.secret] ?? [];
    await openFile(page, FILES.secret);
    await showProblems(page, FILES.secret);
    await waitForProblemCount(page, name, want.length);
    const rb401 = ((await readProblems(page))[name] ?? []).filter((p) => p.id === 'RB401');
    assert(rb401.length === 1, `expected one RB401 in Problems, got ${rb401.length}`);
    const msg = rb401[0].message;
    log('secret diagnostic:', msg);
    assert(/github|token/i.test(msg), `the message does not name the kind: ${msg}`);
    assert(/fingerprint|[0-9a-f]{8,}/i.test(msg), `the message carries no fingerprint: ${msg}`);
    // A person clicks the problem (the editor scrolls to it) and rests the mouse on the token,
    // so the diagnostic hover is on screen too; then the whole page is read. (Go to Line is
    // avoided here: its screen-reader announcement repeats the line's own text.)
    await page.locator('.markers-panel .monaco-list-row[aria-level="2"]', { has: page.locator('.marker-code', { hasText: 'RB401' }) }).click();
    await page.waitForFunction((l) => [...document.querySelectorAll('.statusbar-item')].some((e) => e.textContent.trim().startsWith(`Ln ${l},`)), rb401[0].line);
    const token = page.locator('.editor-instance .view-line', { hasText: 'Authorization' }).locator('span > span', { hasText: 'Bearer' }).first();
    const box = await token.boundingBox();
    await token.hover({ position: { x: box.width * 0.8, y: box.height / 2 } });
    await page.waitForSelector('.monaco-hover:not(.hidden)', { state: 'visible' });
    const hover = await page.$eval('.monaco-hover:not(.hidden)', (e) => e.textContent);
    assert(hover.includes('RB401'), `the hover over the token does not show RB401: ${hover.slice(0, 200)}`);
    const visible = await pageTextOutsideEditorText(page);
    assert(visible.includes('RB401') || visible.includes(msg.slice(0, 20)), 'the page text scan saw no RB401 diagnostic at all');
    // Any 8 characters of the token's random body count as a leak (messages may quote 4 at most),
    // in the workbench page and in every webview frame.
    const leaked = (text) => {
      for (let i = 4; i + 8 <= ws.secret.length; i++) if (text.includes(ws.secret.slice(i, i + 8))) return true;
      return false;
    };
    const leaks = leaked(visible) ? ['workbench page'] : [];
    for (const frame of page.frames().slice(1)) {
      const html = await frame.evaluate(() => document.documentElement.outerHTML).catch(() => '');
      if (leaked(html)) leaks.push(`frame ${frame.url()}`);
    }
    assert(!leaks.length, `part of the secret value appears outside the editor text: ${leaks.join(', ')}`);
    // Control: the same scan over the whole page, editor included, does find the token.
    assert(leaked(await page.evaluate(() => document.documentElement.outerHTML)), 'control failed: the scan does not see the token even in the editor');
  });
  await scenario('New Runbook command creates a filled runbook', async () => {
    skipUnless(features.newRunbook, 'command runbooks.newRunbook is not contributed');
    const before = new Set(readdirSync(join(ws.dir, 'infra/runbooks/platform')));
    const title = 'Drain a node before maintenance';
    await command(page, 'runbooks.newRunbook');
    // It asks for the category (a pick list), then the title (an input box).
    const platform = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: /^platform/ }).first();
    await platform.waitFor({ state: 'visible' });
    await platform.click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: /title/i }).waitFor({ state: 'visible' });
    await page.keyboard.type(title);
    await page.keyboard.press('Enter');
    // The new runbook opens in the editor.
    const tab = page.locator('.tab.active', { hasText: 'drain-a-node' });
    await tab.waitFor({ state: 'visible' });
    await page.waitForSelector('.tab.active:not(.dirty)');
    const added = readdirSync(join(ws.dir, 'infra/runbooks/platform')).filter((f) => !before.has(f));
    assert(added.length === 1, `expected one new file in infra/runbooks/platform, found ${JSON.stringify(added)}`);
    const rel = `infra/runbooks/platform/${added[0]}`;
    const text = readFileSync(join(ws.dir, rel), 'utf8');
    const id = /^runbook_id:\s*"?(RB-PLAT-\d{3})"?/m.exec(text)?.[1];
    assert(id && id !== 'RB-PLAT-001' && id !== 'RB-PLAT-002', `runbook_id not filled with a free id: ${/^runbook_id:.*$/m.exec(text)?.[0]}`);
    assert(new RegExp(`^last_reviewed:\\s*"?${today()}"?`, 'm').test(text), `last_reviewed is not today (${today()}): ${/^last_reviewed:.*$/m.exec(text)?.[0]}`);
    assert(text.includes(title), 'the title typed in is not in the file');
    const findings = lintJson(ws.dir, [rel])[rel] ?? [];
    const metaErrors = findings.filter((f) => ['RB101', 'RB102', 'RB106', 'RB107', 'RB108', 'RB109'].includes(f.ruleId) || (f.ruleId === 'RB104' && /runbook_id|last_reviewed|title/.test(f.message)));
    log(`new runbook ${rel} (${id}); findings left for the author: ${JSON.stringify(countIds(findings.map((f) => f.ruleId)))}`);
    assert(!metaErrors.length, `id/date/title problems in the new runbook: ${metaErrors.map((f) => `${f.ruleId} ${f.message}`).join('; ')}`);
  });

  await pictureScenarios({ scenario, page, browser, ws, log, assert, skipUnless, features, results: RESULTS });
  // A step of a scenario on screen, numbered with the scenario it belongs to.
  const stepShot = (name) => page.screenshot({ path: join(RESULTS, `${String(shot + 1).padStart(2, '0')}-step-${name}.png`) });
  await authoringScenarios({ scenario, page, ws, log, assert, skipUnless, features, lintJson, shot: stepShot });
  await alertScenarios({ scenario, page, ws, log, assert, skipUnless, features });
} catch (e) {
  results.push({ name: 'setup', status: 'failed', detail: (e.stack ?? String(e)).split('\n').slice(0, 8).join('\n') });
  console.log(`FAIL - setup (${e.message})`);
  await page?.screenshot({ path: join(RESULTS, '00-setup-failure.png') }).catch(() => {});
} finally {
  await browser?.close().catch(() => {});
  await server.stop();
  const left = processesMentioning(root);
  if (left.length) {
    results.push({ name: 'no process left behind', status: 'failed', detail: left.join('\n') });
    console.log(`FAIL - no process left behind:\n${left.join('\n')}`);
  }
  if (process.env.RUNBOOK_E2E_KEEP !== '1') rmSync(root, { recursive: true, force: true });
}

const n = (s) => results.filter((r) => r.status === s).length;
writeFileSync(join(RESULTS, 'results.json'), JSON.stringify({ seconds: (Date.now() - t0) / 1000, results }, null, 2));
console.log(`\ne2e: ${results.map((r) => `${r.status === 'passed' ? 'ok' : r.status} ${r.name}`).join('\n     ')}`);
console.log(`wall time ${((Date.now() - t0) / 1000).toFixed(0)} s; screenshots in ${RESULTS}`);
console.log(`${n('passed')} passed, ${n('failed')} failed, ${n('skipped')} skipped`);
process.exit(n('failed') ? 1 : 0);
