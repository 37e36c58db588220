// Path facts shared by rules and shells: which files are runbooks, categories, templates.
import { globMatcher } from './glob.js';

export const DEFAULT_INCLUDE = ['**/runbooks/**/*.md'];
export const DEFAULT_EXCLUDE = ['**/README.md', '**/_templates/**', '**/_assets/**', '**/node_modules/**'];

/** Markdown sources, also as site generators name them (`x.html.md.erb`, `x.md.erb`, `.markdown`, `.mdx`). */
export function isMarkdownName(path: string): boolean {
  return /\.(?:md|markdown|mdx)(?:\.erb)?$/i.test(path);
}

export const KNOWN_CATEGORIES = ['platform', 'networking', 'storage', 'gitops', 'cicd', 'security', 'data-pipelines', 'observability', 'incidents'];

function segments(path: string): string[] {
  return path.replace(/\\/g, '/').split('/').filter(Boolean);
}

/**
 * First folder below `runbooks/` (undefined when the file sits directly in it or elsewhere). With
 * `areas` (the config's), a repository without a `runbooks/` folder has its categories too: the
 * first folder of the path that `areas` names (`alerts/cluster-dns-operator/x.md`).
 */
export function categoryOf(path: string, areas?: Record<string, string>): string | undefined {
  const s = segments(path);
  const i = s.lastIndexOf('runbooks');
  if (i < 0 || i + 2 >= s.length) return areas && i < 0 ? s.slice(0, -1).find((x) => Object.hasOwn(areas, x)) : undefined;
  return s[i + 1];
}

export function isTemplatePath(path: string): boolean {
  return segments(path).includes('_templates');
}

const cache = new Map<string, (p: string) => boolean>();
function matcher(globs: string[]): (p: string) => boolean {
  const key = globs.join('\0');
  let m = cache.get(key);
  if (!m) {
    m = globs.length ? globMatcher(globs, { dot: true }) : () => false;
    cache.set(key, m);
  }
  return m;
}

/** SPEC "Which files are runbooks": include globs minus exclude globs (templates are matched separately). */
export function isRunbookPath(path: string, include: string[], exclude: string[]): boolean {
  const p = path.replace(/\\/g, '/').replace(/^\.?\//, '');
  return matcher(include)(p) && !matcher(exclude)(p);
}

/** Templates get the secret checks only. */
export function isCheckedPath(path: string, include: string[], exclude: string[]): boolean {
  const p = path.replace(/\\/g, '/').replace(/^\.?\//, '');
  if (isRunbookPath(p, include, exclude)) return true;
  return isTemplatePath(p) && p.endsWith('.md') && matcher(include)(p) && !matcher(exclude.filter((e) => !e.includes('_templates')))(p);
}
