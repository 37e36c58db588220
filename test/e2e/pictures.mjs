// E2E scenarios for the pictures (issue 20): the health report opened from disk in Chromium, the
// same report over the real corpora (time to render, responsiveness), and the Show Step Graph
// webview in code-server. Called from run.mjs with its scenario() runner and page.
/* global document, window, performance, getComputedStyle, Event */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openFile } from './lib/workbench.mjs';
import { REPO } from './lib/workspace.mjs';

const CLI = join(REPO, 'dist', 'cli.js');
const SHARED = existsSync(join(REPO, '..', 'shared')) ? realpathSync(join(REPO, '..', 'shared')) : join(REPO, '..', 'shared');
export const GRAPH_FILE = 'infra/runbooks/gitops/unstick-sync-wave.md';

function report(cwd, args) {
  const r = spawnSync(process.execPath, [CLI, 'report', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`runbook-lint report failed (${r.status}): ${r.stderr}`);
  return r;
}

/** Boxes of the elements matching `sel` that overlap one another (names them). */
async function overlaps(frame, sel) {
  return frame.evaluate((s) => {
    const boxes = [...document.querySelectorAll(s)].map((e) => ({ id: e.getAttribute('data-id') ?? `label ${e.getAttribute('data-from')}>${e.getAttribute('data-to')}`, r: e.getBoundingClientRect() }));
    const out = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r;
        const b = boxes[j].r;
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) out.push(`${boxes[i].id} / ${boxes[j].id}`);
      }
    // Text wider than its node's box.
    for (const g of document.querySelectorAll('.rb-node')) {
      const box = g.querySelector('rect').getBoundingClientRect();
      for (const t of g.querySelectorAll('text')) {
        const r = t.getBoundingClientRect();
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5) out.push(`text "${t.textContent}" overflows ${g.getAttribute('data-id')}`);
      }
    }
    return out;
  }, sel);
}

