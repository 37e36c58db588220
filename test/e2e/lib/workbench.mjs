/* global document */
// Driving the VS Code workbench in the page the way a person does: keys, clicks, and reading
// what is on screen. Every wait is for a selector or a page condition, never a fixed sleep.
// Commands are reached through user keybindings seeded by name (KEYS), so no test depends on
// a command's title or on the command palette's ranking.

export const KEYS = {
  'workbench.actions.view.problems': 'ctrl+alt+shift+1',
  'editor.action.triggerSuggest': 'ctrl+alt+shift+2',
  'workbench.action.files.revert': 'ctrl+alt+shift+3',
  'runbooks.newRunbook': 'ctrl+alt+shift+4',
  'runbooks.tree.focus': 'ctrl+alt+shift+5',
  'runbooks.showDod': 'ctrl+alt+shift+6',
  'workbench.action.closeAllEditors': 'ctrl+alt+shift+7',
  'editor.action.showHover': 'ctrl+alt+shift+8',
  'workbench.action.files.save': 'ctrl+alt+shift+9',
  'workbench.action.revertAndCloseActiveEditor': 'ctrl+alt+shift+0',
  'runbooks.checkAll': 'ctrl+alt+shift+j',
  'runbooks.insertTemplate': 'ctrl+alt+shift+k',
  'outline.focus': 'ctrl+alt+shift+u',
};

export function keybindingsJson() {
  return JSON.stringify(Object.entries(KEYS).map(([command, key]) => ({ key, command })), null, 2);
}

const toPlaywright = (k) => k.split('+').map((p) => ({ ctrl: 'Control', alt: 'Alt', shift: 'Shift' })[p] ?? p).join('+');

export async function command(page, id) {
  if (!KEYS[id]) throw new Error(`no keybinding seeded for ${id}`);
  await page.keyboard.press(toPlaywright(KEYS[id]));
}

export async function waitForWorkbench(page) {
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 90_000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90_000 });
}

/** Opens a workspace file through Quick Open (Ctrl+P), as a person would. */
export async function openFile(page, relPath) {
  const base = relPath.split('/').pop();
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(relPath);
  // Click the matching entry: Enter would take whichever row has focus, and while the file
  // search is still running that can be a recently opened file.
  const row = page.locator(`.quick-input-list .monaco-list-row[aria-label*="${base}"]`).first();
  await row.waitFor({ state: 'visible', timeout: 60_000 }); // the first search indexes the workspace
  await row.click();
  await page.waitForSelector(`.tab.active[aria-label*="${base}"]`, { timeout: 30_000 });
  await page.waitForSelector('.editor-instance .monaco-editor.focused .view-lines', { timeout: 30_000 });
}

/** Moves the cursor with Go to Line (Ctrl+G) to 1-based line:column. */
export async function gotoLine(page, line, column = 1) {
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    ([l, c]) => [...document.querySelectorAll('.statusbar-item')].some((e) => e.textContent.trim() === `Ln ${l}, Col ${c}`),
    [line, column],
  );
}

/**
 * Opens the Problems panel; with `relPath`, types a glob for that file into its filter box (as a
 * person narrows the list to one file), so the list is short and every row is rendered.
 */
export async function showProblems(page, relPath) {
  await command(page, 'workbench.actions.view.problems');
  await page.waitForSelector('.markers-panel', { state: 'visible' });
  await page.locator('input[aria-label="Filter Problems"]').first().fill(relPath ? `**/${relPath}` : '');
}

/**
 * What the Problems panel lists, grouped by file name: [{id, severity, message, line}].
 * Reads the rendered rows (tree level 1 = file, 2 = marker).
 */
export async function readProblems(page) {
  return page.$$eval('.markers-panel .monaco-list-row', (rows) => {
    const out = {};
    let file = '';
    const sorted = rows.slice().sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
    for (const r of sorted) {
      if (r.getAttribute('aria-level') === '1') {
        file = r.querySelector('.label-name')?.textContent ?? '';
        out[file] ??= [];
        continue;
      }
      const icon = r.querySelector('.marker-icon');
      const severity = ['error', 'warning', 'info'].find((s) => icon?.classList.contains(s)) ?? 'unknown';
      const loc = /\[Ln (\d+), Col (\d+)\]/.exec(r.textContent ?? '');
      (out[file] ??= []).push({
        id: r.querySelector('.marker-code')?.textContent?.trim() ?? '',
        severity,
        message: r.querySelector('.marker-message')?.textContent ?? '',
        line: loc ? Number(loc[1]) : 0,
      });
    }
    return out;
  });
}

/** Waits until the Problems panel shows exactly `count` markers under file `name`. */
export async function waitForProblemCount(page, name, count, timeout = 60_000) {
  await page.waitForFunction(
    ([n, c]) => {
      const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
      let inFile = false;
      let k = 0;
      let sawFile = false;
      for (const r of rows) {
        if (r.getAttribute('aria-level') === '1') {
          inFile = r.querySelector('.label-name')?.textContent === n;
          sawFile ||= inFile;
        } else if (inFile) k++;
      }
      return c === 0 ? !sawFile || k === 0 : k === c;
    },
    [name, count],
    { timeout },
  );
}

/** The rendered text of the active editor's visible lines. */
export async function editorText(page) {
  return page.$eval('.editor-instance .monaco-editor .view-lines', (el) =>
    [...el.querySelectorAll('.view-line')]
      .map((l) => ({ top: parseFloat(l.style.top), text: l.textContent.replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text)
      .join('\n'),
  );
}

/** Labels offered by the suggest widget once it is open. */
export async function suggestions(page) {
  await page.waitForSelector('.editor-widget.suggest-widget.visible .monaco-list-row', { timeout: 30_000 });
  return page.$$eval('.editor-widget.suggest-widget.visible .monaco-list-row .label-name', (els) => els.map((e) => e.textContent.trim()));
}

/**
 * Every piece of text the page shows or announces (text nodes and attribute values), except
 * the editors' own rendering of the document text and their screen-reader text areas.
 */
export async function pageTextOutsideEditorText(page) {
  return page.evaluate(() => {
    const editorOwn = '.view-lines, .inputarea, .native-edit-context, .monaco-editor textarea';
    const parts = [document.title];
    const walk = (el) => {
      if (el.matches?.(editorOwn)) return;
      for (const a of el.attributes ?? []) parts.push(a.value);
      if (el.value && typeof el.value === 'string') parts.push(el.value);
      for (const c of el.childNodes) {
        if (c.nodeType === 3) parts.push(c.nodeValue);
        else if (c.nodeType === 1) walk(c);
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document.documentElement);
    for (const f of document.querySelectorAll('iframe')) {
      try {
        if (f.contentDocument) walk(f.contentDocument.documentElement);
      } catch {
        /* cross-origin webview frames are checked by the caller through page.frames() */
      }
    }
    return parts.join('\n');
  });
}
