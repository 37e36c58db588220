// RB505: relative links point at runbooks, assets and headings that exist.
// Also exports the link helpers RB501 uses (GitHub heading slugs, relative link resolution).
import type { ResolvedConfig, Rule, WorkspaceFacts } from '../types.js';
import { isRunbookPath } from '../paths.js';
import type { Runbook } from '../model/runbook.js';
import { TextCache } from '../model/cover.js';

// Regular expressions at module level: a literal inside a function is a new RegExp object at every
// evaluation (~0.1 µs and ~56 bytes), and these run per link of every check.
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const TEMPLATED = /[{}<>]/;
const QUERY = /\?.*$/;
const TRAILING_SLASH = /\/$/;

const slugs = new TextCache<string>();

/** GitHub-style heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function slugify(heading: string): string {
  return slugs.get(heading) ?? slugs.put(heading, heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
}

/** Anchors of a list of headings, with GitHub's -1, -2 suffixes for repeats. */
export function anchors(headings: string[]): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const h of headings) {
    const s = slugify(h);
    const n = seen.get(s) ?? 0;
    out.add(n ? `${s}-${n}` : s);
    seen.set(s, n + 1);
  }
  return out;
}

export interface ResolvedLink {
  /** Workspace-relative target path ('' for a same-document anchor). */
  path: string;
  anchor?: string;
}

/** Resolves a relative link against the runbook's folder; undefined for external, templated or escaping links. */
export function resolveLink(from: string | undefined, url: string): ResolvedLink | undefined {
  const u = url.trim();
  if (!u || URL_SCHEME.test(u) || u.startsWith('//') || TEMPLATED.test(u)) return undefined;
  const hash = u.indexOf('#');
  const pathPart = (hash >= 0 ? u.slice(0, hash) : u).replace(QUERY, '');
  const anchor = hash >= 0 ? u.slice(hash + 1) : undefined;
  if (!pathPart) return { path: '', anchor };
  if (from === undefined) return undefined;
  let decoded = pathPart;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    /* keep it as written */
  }
  const base = decoded.startsWith('/') ? [] : from.split('/').slice(0, -1);
  const parts = [...base];
  for (const seg of decoded.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!parts.length) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return { path: parts.join('/'), anchor };
}

/**
 * Whether the facts can say a target is missing: any path when the shell gave `exists`; with only
 * a runbook list (tests, partial scans), runbook paths only.
 */
export function knowsTarget(ws: WorkspaceFacts, config: ResolvedConfig, path: string): boolean {
  return typeof ws.exists === 'function' || (ws.runbooks.length > 0 && isRunbookPath(path, config.include, config.exclude));
}

export function targetExists(ws: WorkspaceFacts, path: string): boolean {
  return ws.exists ? ws.exists(path) || ws.exists(path.replace(TRAILING_SLASH, '')) : ws.runbooks.some((r) => r.path === path);
}

function ownAnchors(rb: Runbook): Set<string> {
  return anchors(rb.headings.map((h) => h.text));
}

const rule: Rule = {
  id: 'RB505',
  name: 'link-target',
  description: 'Relative links point at runbooks, assets and headings that exist.',
  rationale: 'A broken link in the middle of an incident costs time exactly when there is none. Links are resolved against the runbook\'s folder; anchors against the target\'s headings.',
  defaultSeverity: 'warning',
  group: 'links',
  presets: { strict: 'error' },
  fixable: false,
  check(ctx) {
    const rb = ctx.runbook;
    const ws = ctx.workspace;
    let own: Set<string> | undefined;
    for (const l of rb.links) {
      const t = resolveLink(rb.path, l.url);
      if (!t) continue;
      if (t.path === '' || t.path === rb.path) {
        if (!t.anchor) continue;
        own ??= ownAnchors(rb);
        if (!own.has(t.anchor.toLowerCase())) ctx.report({ range: l.range, message: `The anchor "#${t.anchor}" matches no heading in this runbook: fix the link or the heading.` });
        continue;
      }
      if (!knowsTarget(ws, ctx.config, t.path)) continue;
      if (!targetExists(ws, t.path)) {
        ctx.report({ range: l.range, message: `The link target "${t.path}" does not exist in the workspace: fix the path or restore the file.` });
        continue;
      }
      const target = t.anchor ? ws.runbooks.find((r) => r.path === t.path) : undefined;
      if (target?.headings && !anchors(target.headings).has(t.anchor!.toLowerCase())) {
        ctx.report({ range: l.range, message: `"${t.path}" has no heading for the anchor "#${t.anchor}": fix the link or the heading.` });
      }
    }
  },
};

export default rule;
