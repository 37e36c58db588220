// The step graph of a runbook: one node per step, an edge per branch ("If … → go to Step 2A") or
// reference, the Inputs → Triage entry, and the marks a reviewer looks for (dead ends, unreachable
// steps, references to missing steps, loops). Built from the same step/branch model as RB206/RB207
// (core/steps.ts); drawn by ./layout.ts + ./render.ts (SVG), ./text-formats.ts (Mermaid, DOT), the
// VS Code webview and the health report. Every text in it has detected secrets redacted.
//
// Public API:
//   stepGraph(rb)   the graph of a parsed runbook
import type { Runbook, Section, SectionKind } from '../model/runbook.js';
import type { OffsetRange } from '../model/text.js';
import { documentSecrets } from '../scrub.js';
import { detectSecrets } from '../secrets/index.js';
import { branchesIn, findStepReferences, resolveStep } from '../steps.js';
import { findSection } from '../sections.js';

export type NodeType = 'entry' | 'step' | 'missing' | 'exit';
/** dead-end: a triage/diagnose step with no way forward; unreachable: no path from the entry; missing: named by a reference but not in the runbook. */
export type NodeMark = 'dead-end' | 'unreachable' | 'missing';
/** branch: "If … → go to Step X"; reference: "go to Step X" outside a branch; next: the following step (a step that is not a decision); entry: Inputs → first step. */
export type EdgeType = 'entry' | 'branch' | 'reference' | 'next';

export interface GraphNode {
  /** Stable, unique, safe in Mermaid/DOT/HTML ids: `inputs`, `S1`, `S2A`, `S3_2` (a duplicated label), `missing_7`, `exit_1`. */
  id: string;
  type: NodeType;
  /** Step label ("2A"); '' for the entry and exits. */
  label: string;
  number?: number;
  letter?: string;
  kind?: SectionKind;
  /** Step name after the dash ("Diagnose a failing hook"), the entry's "Inputs", or an exit's action. */
  name: string;
  /** 0-based line of the step heading (or the branch for exits); -1 for a missing step. */
  line: number;
  marks: NodeMark[];
}

export interface GraphEdge {
  from: string;
  to: string;
  type: EdgeType;
  /** The branch condition as written ("If the pod is OOMKilled", "Else"); '' for the others. */
  label: string;
  /** 0-based line where the branch or reference is written; the heading line for entry, the step's last line for next. */
  line: number;
  /** Goes back to a step already on the way here (closes a loop). */
  back: boolean;
  /** Points at a step that does not exist. */
  missing: boolean;
}