export async function pictureScenarios({ scenario, page, browser, ws, log, assert, skipUnless, features, results: RESULTS }) {
  await scenario('health report opened from disk: cards match runbook-lint, table sorts and filters, charts are labelled, nothing leaves the page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-report-'));
    report(REPO, ['examples', '--output', join(dir, 'report.html')]);
    const want = JSON.parse(spawnSync(process.execPath, [CLI, '--format', 'json', 'examples'], { cwd: REPO, encoding: 'utf8' }).stdout);
    const p = await browser.newPage({ viewport: { width: 1400, height: 1000 }, colorScheme: 'light' });
    const url = pathToFileURL(join(dir, 'report.html')).href;
    const outside = [];
    p.on('request', (r) => r.url() !== url && !r.url().startsWith(`${url}#`) && outside.push(r.url()));
    const errors = [];
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    p.on('pageerror', (e) => errors.push(String(e)));
    try {
      await p.goto(url);
      const card = async (k) => Number(await p.locator(`[data-card="${k}"] .value`).evaluate((e) => e.firstChild.textContent.trim()));
      const stale = want.files.filter((f) => f.findings.some((x) => x.ruleId === 'RB108')).length;
      const shown = { runbooks: await card('runbooks'), errors: await card('errors'), warnings: await card('warnings'), stale: await card('stale') };
      log('report cards:', JSON.stringify(shown));
      assert(shown.runbooks === want.summary.files, `runbooks card ${shown.runbooks} != ${want.summary.files}`);
      assert(shown.errors === want.summary.errors, `errors card ${shown.errors} != ${want.summary.errors}`);
      assert(shown.warnings === want.summary.warnings, `warnings card ${shown.warnings} != ${want.summary.warnings}`);
      assert(shown.stale === stale, `stale card ${shown.stale} != ${stale} files with RB108`);
      const avg = want.files.reduce((a, f) => a + f.dod.score, 0) / want.files.length;
      assert(Math.abs((await card('dod')) - avg) < 0.051, `DoD card differs from the average ${avg}`);
      // Charts: a title and two axis labels each, on screen.
      const charts = await p.$$eval('figure.chart svg', (svgs) =>
        svgs.map((s) => ({ title: s.querySelector('title')?.textContent ?? '', axes: [...s.querySelectorAll('.axis-label')].filter((a) => a.getBoundingClientRect().width > 0).map((a) => a.textContent) })),
      );
      log('charts:', JSON.stringify(charts));
      assert(charts.length === 2, `expected 2 charts, found ${charts.length}`);
      for (const c of charts) assert(c.title.length > 5 && c.axes.length === 2 && c.axes.every((a) => a.length > 3), `chart without a title or axis labels: ${JSON.stringify(c)}`);
      assert(await p.locator('#review-age .threshold-label').isVisible(), 'the review limit is not marked');
      // Sort by DoD (ascending, then descending) and by path.
      const column = (k) => p.$$eval('#runbook-table tbody tr:not([hidden])', (rows, key) => rows.map((r) => r.getAttribute(`data-${key}`)), k);
      await p.locator('th[data-key="dod"] button').click();
      const up = (await column('dod')).map(Number);
      assert(up.every((v, i) => i === 0 || up[i - 1] <= v), `DoD not ascending: ${up}`);
      assert((await p.getAttribute('th[data-key="dod"]', 'aria-sort')) === 'ascending', 'aria-sort not set');
      await p.locator('th[data-key="dod"] button').click();
      const down = (await column('dod')).map(Number);
      assert(down.every((v, i) => i === 0 || down[i - 1] >= v) && down[0] > down[down.length - 1], `DoD not descending: ${down}`);
      // Filter by text, then by category; the count follows.
      await p.fill('#filter', 'crashloop');
      await p.waitForFunction(() => document.querySelectorAll('#runbook-table tbody tr:not([hidden])').length === 1);
      assert((await column('path'))[0].endsWith('pod-crashloopbackoff.md'), 'the text filter kept the wrong row');
      assert((await p.textContent('#shown')) === `1 of ${want.summary.files} runbooks`, 'the shown count is wrong');
      await p.fill('#filter', '');
      await p.selectOption('#category', 'storage');
      await p.waitForFunction(() => document.querySelectorAll('#runbook-table tbody tr:not([hidden])').length === 1);
      assert((await column('category'))[0] === 'storage', 'the category filter kept the wrong row');
      await p.selectOption('#category', '');
      await p.check('#only-errors');
      const withErrors = want.files.filter((f) => f.findings.some((x) => x.severity === 'error')).length;
      await p.waitForFunction((n) => document.querySelectorAll('#runbook-table tbody tr:not([hidden])').length === n, withErrors);
      await p.uncheck('#only-errors');
      // A runbook's link shows its step graph and findings.
      await p.locator('#runbook-table a', { hasText: 'argocd-sync-stuck.md' }).click();
      const detail = p.locator('.detail:visible');
      await detail.waitFor({ state: 'visible' });
      const nodes = await detail.locator('svg.rb-graph .rb-node').count();
      assert(nodes >= 6, `the detail shows ${nodes} graph nodes`);
      await p.screenshot({ path: join(RESULTS, 'report-detail.png') });
      await p.locator('#runbook-table').scrollIntoViewIfNeeded();
      await p.evaluate(() => window.scrollTo(0, 0));
      await p.screenshot({ path: join(RESULTS, 'report-light.png'), fullPage: true });
      await p.emulateMedia({ colorScheme: 'dark' });
      await p.screenshot({ path: join(RESULTS, 'report-dark.png') });
      assert(!outside.length, `requests left the page: ${outside.join(', ')}`);
      assert(!errors.length, `console errors (CSP violations?): ${errors.join('; ')}`);
    } finally {
      await p.close();
    }
  });

  await scenario('health report over the real corpora renders in under 5 s and stays responsive', async () => {
    const sources = ['corpora', 'team-runbooks'].map((d) => join(SHARED, d)).filter((d) => existsSync(d));
    skipUnless(sources.length === 2, '../shared/corpora and ../shared/team-runbooks');
    const dir = mkdtempSync(join(tmpdir(), 'rb-report-big-'));
    const t0 = Date.now();
    // Globs relative to the repository (runbook-lint takes relative globs; these folders have no runbooks/ level).
    report(REPO, [...sources.map((s) => `${relative(REPO, s)}/**/*.md`), '--output', join(dir, 'report.html')]);
    log(`report over the corpora written in ${((Date.now() - t0) / 1000).toFixed(1)} s (machine load ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
    const p = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    try {
      const start = Date.now();
      await p.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
      await p.waitForSelector('#runbook-table tbody tr');
      const nav = await p.evaluate(() => {
        const n = performance.getEntriesByType('navigation')[0];
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        return { load: n.loadEventEnd, dcl: n.domContentLoadedEventEnd, fcp: paint?.startTime ?? -1, rows: document.querySelectorAll('#runbook-table tbody tr').length };
      });
      const wall = Date.now() - start;
      log(`corpora report: ${nav.rows} rows, first paint ${nav.fcp.toFixed(0)} ms, load ${nav.load.toFixed(0)} ms, wall ${wall} ms`);
      assert(nav.rows > 400, `only ${nav.rows} rows`);
      // The browser's own clock (navigation start → load event end); the wall time adds this harness's round trips.
      assert(nav.load < 5000, `the page took ${nav.load.toFixed(0)} ms to load (wall ${wall} ms)`);
      // Responsive: a sort and a filter answer within a frame budget a person does not notice.
      const ms = await p.evaluate(() => {
        const t = performance.now();
        document.querySelector('th[data-key="errors"] button').click();
        const sort = performance.now() - t;
        const cat = document.getElementById('category');
        cat.value = cat.options[1].value;
        const t2 = performance.now();
        cat.dispatchEvent(new Event('change'));
        return { sort, filter: performance.now() - t2 };
      });
      log(`sort ${ms.sort.toFixed(1)} ms, filter ${ms.filter.toFixed(1)} ms`);
      // A second is where a person loses the flow (≈ 50 ms here when the machine is not overloaded).
      assert(ms.sort < 1000 && ms.filter < 1000, `sorting took ${ms.sort} ms, filtering ${ms.filter} ms`);
      await p.evaluate(() => window.scrollTo(0, 0));
      await p.screenshot({ path: join(RESULTS, 'report-corpora.png') });
    } finally {
      await p.close();
    }
  });

  await scenario('Show Step Graph draws branches, a dead end, an unreachable and a missing step, follows typing and reveals a clicked step', async () => {
    skipUnless(features.commands.has('runbooks.showStepGraph'), 'command runbooks.showStepGraph is not contributed');
    mkdirSync(join(ws.dir, 'infra/runbooks/gitops'), { recursive: true });
    copyFileSync(join(REPO, 'test/cli/data/graph/branches.md'), join(ws.dir, GRAPH_FILE));
    const text = readFileSync(join(ws.dir, GRAPH_FILE), 'utf8');
    await openFile(page, GRAPH_FILE);
    // The editor title button, as a person would click it.
    const button = page.locator('.editor-actions .action-item a[aria-label*="Show Step Graph"]').first();
    await button.waitFor({ state: 'visible', timeout: 60_000 });
    await button.click();
    let frame;
    await page.waitForFunction(() => true);
    for (let i = 0; i < 120 && !frame; i++) {
      for (const f of page.frames()) if (await f.$('#graph .rb-node').catch(() => null)) frame = f;
      if (!frame) await page.waitForTimeout(500);
    }
    assert(frame, 'no webview with a drawn step graph appeared');
    const nodes = await frame.$$eval('#graph .rb-node', (els) => els.map((e) => ({ id: e.getAttribute('data-id'), cls: e.getAttribute('class'), text: e.textContent })));
    log('graph nodes:', nodes.map((n) => `${n.id}${/rb-(dead-end|unreachable|missing)/.exec(n.cls)?.[0] ?? ''}`).join(' '));
    assert(nodes.filter((n) => /rb-type-step/.test(n.cls)).length === 7, `expected 7 steps, got ${nodes.length} nodes`);
    const has = (id, mark) => nodes.some((n) => n.id === id && n.cls.includes(mark));
    assert(has('S2A', 'rb-dead-end') && nodes.find((n) => n.id === 'S2A').text.includes('dead end'), 'Step 2A is not marked as a dead end');
    assert(has('S2C', 'rb-unreachable'), 'Step 2C is not marked unreachable');
    assert(has('missing_7', 'rb-missing'), 'the missing Step 7 is not drawn');
    const labels = await frame.$$eval('#graph .rb-edge-label', (els) => els.map((e) => e.textContent));
    assert(labels.some((l) => l.includes('If the operation names a hook')), `branch conditions not shown: ${labels.join(' | ')}`);
    const bad = await overlaps(frame, '#graph .rb-node, #graph .rb-edge-label');
    assert(!bad.length, `overlapping boxes: ${bad.join('; ')}`);
    // Theme-aware: text takes the editor foreground, boxes the widget background.
    const colours = await frame.evaluate(() => ({ text: getComputedStyle(document.querySelector('.rb-node text')).fill, body: getComputedStyle(document.body).color }));
    assert(colours.text === colours.body, `graph text ${colours.text} is not the theme's foreground ${colours.body}`);
    const summary = await frame.textContent('#summary');
    assert(/7 steps · 1 dead end · 1 unreachable step · 1 missing step/.test(summary), `summary: ${summary}`);
    // The picture for the README: the runbook beside its graph, without the side bar.
    const size = page.viewportSize();
    await page.setViewportSize({ width: 1760, height: 1000 });
    await page.keyboard.press('Control+B');
    await page.waitForSelector('.part.sidebar', { state: 'hidden' }).catch(() => {});
    await frame.waitForFunction(() => document.querySelector('#graph').scrollWidth <= document.querySelector('#graph').clientWidth + 1, null, { timeout: 5000 }).catch(() => {});
    await page.screenshot({ path: join(RESULTS, 'step-graph-webview.png') });
    await page.keyboard.press('Control+B');
    await page.setViewportSize(size);
    await frame.locator('#graph').screenshot({ path: join(RESULTS, 'step-graph-only.png') });
    // Click Step 3: the editor goes to its heading.
    const line3 = text.split('\n').findIndex((l) => l.startsWith('## Step 3')) + 1;
    await frame.click('#graph .rb-node[data-id="S3"]');
    await page.waitForFunction((l) => [...document.querySelectorAll('.statusbar-item')].some((e) => e.textContent.trim().startsWith(`Ln ${l},`)), line3, { timeout: 15_000 });
    // Give Step 2A a way forward by typing: the dead end goes away without saving.
    // A new line above "Read the hook's logs…" (Home then Enter: End would stop at a wrapped line's end).
    const line2a = text.split('\n').findIndex((l) => l.startsWith("Read the hook's logs")) + 1;
    await page.keyboard.press('Control+G');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(`${line2a}:1`);
    await page.keyboard.press('Enter');
    await page.waitForFunction((l) => [...document.querySelectorAll('.statusbar-item')].some((e) => e.textContent.trim() === `Ln ${l}, Col 1`), line2a);
    await page.keyboard.type('- If the hook failed on the new release → go to Step 3', { delay: 5 });
    await page.keyboard.press('Escape'); // a completion list for "Step 3" may be open: Enter must not accept it
    await page.keyboard.press('Enter');
    await frame
      .waitForFunction(() => document.querySelector('#graph .rb-edge[data-from="S2A"][data-to="S3"]') && !document.querySelector('#graph .rb-node[data-id="S2A"]').classList.contains('rb-dead-end'), null, { timeout: 20_000 })
      .catch(async () => {
        const edges = await frame.$$eval('#graph .rb-edge', (els) => els.map((e) => `${e.getAttribute('data-from')}>${e.getAttribute('data-to')}`));
        throw new Error(`the new branch S2A → S3 is not drawn: ${edges.join(' ')}`);
      });
    await page.screenshot({ path: join(RESULTS, 'step-graph-after-typing.png') });
    log('redrawn after typing: S2A → S3');
  });

  await scenario('Open Runbook Health Report shows the workspace report in a webview, the leaked token only as its kind', async () => {
    skipUnless(features.commands.has('runbooks.openHealthReport'), 'command runbooks.openHealthReport is not contributed');
    const want = JSON.parse(spawnSync(process.execPath, [CLI, '--format', 'json', 'infra/runbooks'], { cwd: ws.dir, encoding: 'utf8' }).stdout);
    // From the command palette, by its title, as a person would.
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type('Open Runbook Health Report');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Runbook Health Report' }).first();
    await row.waitFor({ state: 'visible' });
    await row.click();
    let frame;
    for (let i = 0; i < 120 && !frame; i++) {
      for (const f of page.frames()) if (await f.$('[data-card="runbooks"]').catch(() => null)) frame = f;
      if (!frame) await page.waitForTimeout(500);
    }
    assert(frame, 'no webview with the health report appeared');
    const runbooks = Number(await frame.$eval('[data-card="runbooks"]', (e) => e.getAttribute('data-value')));
    log(`report webview: ${runbooks} runbooks; runbook-lint checks ${want.summary.files}`);
    assert(runbooks === want.summary.files, `the report counts ${runbooks} runbooks, runbook-lint ${want.summary.files}`);
    const html = await frame.evaluate(() => document.documentElement.outerHTML);
    for (let i = 4; i + 8 <= ws.secret.length; i++) assert(!html.includes(ws.secret.slice(i, i + 8)), 'part of the leaked token is in the report webview');
    assert(/RB401/.test(html) && /GitHub/i.test(html) && /[0-9a-f]{12}/.test(html), 'the report does not show the secret finding by kind and fingerprint');
    await page.screenshot({ path: join(RESULTS, 'report-webview.png') });
    // A runbook's detail has "Open <path>": the editor opens that runbook beside the report.
    await frame.click('#runbook-table tbody tr a[href^="#rb-"]');
    const open = frame.locator('.detail.open a.open-file');
    const name = (await open.textContent()).replace(/^Open /, '').split('/').pop();
    await open.click();
    await page.waitForFunction((n) => [...document.querySelectorAll('.editor-group-container.active .tab.active')].some((t) => (t.getAttribute('aria-label') ?? t.textContent).includes(n)), name, { timeout: 15_000 });
    log(`report "Open" link opened ${name} in the editor`);
  });
}
