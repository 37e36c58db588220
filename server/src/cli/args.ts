// Command-line arguments of runbook-lint: parsed into an Options value or a UsageError
// (exit 2, one line). SPEC "CLI" is the public interface; keep option names stable.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { FILTER_MODES, type FilterMode } from './filter-mode.js';
import { escapeControls } from '../core/controls.js';

export const VERSION = '0.1.0';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export class UsageError extends Error {}

/** One `runbook-lint: …` line on stderr, control characters (from file names, messages) made visible. */
export function stderrLine(err: NodeJS.WritableStream, message: string): void {
  err.write(`runbook-lint: ${escapeControls(message)}\n`);
}

/** A subcommand's options (`runbook-lint <name> …`): positionals allowed, a parse error is a UsageError that names the subcommand and its help. */
export function parseSubcommand<O extends NonNullable<ParseArgsConfig['options']>>(name: string, argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options });
  } catch (e) {
    throw new UsageError(`${name}: ${(e as Error).message.split('\n')[0]} (see runbook-lint ${name} --help)`);
  }
}

export interface Options {
  targets: string[];
  /** `--changed`: true for the default base, a string for an explicit one. */
  changed?: true | string;
  /** With --changed: which findings of the changed files to show (default added). */
  filterMode?: FilterMode;
  format: Format;
  fix: boolean;
  dryRun: boolean;
  config?: string;
  maxWarnings?: number;
  quiet: boolean;
  rules: string[];
  printConfig?: string;
  listRules: boolean;
  suppressAll: boolean;
  suppressRules: string[];
  pruneSuppressions: boolean;
  suppressionsLocation?: string;
  /** `--cache`: reuse results of earlier runs (cli/cache.ts); `--cache-location` sets where. */
  cache: boolean;
  cacheLocation?: string;
  /** Worker threads: undefined = automatic (by file count), 0 or 1 = none. */
  jobs?: number;
  help: boolean;
  version: boolean;
}

export const HELP = `Usage: runbook-lint [paths|globs...] [options]

Checks operational runbooks (Markdown + YAML front matter) against the team's format,
Definition of Done, safety and secret rules.

Selecting files:
  [paths|globs...]         files, folders or globs (default: .); folders use the include/exclude
                           globs of .runbook-lint.yaml (default **/runbooks/**/*.md)
  --changed [<base>]       only runbooks added or modified against <base> (default: the merge base
                           with origin/HEAD, main or master), including staged, unstaged and
                           untracked changes; renames followed, deletions ignored. Write
                           --changed=<base> when the next word could be a path. In this mode
                           RB108 also reports a changed runbook whose last_reviewed was not updated.
  --filter-mode <mode>     with --changed: added (default: findings on added or changed lines, the
                           front matter when it changed, RB108), diff_context (the diff's hunks
                           with context lines), file (every finding of the changed runbooks) or
                           nofilter (every runbook); every --format shows the same

Output:
  --format <fmt>           text (default), json, sarif (SARIF 2.1.0) or github (annotations)
  --quiet                  report errors only
  --max-warnings <n>       exit 1 when there are more than n warnings

Fixing:
  --fix                    apply all safe fixes in place (atomic per file), report what remains
  --dry-run                with --fix: print a unified diff instead of writing

Bulk suppressions (runbook-lint-suppressions.json at the repository root, read on every run):
  --suppress-all           record every current finding of the checked files; later runs report
                           only new ones (the summary counts the suppressed)
  --suppress-rule <RBxxx>  the same for one rule (repeatable; ids or names)
  --prune-suppressions     drop recorded findings that no longer occur
  --suppressions-location <file>  use this file instead

Rules and config:
  --rule <RBxxx>           run only this rule (repeatable; ids or names)
  --config <file>          use this .runbook-lint.yaml instead of searching upward
  --print-config <file>    print the effective config for <file> (YAML; JSON with --format json)
  --list-rules             list the rules: id, name, severity, DoD item, fixable

Subcommands (each with --help):
  init [dir]               look at an existing repository and write a commented .runbook-lint.yaml
  migrate <paths...>       convert runbooks in other formats into the template (diff; --write)
  graph <file>             the step graph of a runbook as Mermaid, DOT or SVG
  report [paths...]        the health report of a runbook tree as one HTML file (or JSON)
  coverage [<folder>]      alert <-> runbook coverage of a repository (table, JSON, annotations)

Caching:
  --cache                  reuse the results of earlier runs for files whose text, effective
                           config, workspace context (runbook ids, headings, CODEOWNERS, alerts,
                           link targets) and tool version did not change; --fix ignores it.
                           The same command over unchanged files, configs and date prints the
                           recorded output of the last run without checking anything
  --cache-location <dir>   where the cache lives (default: node_modules/.cache/runbook-lint at
                           the repository root)

Other:
  --jobs <n>               worker threads (default: automatic; 1 = in process)
  -h, --help               show this help
  -v, --version            print the version

Exit codes: 0 clean, 1 errors (or more warnings than --max-warnings), 2 usage, config or IO problem.`;

