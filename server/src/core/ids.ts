// Runbook ids: `RB-<AREA>-<NNN>`, area from the category folder, next free number from the workspace.
import type { ResolvedConfig, WorkspaceFacts } from './types.js';

export const ID_PATTERN = /^RB-([A-Z][A-Z0-9]*)-(\d{3,})$/;

export function areaFor(category: string | undefined, config: ResolvedConfig): string | undefined {
  return category ? config.areas[category] : undefined;
}

/** Next free id for a category: one above the highest number used with that area. */
export function nextFreeId(category: string | undefined, config: ResolvedConfig, ws: WorkspaceFacts, exceptPath?: string): string {
  const area = areaFor(category, config) ?? 'AREA';
  let max = 0;
  for (const r of ws.runbooks) {
    if (exceptPath && r.path === exceptPath) continue;
    const m = r.runbookId ? ID_PATTERN.exec(r.runbookId) : null;
    if (m && m[1] === area) max = Math.max(max, Number(m[2]));
  }
  return `RB-${area}-${String(max + 1).padStart(3, '0')}`;
}
