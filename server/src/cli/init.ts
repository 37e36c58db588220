// `runbook-lint init [dir] [--dry-run] [--force] [--preset <name>]`: looks at an existing
// repository and writes a commented `.runbook-lint.yaml` for it: `include` globs where the
// runbooks live, `areas` from their category folders, `aliases` for front-matter keys the repo
// already uses for template facts, the link setup of the static-site generator it finds, and a
// preset. It prints what it found and chose; it never replaces a config without --force, and
// --dry-run prints the file instead of writing it.
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parseConfig } from '../core/config.js';
import { defaultLinksConfig, siteOf, type Generator as SiteGenerator } from '../core/links.js';
import { parseFrontMatter } from '../core/model/frontmatter.js';
import { isMarkdownName } from '../core/paths.js';
import { PRESET_DESCRIPTIONS, PRESETS, isPreset, type PresetName } from '../core/presets.js';
import { CONFIG_NAMES, findConfigFile } from '../node/config-file.js';
import { createFile } from '../node/create-file.js';
import { readTextFileSync } from '../node/read-file.js';
import { writeAtomic, WriteRefused } from '../node/write-file.js';
import { parseSubcommand, UsageError } from './args.js';

export const INIT_HELP = `Usage: runbook-lint init [dir] [--dry-run] [--force] [--preset <name>]

Looks at the repository in <dir> (default .) and writes <dir>/.runbook-lint.yaml, with comments:
where the runbooks are (include globs), their category folders (areas), front-matter keys they
already use for template facts (aliases: last_reviewed_on -> last_reviewed …), how links resolve
for the static-site generator found, and a preset (existing-repo for runbooks not written from
the template, recommended otherwise). Prints what it found and what it chose.

  --dry-run          print the config instead of writing it
  --force            replace an existing .runbook-lint.yaml
  --preset <name>    ${PRESETS.join(', ')} instead of the one init picks
  -h, --help         show this help

Then: runbook-lint --suppress-all records today's findings, so CI fails only on new ones.`;

/** Folder names that hold runbooks (a folder or the repository itself). */
const RUNBOOK_FOLDER = /^(?:runbooks?|playbooks?|on-?call|oncall|alerts?|incidents?(?:-and-alerts)?|ops|operations|procedures|sops?|troubleshooting|kb)$|runbooks?|playbooks?/i;
/** Headings of runbook-like documents (alert runbooks, troubleshooting articles, procedures). */
const RUNBOOK_HEADING = /^#{1,4}\s+(?:meaning|impact|diagnos[ie]s|mitigation|symptoms?|troubleshooting|resolution|remediation|root cause|cause|solution|workaround|rollback|verification|prerequisites|procedure|steps?\b|recovery|escalation|how to)/im;
const COMMAND = /^\s*(?:\$\s*)?(?:kubectl|oc|helm|aws|gcloud|az|cf|terraform|docker|systemctl|curl|psql|bosh|git|make|cast|ssh|journalctl)\b/m;
/** Files that are never runbooks. */
const NOT_RUNBOOK = /^(?:readme|license|licence|changelog|contributing|code_of_conduct|security|_index)\./i;

/** Foreign front-matter keys for template facts (what `aliases` may map). */
const ALIAS_CANDIDATES: Record<string, string[]> = {
  last_reviewed: ['last_reviewed_on', 'last_reviewed_at', 'last_reviewed_date', 'last-reviewed', 'lastReviewed', 'reviewed_on', 'review_date', 'reviewed', 'last_review'],
  owner: ['owner_team', 'owning_team', 'team', 'owner_slack', 'maintainer', 'maintainers'],
  systems_affected: ['systems', 'components', 'services', 'service', 'component'],
  related_alerts: ['alerts', 'alert', 'alertname', 'alert_name'],
  environments: ['environment', 'envs'],
};

export interface SurveyFile {
  /** Repository-relative POSIX path. */
  path: string;
  text: string;
}

export interface InitPlan {
  files: number;
  runbooks: string[];
  include: string[];
  exclude: string[];
  areas: Record<string, string>;
  aliases: Record<string, string>;
  preset: PresetName;
  presetReason: string;
  generator: SiteGenerator;
  siteRoot?: string;
  layout: string;
}

