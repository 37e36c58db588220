// Path facts shared by rules and shells: which files are runbooks, categories, templates.
import picomatch from 'picomatch';

export const DEFAULT_INCLUDE = ['**/runbooks/**/*.md'];
export const DEFAULT_EXCLUDE = ['**/README.md', '**/_templates/**', '**/_assets/**', '**/node_modules/**'];

export const KNOWN_CATEGORIES = ['platform', 'networking', 'storage', 'gitops', 'cicd', 'security', 'data-pipelines', 'observability', 'incidents'];

function segments(path: string): string[] {
  return path.replace(/\\/g, '/').split('/').filter(Boolean);
}

/** First folder below `runbooks/` (undefined when the file sits directly in it or elsewhere). */
export function categoryOf(path: string): string | undefined {
  const s = segments(path);
  const i = s.lastIndexOf('runbooks');
  if (i < 0 || i + 2 >= s.length) return undefined;
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
    m = globs.length ? picomatch(globs, { dot: true }) : () => false;
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
