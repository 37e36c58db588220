// runbook-lint: the same checks as the editor, over files, folders and globs.
// Exit codes: 0 clean, 1 errors found, 2 usage/config/IO problem (one-line reason on stderr).
import { parseArgs } from 'node:util';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { check } from '../core/check.js';
import { resolveConfig } from '../core/config.js';
import { isCheckedPath } from '../core/paths.js';
import type { Finding, ResolvedConfig } from '../core/types.js';
import { findConfigFile, loadConfigFile, type LoadedConfig } from '../node/config-file.js';
import { readRunbookFile } from '../node/read-file.js';
import { LineIndex } from '../core/model/text.js';

const VERSION = '0.1.0';

const HELP = `Usage: runbook-lint [paths|globs...] [options]

Checks operational runbooks (Markdown + YAML front matter) against the team's format,
Definition of Done, safety and secret rules.

Options:
  --format <text|json>   output format (default: text)
  --config <file>        use this .runbook-lint.yaml instead of searching upward
  -h, --help             show this help
  -v, --version          print the version

Exit codes: 0 no errors, 1 errors found, 2 usage, config or IO problem.`;

class UsageError extends Error {}

export interface FileReport {
  path: string;
  findings: Finding[];
  lines: LineIndex;
}

export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    err.write(`runbook-lint: ${(e as Error).message.split('\n')[0]} (see --help)\n`);
    return 2;
  }
  const v = args.values;
  if (v.help) {
    out.write(HELP + '\n');
    return 0;
  }
  if (v.version) {
    out.write(VERSION + '\n');
    return 0;
  }
  const format = v.format!;
  if (!['text', 'json'].includes(format)) {
    err.write(`runbook-lint: unknown --format "${format}" (use text or json)\n`);
    return 2;
  }
  const cwd = process.cwd();
  try {
    let explicit: LoadedConfig | undefined;
    if (v.config) {
      explicit = loadConfigFile(resolve(cwd, v.config));
      failOnConfigErrors(explicit);
    }
    const targets = args.positionals.length ? args.positionals : ['.'];
    const files = discover(targets, cwd, explicit);
    const reports: FileReport[] = [];
    const ioProblems: string[] = [];
    for (const f of files) {
      const rel = relative(cwd, f.abs).split(sep).join('/') || f.abs;
      const read = readRunbookFile(f.abs);
      if (!read.ok) {
        ioProblems.push(`${rel} ${read.reason}`);
        continue;
      }
      const result = check({ text: read.text, path: repoRelative(f.abs), config: f.config });
      reports.push({ path: rel, findings: result.findings, lines: result.runbook.lines });
    }
    if (format === 'json') out.write(JSON.stringify(toJson(reports), null, 2) + '\n');
    else writeText(reports, out);
    for (const p of ioProblems) err.write(`runbook-lint: ${p}\n`);
    if (ioProblems.length) return 2;
    return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`runbook-lint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function failOnConfigErrors(c: LoadedConfig): void {
  if (!c.errors.length) return;
  const e = c.errors[0]!;
  throw new UsageError(`invalid config ${c.path}:${e.start.line + 1}:${e.start.character + 1}: ${e.message}${c.errors.length > 1 ? ` (+${c.errors.length - 1} more)` : ''}`);
}

/** The path the core sees: relative to the git/work root guess (the folder holding `runbooks/`'s parent chain is kept). */
function repoRelative(abs: string): string {
  return relative(process.cwd(), abs).split(sep).join('/');
}

interface Target {
  abs: string;
  config: ResolvedConfig;
}

function discover(targets: string[], cwd: string, explicit: LoadedConfig | undefined): Target[] {
  const configCache = new Map<string, ResolvedConfig>();
  const configFor = (abs: string): ResolvedConfig => {
    if (explicit) return resolveConfig(explicit.raw);
    const file = findConfigFile(dirname(abs));
    const key = file ?? '';
    let c = configCache.get(key);
    if (!c) {
      if (file) {
        const loaded = loadConfigFile(file);
        failOnConfigErrors(loaded);
        c = resolveConfig(loaded.raw);
      } else c = resolveConfig();
      configCache.set(key, c);
    }
    return c;
  };
  const seen = new Set<string>();
  const out: Target[] = [];
  const add = (abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ abs, config: configFor(abs) });
  };
  for (const t of targets) {
    const abs = resolve(cwd, t);
    let st;
    try {
      st = statSync(abs);
    } catch {
      st = undefined;
    }
    if (st?.isFile()) {
      add(abs); // a file named explicitly is always checked
      continue;
    }
    if (st?.isDirectory()) {
      const before = out.length;
      for (const f of walk(abs)) {
        const rel = relative(cwd, f).split(sep).join('/');
        const c = configFor(f);
        if (isCheckedPath(rel, c.include, c.exclude)) add(f);
      }
      if (out.length === before) throw new UsageError(`no runbooks under ${t} (include: ${configFor(join(abs, 'x.md')).include.join(', ')})`);
      continue;
    }
    if (/[*?[{]/.test(t)) {
      const isMatch = picomatch(t.replace(/\\/g, '/'), { dot: false });
      const base = resolve(cwd, globBase(t));
      let n = 0;
      for (const f of walk(base)) {
        const rel = relative(cwd, f).split(sep).join('/');
        if (isMatch(rel)) {
          add(f);
          n++;
        }
      }
      if (!n) throw new UsageError(`no files match ${t}`);
      continue;
    }
    throw new UsageError(`cannot read ${t}: no such file or directory`);
  }
  return out;
}

function globBase(glob: string): string {
  const parts = glob.replace(/\\/g, '/').split('/');
  const i = parts.findIndex((p) => /[*?[{]/.test(p));
  return parts.slice(0, i).join('/') || '.';
}

function* walk(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name === 'node_modules' || e.name === '.git') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile() && e.name.endsWith('.md')) yield p;
  }
}

function summary(reports: FileReport[]): { errors: number; warnings: number; infos: number; files: number; fixable: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixable = 0;
  for (const r of reports)
    for (const f of r.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
      if (f.fix) fixable++;
    }
  return { errors, warnings, infos, files: reports.length, fixable };
}

function writeText(reports: FileReport[], out: NodeJS.WritableStream): void {
  for (const r of reports) {
    for (const f of r.findings) {
      const p = r.lines.positionAt(f.range.start);
      out.write(`${r.path}:${p.line + 1}:${p.character + 1} ${f.severity} ${f.ruleId} ${f.message}\n`);
    }
  }
  const s = summary(reports);
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  out.write(`${plural(s.files, 'file')} checked: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}${s.fixable ? ` (${s.fixable} fixable)` : ''}\n`);
}

function toJson(reports: FileReport[]) {
  return {
    version: 1,
    files: reports.map((r) => ({
      path: r.path,
      findings: r.findings.map((f) => {
        const s = r.lines.positionAt(f.range.start);
        const e = r.lines.positionAt(f.range.end);
        return {
          ruleId: f.ruleId,
          ruleName: f.ruleName,
          severity: f.severity,
          message: f.message,
          range: { start: { line: s.line + 1, column: s.character + 1 }, end: { line: e.line + 1, column: e.character + 1 } },
          fixable: !!f.fix,
          ...(f.meta ? { meta: f.meta } : {}),
        };
      }),
    })),
    summary: summary(reports),
  };
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`runbook-lint: internal error: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