const dirOf = (p: string) => p.split('/').slice(0, -1).join('/');
const extOf = (p: string) => {
  const name = p.split('/').pop()!;
  const m = /(\.html\.md\.erb|\.md\.erb|\.markdown|\.mdx|\.md)$/i.exec(name);
  return m ? m[1]!.toLowerCase() : '.md';
};

/** Whether a file reads like a runbook: a runbook folder on its path, or runbook headings and commands. */
export function looksLikeRunbook(f: SurveyFile, repoName: string): boolean {
  const name = f.path.split('/').pop()!;
  if (NOT_RUNBOOK.test(name)) return false;
  if ([repoName, ...dirOf(f.path).split('/')].some((s) => s && RUNBOOK_FOLDER.test(s))) return true;
  const fm = parseFrontMatter(f.text);
  if (fm?.data && 'runbook_id' in fm.data) return true;
  return RUNBOOK_HEADING.test(f.text) && COMMAND.test(f.text);
}

/**
 * The include globs: from the repository root down, a folder where most documents read like
 * runbooks is taken whole (with the extensions found there); a folder holding all candidates in
 * one subfolder is skipped for that subfolder, so globs name the real place.
 */
function includeGlobs(docs: SurveyFile[], runbooks: Set<string>): string[] {
  const globs: string[] = [];
  const visit = (dir: string) => {
    const inside = docs.filter((d) => (dir ? d.path.startsWith(dir + '/') : true));
    const rb = inside.filter((d) => runbooks.has(d.path));
    if (!rb.length) return;
    const direct = inside.filter((d) => dirOf(d.path) === dir);
    const subdirs = [...new Set(inside.filter((d) => dirOf(d.path) !== dir).map((d) => d.path.slice(dir ? dir.length + 1 : 0).split('/')[0]!))].sort();
    const sub = (s: string) => (dir ? `${dir}/${s}` : s);
    // Everything is in one subfolder: name that subfolder instead.
    if (!direct.some((d) => runbooks.has(d.path)) && subdirs.filter((s) => rb.some((d) => d.path.startsWith(sub(s) + '/'))).length === 1) {
      visit(sub(subdirs.find((s) => rb.some((d) => d.path.startsWith(sub(s) + '/')))!));
      return;
    }
    if (rb.length / inside.length >= 0.6) {
      const exts = [...new Set(rb.map((d) => extOf(d.path)))].sort();
      const base = dir ? `${dir}/**/*` : '**/*';
      for (const e of exts) globs.push(base + e);
      return;
    }
    for (const d of direct) if (runbooks.has(d.path)) globs.push(d.path);
    for (const s of subdirs) visit(sub(s));
  };
  visit('');
  return globs;
}

/** An area code for a folder name: initials of a multi-word name, else its first letters. */
function areaCode(folder: string, taken: Set<string>): string {
  const words = folder.toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean);
  const first = words.length > 1 ? words.map((w) => w[0]).join('') : (words[0] ?? 'AREA').slice(0, 4);
  let code = /^[A-Z]/.test(first) ? first : `A${first}`;
  for (let n = 2; taken.has(code); n++) code = `${code.replace(/\d+$/, '')}${n}`;
  taken.add(code);
  return code;
}

