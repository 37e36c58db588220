// Which files a run checks: named files, folders (through include/exclude), globs, or the
// changed files of `--changed`; and the config that applies to each.
import { readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { globMatcher } from '../core/glob.js';
import { resolveConfig } from '../core/config.js';
import { isCheckedPath, isMarkdownName } from '../core/paths.js';
import type { ResolvedConfig } from '../core/types.js';
import { findConfigFile, loadConfigFile, type LoadedConfig } from '../node/config-file.js';
import { UsageError } from './args.js';
import { gitRoot } from './git.js';

export interface Target {
  abs: string;
  config: ResolvedConfig;
}

export function toPosix(p: string): string {
  return p.split(sep).join('/');
}

export function failOnConfigErrors(c: LoadedConfig): void {
  if (!c.errors.length) return;
  const e = c.errors[0]!;
  throw new UsageError(`invalid config ${c.path}:${e.start.line + 1}:${e.start.character + 1}: ${e.message}${c.errors.length > 1 ? ` (+${c.errors.length - 1} more)` : ''}`);
}

/** The effective config of a file: `--config` when given, else the nearest `.runbook-lint.yaml` above it. */
export class ConfigResolver {
  private readonly cache = new Map<string, ResolvedConfig>();
  private readonly explicitConfig?: ResolvedConfig;

  constructor(readonly explicit: LoadedConfig | undefined) {
    if (explicit) {
      failOnConfigErrors(explicit);
      this.explicitConfig = resolveConfig(explicit.raw);
    }
  }

  /** The config file that applies to `abs` (undefined: defaults). */
  sourceFor(abs: string): string | undefined {
    return this.explicit ? this.explicit.path : findConfigFile(dirname(abs));
  }

  private readonly byDir = new Map<string, string | undefined>();

  /** findConfigFile(dir), one folder at a time, each folder's answer kept (files share their parents). */
  private nearest(dir: string): string | undefined {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    const up = dirname(dir);
    const file = findConfigFile(dir, dir) ?? (up === dir ? undefined : this.nearest(up));
    this.byDir.set(dir, file);
    return file;
  }

  for(abs: string): ResolvedConfig {
    if (this.explicitConfig) return this.explicitConfig;
    const file = this.nearest(dirname(abs));
    const key = file ?? '';
    let c = this.cache.get(key);
    if (!c) {
      if (file) {
        const loaded = loadConfigFile(file);
        failOnConfigErrors(loaded);
        c = resolveConfig(loaded.raw);
      } else c = resolveConfig();
      this.cache.set(key, c);
    }
    return c;
  }
}

const GLOB_CHARS = /[*?[{]/;

export function isInside(abs: string, dir: string): boolean {
  const rel = relative(dir, abs);
  return rel !== '' && rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel);
}

/**
 * The repository a file outside the working directory's repository belongs to: its git root,
 * else the folder of the nearest `.runbook-lint.yaml`, else the folder above its outermost
 * `runbooks/` folder (so paths keep their category), else its own folder.
 */
export function rootFor(abs: string): string {
  const dir = dirname(abs);
  const git = gitRoot(dir);
  if (git) return git;
  const config = findConfigFile(dir);
  if (config) return dirname(config);
  const parts = dir.split(sep);
  const i = parts.indexOf('runbooks');
  return i > 0 ? parts.slice(0, i).join(sep) || sep : dir;
}

/** Files for positional targets (default `.`). `root` is what include/exclude globs are relative to. */
export function discover(targets: string[], cwd: string, root: string, configs: ConfigResolver): Target[] {
  const seen = new Set<string>();
  const out: Target[] = [];
  const add = (abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ abs, config: configs.for(abs) });
  };
  // Include/exclude globs are relative to the repository: `root`, or for a folder outside it,
  // that folder's own git root (else the folder itself).
  const isRunbook = (abs: string, base: string) => {
    const c = configs.for(abs);
    return isCheckedPath(toPosix(relative(base, abs)), c.include, c.exclude);
  };
  for (const t of targets.length ? targets : ['.']) {
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
      const base = abs === root || isInside(abs, root) ? root : (gitRoot(abs) ?? abs);
      for (const f of walk(abs)) if (isRunbook(f, base)) add(f);
      if (out.length === before) throw new UsageError(`no runbooks under ${t} (include: ${configs.for(join(abs, 'x.md')).include.join(', ')})`);
      continue;
    }
    if (GLOB_CHARS.test(t)) {
      const isMatch = globMatcher(t.replace(/\\/g, '/'), { dot: false });
      const base = resolve(cwd, globBase(t));
      let n = 0;
      for (const f of walk(base)) {
        if (isMatch(toPosix(relative(cwd, f)))) {
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

/**
 * `--changed`: the changed files that are runbooks (by include/exclude), limited to the
 * positional targets when there are any (a folder, a file or a glob each).
 */
export function selectChanged(changed: string[], targets: string[], cwd: string, root: string, configs: ConfigResolver): Target[] {
  const filters = targets.map((t) => {
    if (GLOB_CHARS.test(t)) {
      const m = globMatcher(t.replace(/\\/g, '/'), { dot: false });
      return (abs: string) => m(toPosix(relative(cwd, abs)));
    }
    const base = resolve(cwd, t);
    return (abs: string) => abs === base || abs.startsWith(base.endsWith(sep) ? base : base + sep);
  });
  const out: Target[] = [];
  for (const p of changed) {
    const abs = join(root, p);
    if (filters.length && !filters.some((f) => f(abs))) continue;
    const config = configs.for(abs);
    if (!isCheckedPath(p, config.include, config.exclude)) continue;
    try {
      if (!statSync(abs).isFile()) continue;
    } catch {
      continue; // deleted in the working tree
    }
    out.push({ abs, config });
  }
  return out;
}

function globBase(glob: string): string {
  const parts = glob.replace(/\\/g, '/').split('/');
  const i = parts.findIndex((p) => GLOB_CHARS.test(p));
  return parts.slice(0, i).join('/') || '.';
}

function* walk(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name === 'node_modules' || e.name === '.git') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile() && isMarkdownName(e.name)) yield p;
  }
}
