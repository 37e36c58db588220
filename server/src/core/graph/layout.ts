// Placement of a step graph: text wrapped into node and label boxes sized from estimated glyph
// widths, then a layered layout by @dagrejs/dagre (edge labels are laid out as boxes of their own,
// so labels and nodes never overlap). Pure: no DOM, the same result in the CLI, the server and tests.
import dagre from '@dagrejs/dagre';
import type { GraphEdge, GraphNode, StepGraph } from './model.js';
import { FONT_SIZE, LABEL_FONT_SIZE, LINE_HEIGHT } from './style.js';

export interface Point {
  x: number;
  y: number;
}

export interface PlacedNode {
  node: GraphNode;
  /** Centre. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** First line: "Step 2A" / "Inputs"; then the wrapped name; then the marks ("dead end"). */
  head: string;
  lines: string[];
  badges: string[];
}

export interface PlacedEdge {
  edge: GraphEdge;
  points: Point[];
  /** Wrapped condition, empty when the edge has no label. */
  lines: string[];
  label?: { x: number; y: number; width: number; height: number };
}

export interface LaidOutGraph {
  graph: StepGraph;
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  /** Set when the graph is too large to draw (the number of nodes). */
  tooLarge?: number;
}

const NODE_TEXT_WIDTH = 180;
const LABEL_TEXT_WIDTH = 130;
const PAD_X = 12;
const PAD_Y = 8;
const MAX_LINES = 3;
/** Above this many nodes the graph is not drawn (a layout would take seconds; nobody reads it). */
export const MAX_NODES = 150;

/**
 * Estimated advance of a character in em, on the generous side of common UI sans-serif fonts
 * (DejaVu Sans, Segoe UI, Helvetica), so that real text is never wider than its box.
 */
function charEm(c: string): number {
  const code = c.charCodeAt(0);
  if (code > 0x2e80) return 1.05; // CJK and wider
  if (c === ' ') return 0.34;
  if ('iljI.,:;\'|!()[]{}`'.includes(c)) return 0.36;
  if ('ftr'.includes(c)) return 0.45;
  if ('mwMW@%'.includes(c)) return 0.98;
  if (c >= 'A' && c <= 'Z') return 0.74;
  if (c >= '0' && c <= '9') return 0.64;
  if (code > 0x7f) return 0.8;
  return 0.62;
}

export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const c of text) em += charEm(c);
  return Math.ceil(em * fontSize * (bold ? 1.08 : 1));
}

/** Word-wraps `text` to lines no wider than `max` px; more than `maxLines` ends the last one with "…"; a word too long is cut. */
export function wrap(text: string, max: number, fontSize: number, maxLines = MAX_LINES): string[] {
  const lines: string[] = [];
  let cur = '';
  const words = text.split(' ').filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    let w = words[i]!;
    while (textWidth(w, fontSize) > max) {
      // Cut an over-long word (a URL, an identifier) at the width.
      let k = w.length - 1;
      while (k > 1 && textWidth(w.slice(0, k), fontSize) > max) k--;
      if (cur) {
        lines.push(cur);
        cur = '';
      }
      lines.push(w.slice(0, k));
      w = w.slice(k);
    }
    const next = cur ? `${cur} ${w}` : w;
    if (textWidth(next, fontSize) <= max) cur = next;
    else {
      lines.push(cur);
      cur = w;
    }
  }
  if (cur) lines.push(cur);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last && textWidth(`${last}…`, fontSize) > max) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

const KIND_WORD: Record<string, string> = { triage: 'triage', diagnose: 'diagnose', mitigation: 'mitigation', verification: 'verification', prevention: 'prevention' };
const BADGE: Record<string, string> = { 'dead-end': 'dead end', unreachable: 'unreachable', missing: 'missing step' };

function nodeText(n: GraphNode): { head: string; lines: string[]; badges: string[] } {
  const badges = n.marks.map((m) => BADGE[m]!).filter((b) => b !== 'missing step');
  if (n.type === 'entry') return { head: n.name, lines: [], badges };
  if (n.type === 'exit') return { head: '', lines: wrap(n.name, NODE_TEXT_WIDTH, FONT_SIZE), badges };
  if (n.type === 'missing') return { head: `Step ${n.label}`, lines: ['does not exist'], badges };
  const kind = n.kind && KIND_WORD[n.kind];
  // The kind shows beside the label when the name does not already say it ("Step 2A · diagnose").
  const head = kind && !n.name.toLowerCase().includes(kind.slice(0, 6)) ? `Step ${n.label} · ${kind}` : `Step ${n.label}`;
  return { head, lines: n.name ? wrap(n.name, NODE_TEXT_WIDTH, FONT_SIZE) : [], badges };
}

export function layoutGraph(graph: StepGraph): LaidOutGraph {
  if (graph.nodes.length > MAX_NODES) return { graph, width: 0, height: 0, nodes: [], edges: [], tooLarge: graph.nodes.length };
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 44, edgesep: 14, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  const lineH = FONT_SIZE * LINE_HEIGHT;
  const texts = new Map<string, ReturnType<typeof nodeText>>();
  for (const n of graph.nodes) {
    const t = nodeText(n);
    texts.set(n.id, t);
    const rows = [t.head, ...t.lines, ...t.badges].filter(Boolean);
    const w = Math.max(60, ...rows.map((r, i) => textWidth(r, FONT_SIZE, i === 0 && !!t.head))) + 2 * PAD_X + (n.type === 'entry' || n.type === 'exit' ? 16 : 0);
    g.setNode(n.id, { width: w, height: rows.length * lineH + 2 * PAD_Y });
  }
  const labelLines = graph.edges.map((e) => (e.label ? wrap(e.label, LABEL_TEXT_WIDTH, LABEL_FONT_SIZE) : []));
  graph.edges.forEach((e, i) => {
    const lines = labelLines[i]!;
    const w = lines.length ? Math.max(...lines.map((l) => textWidth(l, LABEL_FONT_SIZE))) + 10 : 0;
    const h = lines.length ? lines.length * LABEL_FONT_SIZE * LINE_HEIGHT + 6 : 0;
    // Entry and "next" edges pull harder (the main line stays straight); loops do not pull at all.
    const weight = e.type === 'next' || e.type === 'entry' ? 3 : 1;
    g.setEdge(e.from, e.to, { width: w, height: h, labelpos: 'c', weight, minlen: 1 }, String(i));
  });
  dagre.layout(g);
  const nodes: PlacedNode[] = graph.nodes.map((n) => {
    const p = g.node(n.id);
    const t = texts.get(n.id)!;
    return { node: n, x: p.x, y: p.y, width: p.width, height: p.height, ...t };
  });
  const edges: PlacedEdge[] = graph.edges.map((e, i) => {
    const p = g.edge({ v: e.from, w: e.to, name: String(i) });
    const lines = labelLines[i]!;
    return {
      edge: e,
      points: (p.points ?? []).map((q: Point) => ({ x: q.x, y: q.y })),
      lines,
      ...(lines.length && p.x !== undefined ? { label: { x: p.x, y: p.y!, width: p.width!, height: p.height! } } : {}),
    };
  });
  const gl = g.graph();
  return { graph, width: Math.ceil(gl.width ?? 0), height: Math.ceil(gl.height ?? 0), nodes, edges };
}
