// E2E scenario for alert <-> runbook coverage (issue 19): a rule file whose runbook_url leads
// nowhere shows RB601, and "Create runbook for this alert" (the lightbulb) runs New Runbook…
// pre-filled from the alert, writes the runbook, points runbook_url at it and clears the finding.
// Called from run.mjs with its scenario() runner and page; runs last (it adds a runbook).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countIds, lintJson } from './lib/features.mjs';
import { gotoLine, openFile, readProblems, showProblems, waitForProblemCount } from './lib/workbench.mjs';

const basename = (p) => p.split('/').pop();

export async function alertScenarios({ scenario, page, ws, log, assert, skipUnless, features }) {
  await scenario('Create runbook for this alert fixes a dangling runbook_url', async () => {
    skipUnless(features.commands.has('runbooks.createRunbookForAlert'), 'command runbooks.createRunbookForAlert is not contributed');
    const rules = 'infra/alerts/storage.rules.yaml';
    const name = basename(rules);
    const before = readFileSync(join(ws.dir, rules), 'utf8');
    await openFile(page, rules);
    await showProblems(page, rules);
    await waitForProblemCount(page, name, 1, 120_000);
    const shown = (await readProblems(page))[name] ?? [];
    assert(shown.length === 1 && shown[0].id === 'RB601' && shown[0].severity === 'error', `expected one RB601 error on ${rules}: ${JSON.stringify(shown)}`);
    log('rule file finding:', shown[0].message);
    // The lightbulb on the runbook_url line offers to create the runbook.
    const line = before.split('\n').findIndex((l) => l.includes('runbook_url:')) + 1;
    await gotoLine(page, line, 24);
    const bulb = page.locator('.lightBulbWidget').first();
    await bulb.waitFor({ state: 'visible' });
    await bulb.click();
    const item = page.locator('.action-widget .monaco-list-row.action', { hasText: 'Create runbook for this alert' }).first();
    await item.waitFor({ state: 'visible' });
    await item.click();
    // New Runbook… asks the category (the folder the dangling link names comes first), the title
    // (pre-filled from the alert's summary) and the severity (the label's mapping first).
    const categoryTitle = page.locator('.quick-input-widget .quick-input-title', { hasText: /category/i });
    await categoryTitle.waitFor({ state: 'visible' });
    const firstCategory = (await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().textContent())?.trim() ?? '';
    assert(firstCategory.startsWith('storage'), `the first category offered is not storage: ${firstCategory}`);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: /title/i }).waitFor({ state: 'visible' });
    const title = await page.locator('.quick-input-widget input').first().inputValue();
    assert(title === 'The object store is almost full', `the title is not pre-filled from the summary: "${title}"`);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: /severity/i }).waitFor({ state: 'visible' });
    const firstSeverity = (await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().textContent())?.trim() ?? '';
    assert(firstSeverity.startsWith('P1'), `the severity offered first is not P1 (critical): ${firstSeverity}`);
    await page.keyboard.press('Enter');
    // The new runbook opens, pre-filled from the alert.
    await page.locator('.tab.active', { hasText: 'the-object-store-is-almost-full' }).waitFor({ state: 'visible' });
    const rel = 'infra/runbooks/storage/the-object-store-is-almost-full.md';
    const text = readFileSync(join(ws.dir, rel), 'utf8');
    assert(/^related_alerts:\n {2}- "ObjectStoreDiskFull"$/m.test(text), `related_alerts does not name the alert:\n${text.split('\n').slice(0, 16).join('\n')}`);
    assert(/^severity: "P1"$/m.test(text), `severity is not P1: ${/^severity:.*$/m.exec(text)?.[0]}`);
    assert(/^- \*\*Symptom:\*\* Less than 5% of the usable capacity of <instance> is free; uploads will fail\.$/m.test(text), `the Summary symptom is not the alert's description: ${/Symptom.*$/m.exec(text)?.[0]}`);
    assert(text.includes('# The object store is almost full'), 'the H1 is not the title');
    // The rule file now links to it (saved), and the dangling-link finding is gone.
    const deadline = Date.now() + 30_000;
    let after = before;
    // Poll the disk until the save is complete (an editor save may truncate before it writes).
    while (Date.now() < deadline && !(after = readFileSync(join(ws.dir, rules), 'utf8')).includes('the-object-store-is-almost-full.md')) await page.waitForTimeout(250);
    assert(after === before.replace('../runbooks/storage/object-store-disk-full.md', '../runbooks/storage/the-object-store-is-almost-full.md'), `the rule file differs from the expected link update:\n${after}`);
    await openFile(page, rules);
    await showProblems(page, rules);
    await waitForProblemCount(page, name, 0);
    const findings = lintJson(ws.dir, [rel])[rel] ?? [];
    log(`created ${rel}; runbook_url updated; findings left for the author: ${JSON.stringify(countIds(findings.map((f) => f.ruleId)))}`);
    assert(!findings.some((f) => ['RB506', 'RB106', 'RB107'].includes(f.ruleId)), `id or alert problems in the new runbook: ${findings.map((f) => f.ruleId).join(' ')}`);
  });
}
