// `runbook-lint migrate <paths...> [--write]`: converts runbooks written in another format (alert
// runbooks, docs-site pages, headingless how-tos) into the team template with core/migrate.ts.
// Without --write it only shows the change: a unified diff on stdout (lines holding a detected
// secret masked, as --fix --dry-run does; `git apply` takes it) and what was carried over on
// stderr. --write replaces each file atomically (never one changed since it was read).
import { relative, resolve } from 'node:path';
import { categoryOf } from '../core/paths.js';
import { shownPath } from '../core/scrub.js';
import { migrate } from '../core/migrate.js';
import { loadConfigFile } from '../node/config-file.js';
import { readRunbookWithin } from '../node/read-file.js';
import { parseSubcommand, stderrLine, UsageError } from './args.js';
import { escapeControls } from '../core/controls.js';
import { ConfigResolver, discover, isInside, rootFor, toPosix } from './discovery.js';
import { fixDiff, writeAtomic, WriteRefused } from './fix.js';
import { gitRoot } from './git.js';

export const MIGRATE_HELP = `Usage: runbook-lint migrate <paths|globs...> [--write] [--config <file>]

Converts runbooks written in another format into the team template, without inventing facts:
the alert-runbook layout (Meaning / Impact / Diagnosis / Mitigation: Meaning and Impact go to the
Summary, Diagnosis to Step 1 — Triage, Mitigation to the Mitigation step), docs-site front matter
(title, last_reviewed_on, owner_team …) and headingless how-tos (their text becomes the
Mitigation step). Every line of the original is kept (its front matter as YAML comments), every
code block byte for byte; what the template needs and the source does not say stays a
placeholder that the rules keep reporting ("fill in …").

Prints the change as a unified diff (stdout) and what was carried over (stderr); writes nothing
unless --write. Files that already follow the template are left alone.

  --write            replace the files with their migrated text
  --config <file>    use this .runbook-lint.yaml (areas give the runbook_id's area)
  -h, --help         show this help`;

export function migrateCommand(argv: string[], cwd: string, out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
  const parsed = parseSubcommand('migrate', argv, { write: { type: 'boolean', default: false }, config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h', default: false } });
  const v = parsed.values;
  if (v.help) {
    out.write(MIGRATE_HELP + '\n');
    return 0;
  }
  if (!parsed.positionals.length) throw new UsageError('migrate needs the runbooks to convert (files, folders or globs; see migrate --help)');
  const configs = new ConfigResolver(v.config ? loadConfigFile(resolve(cwd, v.config)) : undefined);
  let root = gitRoot(cwd) ?? cwd;
  const targets = discover(parsed.positionals, cwd, root, configs);
  if (targets.length && !isInside(targets[0]!.abs, root)) root = rootFor(targets[0]!.abs);
  let changed = 0;
  let problems = 0;
  for (const t of targets) {
    // A secret in a file name is never printed, nor its control characters raw (as in every other output).
    const shown = escapeControls(shownPath(toPosix(relative(cwd, t.abs)) || t.abs));
    const path = toPosix(relative(root, t.abs));
    const read = readRunbookWithin(t.abs, root);
    if (!read.ok) {
      stderrLine(err, `${shown} ${read.reason}`);
      problems++;
      continue;
    }
    const m = migrate(read.text, path, { category: categoryOf(path, t.config.areas), config: t.config });
    if (m.text === read.text) {
      err.write(`${shown}: ${m.format === 'template' ? 'already follows the template' : 'nothing to change'}\n`);
      continue;
    }
    changed++;
    err.write(`${shown}: ${m.format}; ${m.notes.join('; ')}\n`);
    if (!v.write) {
      out.write(fixDiff(shown, read.text, m.text, path));
      continue;
    }
    try {
      if (writeAtomic(t.abs, read.text, m.text, { root }) === 'changed-on-disk') {
        stderrLine(err, `${shown} changed on disk while it was being migrated; left as it is (run again)`);
        problems++;
      }
    } catch (e) {
      stderrLine(err, `${shown} ${e instanceof WriteRefused ? e.message : `could not be written (${(e as NodeJS.ErrnoException).code ?? String(e)}); left as it is`}`);
      problems++;
    }
  }
  err.write(`${changed} of ${targets.length} files ${v.write ? 'migrated' : 'would be migrated (run again with --write)'}\n`);
  return problems ? 2 : 0;
}
