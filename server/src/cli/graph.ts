// `runbook-lint graph <file> [--format mermaid|dot|svg] [--output <file>]`: the step graph of one
// runbook (steps, branches with their conditions, Inputs → Triage entry, dead ends, unreachable and
// missing steps) as Mermaid (default), Graphviz DOT or a self-contained SVG.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MAX_FULL_CHECK_BYTES } from '../core/check.js';
import { layoutGraph, stepGraph, toDot, toMermaid, toSvg } from '../core/graph/index.js';
import { parseRunbook } from '../core/model/runbook.js';
import { readRunbookFile } from '../node/read-file.js';
import { parseSubcommand, UsageError } from './args.js';
import { escapeControls } from '../core/controls.js';

export const GRAPH_FORMATS = ['mermaid', 'dot', 'svg'] as const;

export const GRAPH_HELP = `Usage: runbook-lint graph <file> [--format mermaid|dot|svg] [--output <file>]

Draws the step graph of a runbook: one node per step (number, kind, name), an edge per branch
labelled with its condition ("If … → go to Step 2A"), the Inputs → Triage entry, and marks for
dead ends (a triage/diagnose step with no way forward), unreachable steps and references to
missing steps. Detected secrets never appear (replaced by <REDACTED:kind>).

  --format <fmt>     mermaid (default; paste into a Markdown file), dot (Graphviz) or svg
                     (self-contained, light and dark colours)
  --output <file>    write to <file> instead of standard output
  -h, --help         show this help

Exit codes: 0 drawn (whatever the graph shows), 2 usage or IO problem.`;

export function graphCommand(argv: string[], cwd: string, out: NodeJS.WritableStream): number {
  const parsed = parseSubcommand('graph', argv, { format: { type: 'string', short: 'f', default: 'mermaid' }, output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h', default: false } });
  const v = parsed.values;
  if (v.help) {
    out.write(GRAPH_HELP + '\n');
    return 0;
  }
  const format = v.format as string;
  if (!(GRAPH_FORMATS as readonly string[]).includes(format)) throw new UsageError(`graph: unknown --format "${format}" (use ${GRAPH_FORMATS.join(', ')})`);
  if (parsed.positionals.length !== 1) throw new UsageError(`graph: give exactly one runbook file (got ${parsed.positionals.length})`);
  const file = parsed.positionals[0]!;
  const read = readRunbookFile(resolve(cwd, file));
  if (!read.ok) throw new UsageError(`graph: ${file} ${read.reason}`);
  if (read.text.length > MAX_FULL_CHECK_BYTES) throw new UsageError(`graph: ${file} is over ${MAX_FULL_CHECK_BYTES / 1024 / 1024} MB; only its secrets are checked, no graph is drawn`);
  const graph = stepGraph(parseRunbook(read.text, file));
  const text = format === 'mermaid' ? toMermaid(graph) : format === 'dot' ? toDot(graph) : toSvg(layoutGraph(graph)) + '\n';
  if (v.output) {
    try {
      writeFileSync(resolve(cwd, v.output), text);
    } catch (e) {
      throw new UsageError(`graph: could not write ${v.output} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  } else out.write(escapeControls(text));
  return 0;
}
