// Where New Runbook… puts a file: `<runbooks root>/<category>/<kebab-title>.md`. No vscode API.
import { DEFAULT_AREAS } from '../../../server/src/core/config';
import { nextFreeId } from '../../../server/src/core/ids';
import { defaultConfig } from '../../../server/src/core/config';
import type { RunbookFact } from '../../../server/src/core/types';

/** "Restore Ingress: 502s (prod)" → "restore-ingress-502s-prod". */
export function kebabCase(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** Why a title cannot name a file, or undefined when it can. */
export function validateTitle(title: string): string | undefined {
  if (!title.trim()) return 'Type a short, action-oriented title.';
  if (!kebabCase(title)) return 'The title needs letters or digits to make a file name.';
  return undefined;
}

/** Workspace-relative path of the new runbook. `root` is the runbooks folder (e.g. `infra/runbooks`). */
export function runbookFilePath(root: string, category: string, title: string): string {
  return `${root.replace(/\/+$/, '')}/${category}/${kebabCase(title)}.md`;
}

/** The runbooks root of a workspace-relative runbook path: everything up to and including `runbooks`. */
export function runbooksRootOf(path: string): string | undefined {
  const s = path.split('/');
  const i = s.lastIndexOf('runbooks');
  return i >= 0 && i < s.length - 1 ? s.slice(0, i + 1).join('/') : undefined;
}

/** The next free `RB-<AREA>-<NNN>` for a category, given the ids already used. */
export function nextRunbookId(category: string, usedIds: string[], areas: Record<string, string> = DEFAULT_AREAS): string {
  const config = { ...defaultConfig(), areas: { ...DEFAULT_AREAS, ...areas } };
  const runbooks: RunbookFact[] = usedIds.map((runbookId, i) => ({ path: `#${i}`, runbookId }));
  return nextFreeId(category, config, { runbooks, alerts: [] });
}
