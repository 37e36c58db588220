// RB503: runbooks in categories that need owner review (security, storage, gitops by default)
// are covered by a CODEOWNERS rule. Also exports the CODEOWNERS matcher (gitignore-style
// patterns, last match wins) for the workspace index and the DoD report.
import { globMatcher } from '../glob.js';
import type { CodeownersRule, Rule, WorkspaceFacts } from '../types.js';

const compiled = new Map<string, (p: string) => boolean>();

/** Whether a CODEOWNERS pattern matches a repository-relative path. */
export function codeownersPatternMatches(pattern: string, path: string): boolean {
  let m = compiled.get(pattern);
  if (!m) {
    let p = pattern.trim();
    const anchored = p.startsWith('/');
    if (anchored) p = p.slice(1);
    const dirOnly = p.endsWith('/');
    if (dirOnly) p = p.slice(0, -1);
    const hasSlash = p.includes('/');
    const base = anchored || hasSlash ? p : `**/${p}`;
    const globs = dirOnly ? [`${base}/**`] : [base, `${base}/**`];
    const fn = p === '*' || p === '**' ? () => true : globMatcher(globs, { dot: true });
    m = fn;
    compiled.set(pattern, m);
  }
  return m(path.replace(/^\.?\//, ''));
}

/** Owners of a path: the last matching rule wins; a matching rule without owners un-owns it. */
export function ownersOf(rules: readonly CodeownersRule[], path: string): string[] | undefined {
  for (let i = rules.length - 1; i >= 0; i--) {
    if (codeownersPatternMatches(rules[i]!.pattern, path)) return rules[i]!.owners;
  }
  return undefined;
}

/** The facts come from a real workspace scan (not an empty stand-in). */
export function workspaceKnown(ws: WorkspaceFacts): boolean {
  return typeof ws.exists === 'function' || ws.runbooks.length > 0 || ws.codeowners !== undefined;
}

const rule: Rule = {
  id: 'RB503',
  name: 'codeowners',
  description: 'A runbook in a category that needs owner review (`codeowners.requiredFor`: security, storage, gitops) is covered by a CODEOWNERS rule.',
  rationale: 'The seed: use PRs and require review (CODEOWNERS or equivalent), especially for security/, storage/ and gitops/. Checked only when the workspace was scanned.',
  dod: 'owner-review',
  defaultSeverity: 'warning',
  group: 'lifecycle',
  presets: { strict: 'error' },
  fixable: false,
  check(ctx) {
    const rb = ctx.runbook;
    if (!rb.path || !ctx.category || !ctx.config.codeowners.requiredFor.includes(ctx.category)) return;
    const ws = ctx.workspace;
    if (!workspaceKnown(ws)) return;
    const r = rb.h1?.range ?? rb.frontMatter?.range ?? { start: 0, end: 0 };
    const range = { start: r.start, end: Math.min(r.end, r.start + 200) };
    if (!ws.codeowners) {
      ctx.report({ range, message: `Runbooks in ${ctx.category}/ need owner review, but the repository has no CODEOWNERS file: add one with a rule for ${ctx.category}/.` });
      return;
    }
    const owners = ownersOf(ws.codeowners.rules, rb.path);
    if (owners && owners.length) return;
    ctx.report({
      range,
      message: `No CODEOWNERS rule in ${ws.codeowners.path} covers this ${ctx.category}/ runbook: add a rule such as "/${rb.path.replace(/[^/]+$/, '')} @team" so changes need an owner's review.`,
      related: [{ message: 'CODEOWNERS file', path: ws.codeowners.path, lineRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }],
    });
  },
};

export default rule;