export interface StepGraph {
  /** Front-matter title, else the H1 (redacted). */
  title: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const DECISION: ReadonlySet<SectionKind> = new Set(['triage', 'diagnose']);
const ELSE = /^(?:else|otherwise|in all other cases)\b/i;
const MARKUP = /`|\*\*|__/g;
const SPACES = /\s+/g;

/**
 * A text from the document for display: markup dropped, spaces collapsed, detected secrets replaced
 * by `<REDACTED:kind>`. `range` is where the text comes from (a heading, a branch); without it every
 * secret of the document is looked for by value (front-matter values).
 */
export function redactShown(rb: Runbook, text: string, range?: OffsetRange): string {
  let out = text;
  for (const s of documentSecrets(rb)) {
    const value = rb.text.slice(s.start, s.end);
    const mark = `<REDACTED:${s.kind}>`;
    if (range ? s.end <= range.start || s.start >= range.end : !(value.length >= 4 && out.includes(value))) continue;
    // A value the display text does not hold verbatim (split by markup, cut by the range) takes the whole text with it.
    out = value.length >= 4 && out.includes(value) ? out.split(value).join(mark) : mark;
  }
  out = out.replace(MARKUP, '').replace(SPACES, ' ').trim();
  // Markup can split a value the document scan does not see whole (`**ghp_…**…`): scan what is shown too.
  const late = detectSecrets(out);
  for (let i = late.length - 1; i >= 0; i--) out = `${out.slice(0, late[i]!.start)}<REDACTED:${late[i]!.kind}>${out.slice(late[i]!.end)}`;
  return out;
}

export function stepGraph(rb: Runbook): StepGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const line = (offset: number) => rb.lines.positionAt(offset).line;
  const fmTitle = rb.frontMatter?.data?.['title'];
  const title = typeof fmTitle === 'string' ? redactShown(rb, fmTitle) : rb.h1 ? redactShown(rb, rb.h1.text, rb.h1.textRange) : '';
  const graph: StepGraph = { title, nodes, edges };

  // Steps in document order (H2 and deeper step headings), innermost section for ownership of text.
  const steps = rb.allSections.filter((s) => s.heading.step);
  if (!steps.length) return graph;
  const nodeOf = new Map<Section, GraphNode>();
  const used = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    return id;
  };
  const inputs = findSection(rb, 'inputs');
  const entry: GraphNode | undefined = inputs ? { id: uniqueId('inputs'), type: 'entry', label: '', name: 'Inputs', line: line(inputs.heading.range.start), marks: [] } : undefined;
  if (entry) nodes.push(entry);
  for (const s of steps) {
    const st = s.heading.step!;
    const n: GraphNode = {
      id: uniqueId(`S${st.label}`),
      type: 'step',
      label: st.label,
      number: st.number,
      letter: st.letter,
      kind: s.kind,
      name: redactShown(rb, st.name, s.heading.textRange),
      line: line(s.heading.range.start),
      marks: [],
    };
    nodes.push(n);
    nodeOf.set(s, n);
  }
  const headingNode = new Map(steps.map((s) => [s.heading, nodeOf.get(s)!]));
  /** The innermost step (or the Inputs section) holding an offset. */
  const ownerAt = (offset: number): GraphNode | undefined => {
    let best: Section | undefined;
    for (const s of steps) if (s.range.start <= offset && offset < s.range.end && (!best || s.range.start >= best.range.start)) best = s;
    if (best) return nodeOf.get(best);
    return entry && inputs && inputs.range.start <= offset && offset < inputs.range.end ? entry : undefined;
  };
  const missing = new Map<string, GraphNode>();
  const missingNode = (label: string): GraphNode => {
    let m = missing.get(label);
    if (!m) {
      m = { id: uniqueId(`missing_${label}`), type: 'missing', label, name: 'missing', line: -1, marks: ['missing'] };
      missing.set(label, m);
      nodes.push(m);
    }
    return m;
  };
  const exits = new Map<string, GraphNode>();
  const seen = new Set<string>();
  const addEdge = (e: Omit<GraphEdge, 'back'>) => {
    const key = `${e.from}>${e.to}>${e.label}`;
    if (seen.has(key)) return;
    seen.add(key);
    edges.push({ ...e, back: false });
  };
  const targetOf = (label: string) => {
    const h = resolveStep(rb, label);
    return h ? headingNode.get(h) : undefined;
  };

  // Branches and references, each from the step that holds it.
  const onBranch = new Set<number>();
  const unconditional = new Set<GraphNode>();
  for (const owner of [...(inputs && entry ? [{ n: entry, body: inputs.bodyRange }] : []), ...steps.map((s) => ({ n: nodeOf.get(s)!, body: s.bodyRange }))]) {
    for (const b of branchesIn(rb, owner.body)) {
      if (ownerAt(b.range.start) !== owner.n) continue; // a nested step's branch belongs to it
      const label = redactShown(rb, b.condition, b.range);
      if (ELSE.test(label)) unconditional.add(owner.n);
      if (b.target) {
        onBranch.add(b.target.range.start);
        const to = targetOf(b.target.label);
        addEdge({ from: owner.n.id, to: (to ?? missingNode(b.target.label)).id, type: 'branch', label, line: line(b.range.start), missing: !to });
      } else {
        const action = redactShown(rb, b.action, b.range);
        let x = exits.get(action.toLowerCase());
        if (!x) {
          x = { id: uniqueId(`exit_${exits.size + 1}`), type: 'exit', label: '', name: action, line: line(b.range.start), marks: [] };
          exits.set(action.toLowerCase(), x);
          nodes.push(x);
        }
        addEdge({ from: owner.n.id, to: x.id, type: 'branch', label, line: line(b.range.start), missing: false });
      }
    }
  }
  for (const r of findStepReferences(rb)) {
    if (onBranch.has(r.range.start)) continue;
    const from = ownerAt(r.range.start);
    if (!from) continue;
    const to = targetOf(r.label);
    addEdge({ from: from.id, to: (to ?? missingNode(r.label)).id, type: 'reference', label: '', line: line(r.range.start), missing: !to });
    unconditional.add(from);
  }

  // Inputs → the first triage step (else the first step); a step that is not a decision goes on to the next one.
  const first = steps.find((s) => s.kind === 'triage') ?? steps[0]!;
  if (entry) addEdge({ from: entry.id, to: nodeOf.get(first)!.id, type: 'entry', label: '', line: entry.line, missing: false });
  steps.forEach((s, i) => {
    const n = nodeOf.get(s)!;
    const next = steps[i + 1];
    if (!next || DECISION.has(s.kind) || unconditional.has(n)) return;
    addEdge({ from: n.id, to: nodeOf.get(next)!.id, type: 'next', label: '', line: line(Math.max(s.range.start, s.range.end - 1)), missing: false });
  });

  edges.sort((a, b) => (a.type === 'entry' ? -1 : b.type === 'entry' ? 1 : a.line - b.line));
  markLoopsAndReach(graph, entry ?? nodeOf.get(steps[0]!)!);
  for (const s of steps) {
    const n = nodeOf.get(s)!;
    if (DECISION.has(s.kind) && !edges.some((e) => e.from === n.id && !e.missing && e.to !== n.id)) n.marks.push('dead-end');
  }
  return graph;
}

/** Depth-first from the entry in document order: edges to a node on the current path are loops; nodes never visited are unreachable. */
function markLoopsAndReach(g: StepGraph, start: GraphNode): void {
  const out = new Map<string, GraphEdge[]>();
  for (const e of g.edges) {
    const l = out.get(e.from);
    if (l) l.push(e);
    else out.set(e.from, [e]);
  }
  const state = new Map<string, 1 | 2>(); // 1 on the path, 2 done
  const visit = (root: string) => {
    // Iterative DFS (a runbook may have thousands of steps).
    const stack: { id: string; i: number }[] = [{ id: root, i: 0 }];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const es = out.get(top.id) ?? [];
      if (top.i >= es.length) {
        state.set(top.id, 2);
        stack.pop();
        continue;
      }
      const e = es[top.i++]!;
      const s = state.get(e.to);
      if (s === 1) e.back = true;
      else if (s === undefined) {
        state.set(e.to, 1);
        stack.push({ id: e.to, i: 0 });
      }
    }
  };
  visit(start.id);
  const reached = new Set(state.keys());
  for (const n of g.nodes) {
    if (n.type === 'step' && !reached.has(n.id)) n.marks.push('unreachable');
    if (!state.has(n.id)) visit(n.id);
  }
}
