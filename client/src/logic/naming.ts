// Where New Runbook… puts a file: `<runbooks root>/<category>/<kebab-title>.md`. No vscode API.
import { nextFreeId } from '../../../server/src/core/ids';
import type { ResolvedConfig } from '../../../server/src/core/types';

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

/**
 * The next free `RB-<AREA>-<NNN>` for a category, given the ids already used and the area codes
 * (the server answers `runbooks/nextId` with the configured areas; this is its offline twin).
 */
export function nextRunbookId(category: string, usedIds: string[], areas: Record<string, string>): string {
  const runbooks = usedIds.map((runbookId, i) => ({ path: `#${i}`, runbookId }));
  return nextFreeId(category, { areas } as Pick<ResolvedConfig, 'areas'> as ResolvedConfig, { runbooks, alerts: [] });
}

/** Today as `YYYY-MM-DD`, local time (what `last_reviewed` means). The core's twin lives with the engine. */
export function localToday(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * The categories New Runbook… offers: the seed's, then other folders that hold runbooks or exist
 * below the runbooks root. "new folder" only for those that do not exist yet.
 */
export function categoryChoices(known: readonly string[], folders: Iterable<string>, root: string, describe: Record<string, string> = {}): { label: string; description: string; detail?: string }[] {
  const existing = new Set([...folders].filter((f) => f && !f.startsWith('_') && !f.startsWith('.') && !f.endsWith('.md')));
  return [...new Set([...known, ...existing])].map((c) => ({
    label: c,
    description: describe[c] ?? '',
    detail: existing.has(c) ? undefined : `new folder ${root}/${c}/`,
  }));
}
