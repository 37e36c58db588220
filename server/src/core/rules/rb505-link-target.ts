// RB505: relative links point at runbooks, assets and headings that exist.
// Also exports the link helpers RB501 uses (GitHub heading slugs, relative link resolution).
import type { ResolvedConfig, Rule, WorkspaceFacts } from '../types.js';
import { isRunbookPath } from '../paths.js';
import type { Runbook } from '../model/runbook.js';
import { TextCache } from '../model/cover.js';
import { joinPath, linkCandidates, siteOf, type LinksConfig, type Site } from '../links.js';

// Regular expressions at module level: a literal inside a function is a new RegExp object at every
// evaluation (~0.1 µs and ~56 bytes), and these run per link of every check.
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const TEMPLATED = /[{}<>]/;
const QUERY = /\?.*$/;
const TRAILING_SLASH = /\/$/;
/** A heading without a trailing `{#id}` attribute (not part of its slug). */
function withoutIdAttribute(heading: string): string {
  const t = heading.trimEnd();
  const open = t.lastIndexOf('{#');
  return open >= 0 && t.endsWith('}') && ID_ATTRIBUTE.test(t.slice(open)) ? t.slice(0, open) : heading;
}
const ID_ATTRIBUTE = /^\{#[\w:.-]+\}$/;

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
  /** Workspace-relative target path ('' for a same-document anchor): the literal reading. */
  path: string;
  anchor?: string;
  /** Every path the link may name (static-site readings after the literal one), see core/links.ts. */
  candidates?: string[];
}

/**
 * Resolves a relative link against the runbook's folder (and, for page links in a static site,
 * the site's readings); undefined for external, templated or escaping links.
 */
export function resolveLink(from: string | undefined, url: string, site?: { site: Site; links: LinksConfig }): ResolvedLink | undefined {
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
  const literal = joinPath(decoded.startsWith('/') ? '' : from.split('/').slice(0, -1).join('/'), decoded);
  if (literal === undefined) return undefined;
  if (!site) return { path: literal, anchor };
  const candidates = [literal, ...linkCandidates(from, decoded, site.site, site.links).filter((c) => c !== literal)];
  return { path: literal, anchor, candidates };
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

/** The first reading of a link whose target exists, if any. */
export function existingTarget(ws: WorkspaceFacts, t: ResolvedLink): string | undefined {
  return (t.candidates ?? [t.path]).find((p) => targetExists(ws, p));
}

/**
 * `id="…"` / `name="…"` anchors of HTML elements and `{#id}` attributes (kramdown, Hugo, MkDocs). A tag is
 * read up to the next `<` or `>` and its attributes inside it, so text full of unclosed `<a ` stays linear.
 */
const HTML_TAG = /<([a-z][\w-]*)\s[^<>]*>/gi;
const ANCHOR_ATTRIBUTE = /\b(name|id)\s*=\s*["']([^"'<>]+)["']/gi;
const ATTRIBUTE_ANCHOR = /\{#([\w:.-]+)\}/g;

/** Anchors written explicitly in a text (outside what the heading slugs give). */
export function explicitAnchors(text: string): string[] {
  if (!text.includes('id') && !text.includes('name') && !text.includes('{#')) return [];
  const out: string[] = [];
  for (const tag of text.matchAll(HTML_TAG)) {
    const isLink = tag[1]!.toLowerCase() === 'a';
    for (const a of tag[0].matchAll(ANCHOR_ATTRIBUTE)) if (isLink || a[1]!.toLowerCase() === 'id') out.push(a[2]!.toLowerCase());
  }
  for (const m of text.matchAll(ATTRIBUTE_ANCHOR)) out.push(m[1]!.toLowerCase());
  return out;
}

function ownAnchors(rb: Runbook): Set<string> {
  const own = anchors(rb.headings.map((h) => withoutIdAttribute(h.text)));
  for (const a of explicitAnchors(rb.text)) own.add(a);
  return own;
}

const rule: Rule = {
  id: 'RB505',
  name: 'link-target',
  description: 'Relative links and images point at runbooks, assets and headings that exist (static-site page links too: `x.html`, `x/` and `/x` resolve to their source files).',
  rationale:
    'A broken link in the middle of an incident costs time exactly when there is none. Links are resolved against the runbook\'s folder; anchors against the target\'s headings and explicit anchors (`<a name>`, `id="…"`, `{#id}`). ' +
    'In a static-site repository a page link (`x.html`, `x/`, `x`, `/x`) resolves to its source (`x.md`, `x.html.md.erb`, `x/index.md`, `x/_index.md`), relative to the page\'s folder or its own URL (Hugo, MkDocs, Jekyll), root-relative links against the site root: the `links:` section of the config sets `extensions` and `siteRoot`; without it Middleman tech-docs, Hugo, Jekyll and MkDocs are detected by their config files, else by their source folders (`source/`, `content/`, `docs/`).',
  defaultSeverity: 'warning',
  group: 'links',
  presets: { strict: 'error' },
  fixable: false,
  check(ctx) {
    const rb = ctx.runbook;
    const ws = ctx.workspace;
    const links = ctx.config.links;
    let own: Set<string> | undefined;
    let site: Site | undefined;
    for (const l of rb.links) {
      if (!l.url.trim() || URL_SCHEME.test(l.url.trim())) continue;
      site ??= siteOf(rb.path, ws, links);
      const t = resolveLink(rb.path, l.url, { site, links });
      if (!t) continue;
      const what = l.image ? 'image' : 'link target';
      if (t.path === '' || t.path === rb.path) {
        if (!t.anchor) continue;
        own ??= ownAnchors(rb);
        if (!own.has(t.anchor.toLowerCase())) ctx.report({ range: l.range, message: `The anchor "#${t.anchor}" matches no heading in this runbook: fix the link or the heading.` });
        continue;
      }
      if (!knowsTarget(ws, ctx.config, t.path)) continue;
      const found = existingTarget(ws, t);
      if (found === undefined) {
        ctx.report({ range: l.range, message: `The ${what} "${t.path}" does not exist in the workspace: fix the path or restore the file.` });
        continue;
      }
      const target = t.anchor ? ws.runbooks.find((r) => r.path === found) : undefined;
      if (target?.headings && !anchors(target.headings.map((h) => withoutIdAttribute(h))).has(t.anchor!.toLowerCase()) && !target.anchors?.includes(t.anchor!.toLowerCase())) {
        ctx.report({ range: l.range, message: `"${found}" has no heading for the anchor "#${t.anchor}": fix the link or the heading.` });
      }
    }
  },
};

export default rule;
