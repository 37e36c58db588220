// A step graph as Mermaid (the `flowchart TD` style of the team's infra/runbooks README: decisions
// in `{…}`, branch conditions as `A -- text --> B`) and as Graphviz DOT. Same nodes, edges and
// marks as the SVG; text is escaped for each syntax so no label can break the diagram.
import type { GraphEdge, GraphNode, StepGraph } from './model.js';

const DECISION = new Set(['triage', 'diagnose']);

function nodeTitle(n: GraphNode): string {
  if (n.type === 'step') return `Step ${n.label} — ${n.name}`;
  if (n.type === 'missing') return `Step ${n.label} (missing)`;
  return n.name;
}

function markSuffix(n: GraphNode): string {
  const m = n.marks.filter((x) => x !== 'missing').map((x) => x.replace('-', ' '));
  return m.length ? ` ⚠ ${m.join(', ')}` : '';
}

// ---- Mermaid ------------------------------------------------------------------------------

/** Text inside `["…"]`: the double quote ends it, and Mermaid renders labels as HTML: `<` `>` as entity codes. */
function mermaidQuoted(s: string): string {
  return s.replace(/"/g, '#quot;').replace(/[<>]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** Edge text in `-- text -->`: anything that could end or confuse the label becomes an entity code. */
function mermaidEdgeText(s: string): string {
  return s.replace(/[^\p{L}\p{N} .,:'/_?!+=@~—–→-]|-(?=[->.])/gu, (c) => `#${c.codePointAt(0)};`);
}

function mermaidShape(n: GraphNode): string {
  const t = `"${mermaidQuoted(nodeTitle(n) + markSuffix(n))}"`;
  if (n.type === 'entry' || n.type === 'exit') return `([${t}])`;
  if (n.type === 'step' && n.kind && DECISION.has(n.kind)) return `{${t}}`;
  return `[${t}]`;
}

function mermaidArrow(e: GraphEdge): string {
  if (e.type === 'reference') return '-.->';
  if (e.label) return `-- ${mermaidEdgeText(e.label)} -->`;
  return '-->';
}

export function toMermaid(g: StepGraph): string {
  const out = ['flowchart TD'];
  for (const n of g.nodes) out.push(`  ${n.id}${mermaidShape(n)}`);
  for (const e of g.edges) out.push(`  ${e.from} ${mermaidArrow(e)} ${e.to}`);
  const classes: [string, string, (n: GraphNode) => boolean][] = [
    ['deadEnd', 'fill:#fff8c5,stroke:#9a6700,stroke-width:3px', (n) => n.marks.includes('dead-end')],
    ['unreachable', 'fill:#fff8c5,stroke:#9a6700,stroke-width:3px,stroke-dasharray:6 3', (n) => n.marks.includes('unreachable')],
    ['missing', 'fill:#ffebe9,stroke:#cf222e,stroke-width:3px,stroke-dasharray:6 3', (n) => n.marks.includes('missing')],
  ];
  for (const [name, style, has] of classes) {
    const ids = g.nodes.filter(has).map((n) => n.id);
    if (!ids.length) continue;
    out.push(`  classDef ${name} ${style}`);
    out.push(`  class ${ids.join(',')} ${name}`);
  }
  return out.join('\n') + '\n';
}

// ---- DOT ----------------------------------------------------------------------------------

function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

function dotNode(n: GraphNode): string {
  const attrs: string[] = [`label=${dotString(nodeTitle(n) + (markSuffix(n) ? `\n${markSuffix(n).trim()}` : ''))}`];
  if (n.type === 'entry' || n.type === 'exit') attrs.push('shape=oval');
  if (n.type === 'exit') attrs.push('style=dashed');
  if (n.type === 'step' && n.kind && DECISION.has(n.kind) && !n.marks.length) attrs.push('color="#0969da"');
  if (n.marks.includes('dead-end') || n.marks.includes('unreachable')) attrs.push('color="#9a6700"', 'fillcolor="#fff8c5"', `style="rounded,filled${n.marks.includes('unreachable') ? ',dashed' : ''}"`, 'penwidth=2.5');
  if (n.marks.includes('missing')) attrs.push('color="#cf222e"', 'fillcolor="#ffebe9"', 'fontcolor="#cf222e"', 'style="rounded,filled,dashed"', 'penwidth=2.5');
  return `  ${n.id} [${attrs.join(', ')}];`;
}

function dotEdge(e: GraphEdge): string {
  const attrs: string[] = [];
  if (e.label) attrs.push(`label=${dotString(e.label)}`);
  if (e.type === 'reference') attrs.push('style=dashed');
  if (e.back) attrs.push('color="#0969da"', 'style=dotted');
  if (e.missing) attrs.push('color="#cf222e"');
  return `  ${e.from} -> ${e.to}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`;
}

export function toDot(g: StepGraph): string {
  return [
    'digraph runbook {',
    `  graph [rankdir=TB, labelloc=t, fontname="Helvetica", label=${dotString(`Step graph${g.title ? `: ${g.title}` : ''}`)}];`,
    '  node [shape=box, style=rounded, fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=10, color="#57606a"];',
    ...g.nodes.map(dotNode),
    ...g.edges.map(dotEdge),
    '}',
    '',
  ].join('\n');
}