/** `--changed` takes an optional value: the next word is the base unless it is an option or names an existing path. */
function splitChanged(argv: string[], cwd: string): { rest: string[]; changed?: true | string } {
  const rest: string[] = [];
  let changed: true | string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (a.startsWith('--changed=')) {
      const v = a.slice('--changed='.length);
      if (!v) throw new UsageError('--changed= needs a base (a branch, tag or commit)');
      changed = v;
      continue;
    }
    if (a === '--changed') {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('-') && !/[*?[{]/.test(next) && !existsSync(resolve(cwd, next))) {
        changed = next;
        i++;
      } else changed = true;
      continue;
    }
    rest.push(a);
  }
  return { rest, changed };
}

function wholeNumber(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`${name} needs a whole number, got "${v}"`);
  return Number(v);
}

export function parseOptions(argv: string[], cwd: string): Options {
  const { rest, changed } = splitChanged(argv, cwd);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        config: { type: 'string', short: 'c' },
        fix: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean', short: 'q', default: false },
        rule: { type: 'string', multiple: true, default: [] },
        'print-config': { type: 'string' },
        'list-rules': { type: 'boolean', default: false },
        jobs: { type: 'string', short: 'j' },
        'filter-mode': { type: 'string' },
        'suppress-all': { type: 'boolean', default: false },
        'suppress-rule': { type: 'string', multiple: true, default: [] },
        'prune-suppressions': { type: 'boolean', default: false },
        'suppressions-location': { type: 'string' },
        cache: { type: 'boolean', default: false },
        'cache-location': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]} (see --help)`);
  }
  const v = parsed.values;
  const format = v.format as string;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown --format "${format}" (use ${FORMATS.join(', ')})`);
  if (v['dry-run'] && !v.fix) throw new UsageError('--dry-run goes with --fix');
  const jobs = wholeNumber('--jobs', v.jobs);
  const filterMode = v['filter-mode'] as FilterMode | undefined;
  if (filterMode !== undefined && !(FILTER_MODES as readonly string[]).includes(filterMode)) throw new UsageError(`unknown --filter-mode "${filterMode}" (use ${FILTER_MODES.join(', ')})`);
  if (filterMode !== undefined && !changed) throw new UsageError('--filter-mode goes with --changed');
  const suppressRules = (v['suppress-rule'] ?? []).flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean);
  if (v['suppress-all'] && suppressRules.length) throw new UsageError('--suppress-all already covers every rule; drop --suppress-rule');
  if ((v['suppress-all'] || suppressRules.length || v['prune-suppressions']) && (filterMode === 'added' || filterMode === 'diff_context')) {
    throw new UsageError(`--filter-mode ${filterMode} shows part of each file; suppressions are recorded per file (--filter-mode file, the default with them)`);
  }
  if (v['cache-location'] !== undefined && !v.cache) throw new UsageError('--cache-location goes with --cache');
  if ((v['suppress-all'] || suppressRules.length) && v['dry-run']) throw new UsageError('--dry-run writes nothing; --suppress-all and --suppress-rule write the suppressions file');
  return {
    targets: parsed.positionals,
    changed,
    filterMode: changed ? (filterMode ?? (v['suppress-all'] || suppressRules.length || v['prune-suppressions'] ? 'file' : 'added')) : undefined,
    format: format as Format,
    fix: !!v.fix,
    dryRun: !!v['dry-run'],
    config: v.config,
    maxWarnings: wholeNumber('--max-warnings', v['max-warnings']),
    quiet: !!v.quiet,
    rules: (v.rule ?? []).flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean),
    printConfig: v['print-config'],
    listRules: !!v['list-rules'],
    jobs,
    suppressAll: !!v['suppress-all'],
    suppressRules,
    pruneSuppressions: !!v['prune-suppressions'],
    suppressionsLocation: v['suppressions-location'],
    cache: !!v.cache,
    cacheLocation: v['cache-location'],
    help: !!v.help,
    version: !!v.version,
  };
}
