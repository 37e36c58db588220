// The command classifier for shell-ish runbook code: read-only vs write/change vs policy bypass.
// Data lives in tables.ts; classify.ts interprets it; extract.ts finds commands in a runbook.
//   classifyCommandLine('sudo FOO=1 kubectl -n x delete pod p')  -> { tool: 'kubectl', effect: 'write', ... }
//   runbookCommands(runbook)  -> every classified command with its range
//   writeGuards(runbook)      -> per write command: fenced? rollback stated? is it itself a rollback?
import { parseShell } from './shell.js';
import { classifyWords, worst, type Classification } from './classify.js';

export { parseShell, type SimpleCommand, type Word } from './shell.js';
export { classifyWords, sqlEffect, stripWrappers, isKnownTool, type Classification } from './classify.js';
export { runbookCommands, writeGuards, stepScope, type RunbookCommand, type Guard } from './extract.js';
export type { Effect } from './tables.js';

/** Classifies a command line (pipelines and `&&` chains: the most severe part wins). */
export function classifyCommandLine(line: string): Classification | undefined {
  return worst(parseShell(line).map((c) => classifyWords(c.words.map((w) => w.text), c.stdin)));
}