/** Decides the config from the repository's documents (pure: the caller reads the files). */
export function planConfig(docs: SurveyFile[], repoName: string, site: { generator: SiteGenerator; roots: string[] }, forced?: PresetName): InitPlan {
  const rb = docs.filter((d) => looksLikeRunbook(d, repoName));
  const set = new Set(rb.map((d) => d.path));
  const include = includeGlobs(docs, set);
  const exclude = docs.some((d) => /(^|\/)_index\.md$/i.test(d.path)) ? ['**/_index.md'] : [];
  // Category folders: the first folder below each include glob's base, when there are several.
  const areas: Record<string, string> = {};
  const taken = new Set<string>();
  for (const g of include) {
    const base = g.includes('/**/') ? g.slice(0, g.indexOf('/**/')) : g.startsWith('**/') ? '' : undefined;
    if (base === undefined) continue;
    const cats = [...new Set(rb.filter((d) => (base ? d.path.startsWith(base + '/') : true)).map((d) => d.path.slice(base ? base.length + 1 : 0).split('/')).filter((s) => s.length > 1).map((s) => s[0]!))].sort();
    if (cats.length < 2) continue;
    for (const c of cats) if (!(c in areas)) areas[c] = areaCode(c, taken);
  }
  // Aliases: a foreign key is used by at least one runbook and its template key by none.
  const keys = new Map<string, number>();
  let templated = 0;
  let fmCount = 0;
  for (const d of rb) {
    const data = parseFrontMatter(d.text)?.data;
    if (!data) continue;
    fmCount++;
    if ('runbook_id' in data) templated++;
    for (const k of Object.keys(data)) keys.set(k, (keys.get(k) ?? 0) + 1);
  }
  const aliases: Record<string, string> = {};
  for (const [canonical, foreign] of Object.entries(ALIAS_CANDIDATES)) {
    if (keys.has(canonical)) continue;
    const used = foreign.filter((k) => keys.has(k)).sort((a, b) => keys.get(b)! - keys.get(a)!);
    if (used[0]) aliases[used[0]] = canonical;
  }
  const layout = describeLayout(rb);
  const preset: PresetName = forced ?? (rb.length && templated / rb.length >= 0.5 ? 'recommended' : 'existing-repo');
  const presetReason = forced
    ? 'chosen with --preset'
    : preset === 'recommended'
      ? `${templated} of ${rb.length} runbooks already use the template's front matter`
      : `${templated} of ${rb.length} runbooks use the template's front matter (${fmCount} have front matter of their own)`;
  const siteRoot = site.generator !== 'none' && site.roots[0] !== undefined ? site.roots[0] : undefined;
  return { files: docs.length, runbooks: rb.map((d) => d.path), include, exclude, areas, aliases, preset, presetReason, generator: site.generator, siteRoot, layout };
}

/** The format most runbooks follow, in a few words. */
function describeLayout(rb: SurveyFile[]): string {
  let alert = 0;
  let headingless = 0;
  for (const d of rb) {
    if (/^##\s+Meaning\b/im.test(d.text) && /^##\s+(?:Mitigation|Diagnosis)\b/im.test(d.text)) alert++;
    else if (!/^#{2,3}\s+\S/m.test(d.text)) headingless++;
  }
  const parts = [];
  if (alert) parts.push(`${alert} in the alert-runbook layout (Meaning / Impact / Diagnosis / Mitigation)`);
  if (headingless) parts.push(`${headingless} without section headings`);
  const other = rb.length - alert - headingless;
  if (other) parts.push(`${other} in other layouts`);
  return parts.join(', ');
}

const q = (s: string) => JSON.stringify(s);

/** The commented config text for a plan (it parses: checked before anything is written). */
export function configText(plan: InitPlan, today: string): string {
  const out: string[] = [
    `# runbook-lint config, written by \`runbook-lint init\` on ${today}. Edit freely; schema: schemas/runbook-lint.schema.json`,
    `# Found ${plan.files} Markdown files; ${plan.runbooks.length} read like runbooks${plan.layout ? ` (${plan.layout})` : ''}.`,
    '',
    `# Preset (${plan.presetReason}): ${PRESET_DESCRIPTIONS[plan.preset]}`,
    '# Per rule: docs/presets.md. After `runbook-lint migrate`, `recommended` checks the whole template.',
    `extends: ${plan.preset}`,
    '',
    '# Where the runbooks are (globs relative to the repository root).',
    'include:',
    ...plan.include.map((g) => `  - ${q(g)}`),
  ];
  if (plan.exclude.length) out.push('', '# Left out besides README.md, _templates/ and _assets/ (Hugo section pages).', 'exclude:', ...plan.exclude.map((g) => `  - ${q(g)}`));
  if (Object.keys(plan.areas).length) {
    out.push('', '# Category folders -> the area of their runbook ids (RB-<AREA>-<NNN>).', 'areas:', ...Object.entries(plan.areas).map(([k, v]) => `  ${q(k)}: ${v}`));
  }
  if (Object.keys(plan.aliases).length) {
    out.push(
      '',
      '# Front-matter keys these runbooks use for template facts: the rules read them as the template key',
      '# and report them by that name; the files keep your key (`runbook-lint migrate` renames, if you want).',
      'aliases:',
      ...Object.entries(plan.aliases).map(([k, v]) => `  ${q(k)}: ${v}`),
    );
  }
  if (plan.siteRoot !== undefined) {
    out.push('', `# Links: a ${plan.generator} site; links to pages (/x, x.html, x/) resolve against its sources here.`, 'links:', `  siteRoot: ${q(plan.siteRoot)}`);
  }
  return out.join('\n') + '\n';
}

/** What init prints: what it found and what it chose. */
function report(plan: InitPlan, file: string): string {
  const lines = [
    `Found ${plan.files} Markdown files, ${plan.runbooks.length} of them runbooks${plan.layout ? `: ${plan.layout}` : ''}.`,
    `  include: ${plan.include.join(', ') || '(none found: add globs by hand)'}`,
    ...(Object.keys(plan.areas).length ? [`  areas: ${Object.entries(plan.areas).map(([k, v]) => `${k} -> ${v}`).join(', ')}`] : []),
    ...(Object.keys(plan.aliases).length ? [`  aliases: ${Object.entries(plan.aliases).map(([k, v]) => `${k} -> ${v}`).join(', ')}`] : []),
    `  site generator: ${plan.generator}${plan.siteRoot !== undefined ? ` (links resolve against ${plan.siteRoot || 'the root'}/)` : ''}`,
    `  preset: ${plan.preset} (${plan.presetReason})`,
    `Next: runbook-lint --suppress-all   # record today's findings; CI then fails only on new ones`,
  ];
  return `${file}\n${lines.join('\n')}\n`;
}

function* walk(root: string, dir = ''): Generator<string> {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) yield* walk(root, rel);
    else if (e.isFile() && isMarkdownName(e.name)) yield rel;
  }
}

const MAX_FILES = 20_000;
const MAX_BYTES = 2 * 1024 * 1024;

export function initCommand(argv: string[], cwd: string, out: NodeJS.WritableStream, err: NodeJS.WritableStream, today: string): number {
  const parsed = parseSubcommand('init', argv, { 'dry-run': { type: 'boolean', default: false }, force: { type: 'boolean', default: false }, preset: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } });
  const v = parsed.values;
  if (v.help) {
    out.write(INIT_HELP + '\n');
    return 0;
  }
  if (parsed.positionals.length > 1) throw new UsageError('init takes one folder (the repository root)');
  if (v.preset !== undefined && !isPreset(v.preset)) throw new UsageError(`init: unknown --preset "${v.preset}" (use ${PRESETS.join(', ')})`);
  const root = resolve(cwd, parsed.positionals[0] ?? '.');
  const target = join(root, CONFIG_NAMES[0]!);
  const existing = findConfigFile(root, root);
  if (existing && !v.force && !v['dry-run']) throw new UsageError(`${relative(cwd, existing) || existing} already exists; init never replaces it without --force (or see --dry-run)`);
  const docs: SurveyFile[] = [];
  for (const path of walk(root)) {
    if (docs.length >= MAX_FILES) break;
    const read = readTextFileSync(join(root, path), MAX_BYTES);
    if (read.ok) docs.push({ path, text: read.text });
  }
  const exists = (p: string) => existsSync(join(root, p));
  const firstRunbook = docs.find((d) => looksLikeRunbook(d, basename(root)))?.path;
  const site = siteOf(firstRunbook, { runbooks: [], alerts: [], exists }, defaultLinksConfig());
  const plan = planConfig(docs, basename(root), site, v.preset as PresetName | undefined);
  const text = configText(plan, today);
  const parsedBack = parseConfig(text);
  if (parsedBack.errors.length) throw new Error(`init wrote a config that does not parse: ${parsedBack.errors[0]!.message}`);
  const shown = relative(cwd, target) || target;
  if (v['dry-run']) {
    out.write(text);
    err.write(report(plan, `runbook-lint init --dry-run: would write ${shown}`));
    return 0;
  }
  try {
    if (existing && existing === target) {
      const before = readTextFileSync(existing, MAX_BYTES);
      if (!before.ok) throw new UsageError(`cannot read ${shown}: ${before.reason}`);
      if (writeAtomic(existing, before.text, text, { root }) === 'changed-on-disk') throw new UsageError(`${shown} changed while init ran; left as it is`);
    } else if (createFile(target, text) === 'exists') throw new UsageError(`${shown} appeared while init ran; left as it is`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`could not write ${shown}: ${e instanceof WriteRefused ? e.message : ((e as NodeJS.ErrnoException).code ?? String(e))}`);
  }
  out.write(report(plan, `Wrote ${shown}.`));
  return 0;
}
