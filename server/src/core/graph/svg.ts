// A laid-out step graph as SVG markup. Colours come from CSS custom properties (--rb-*) with
// defaults for a light page and a dark one (prefers-color-scheme): the VS Code webview maps them to
// the theme's variables, the health report to its own. Every node and edge carries classes and
// data attributes (id, line, marks) that the webview and the tests read. All text is escaped.
import type { LaidOutGraph, PlacedEdge, PlacedNode, Point } from './layout.js';
import { FONT_SIZE, GRAPH_CSS, LABEL_FONT_SIZE, LINE_HEIGHT } from './style.js';

export interface SvgOptions {
  /** Prefix of the ids inside the SVG (arrow markers): unique per SVG in one HTML page. */
  idPrefix?: string;
  /** Include the <style> block (default true); a page that styles .rb-graph itself leaves it out. */
  style?: boolean;
  /** Standalone file: XML declaration-free root with xmlns (default true). */
  standalone?: boolean;
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]!};`);
}



/** Rounded path through dagre's points (quadratic curves through the midpoints). */
function pathOf(points: Point[]): string {
  if (!points.length) return '';
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M${f(points[0]!.x)},${f(points[0]!.y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i]!;
    const q = points[i + 1]!;
    d += ` Q${f(p.x)},${f(p.y)} ${f((p.x + q.x) / 2)},${f((p.y + q.y) / 2)}`;
  }
  const last = points[points.length - 1]!;
  return `${d} L${f(last.x)},${f(last.y)}`;
}

function textBlock(rows: { text: string; cls: string }[], cx: number, top: number, size: number): string {
  const lh = size * LINE_HEIGHT;
  return rows
    .map((r, i) => `<text class="${r.cls}" x="${cx}" y="${(top + lh * i + lh / 2).toFixed(1)}" text-anchor="middle" dominant-baseline="central">${escapeXml(r.text)}</text>`)
    .join('');
}

function nodeSvg(p: PlacedNode): string {
  const n = p.node;
  const cls = ['rb-node', `rb-type-${n.type}`, ...(n.kind ? [`rb-kind-${n.kind}`] : []), ...n.marks.map((m) => `rb-${m}`)].join(' ');
  const x = p.x - p.width / 2;
  const y = p.y - p.height / 2;
  const rx = n.type === 'entry' || n.type === 'exit' ? p.height / 2 : 6;
  const rows = [
    ...(p.head ? [{ text: p.head, cls: 'rb-head' }] : []),
    ...p.lines.map((l) => ({ text: l, cls: 'rb-name' })),
    ...p.badges.map((b) => ({ text: `⚠ ${b}`, cls: 'rb-badge' })),
  ];
  const tip = [n.type === 'step' ? `Step ${n.label} — ${n.name}` : n.type === 'missing' ? `Step ${n.label} does not exist` : n.name, ...n.marks.map((m) => m.replace('-', ' '))].join(' · ');
  const attrs = `class="${cls}" data-id="${escapeXml(n.id)}" data-line="${n.line}" data-marks="${n.marks.join(' ')}"${n.line >= 0 ? ' tabindex="0" role="button"' : ''}`;
  const top = y + (p.height - rows.length * FONT_SIZE * LINE_HEIGHT) / 2;
  return `<g ${attrs}><title>${escapeXml(tip)}</title><rect class="rb-box" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${p.width.toFixed(1)}" height="${p.height.toFixed(1)}" rx="${rx.toFixed(1)}"/>${textBlock(rows, Math.round(p.x * 10) / 10, top, FONT_SIZE)}</g>`;
}

function edgeSvg(p: PlacedEdge, prefix: string): string {
  const e = p.edge;
  const cls = ['rb-edge', `rb-edge-${e.type}`, ...(e.back ? ['rb-back'] : []), ...(e.missing ? ['rb-missing'] : [])].join(' ');
  const marker = e.missing ? 'missing' : e.back ? 'back' : 'plain';
  return `<g class="${cls}" data-from="${escapeXml(e.from)}" data-to="${escapeXml(e.to)}" data-line="${e.line}"><path d="${pathOf(p.points)}" marker-end="url(#${prefix}-${marker})"/></g>`;
}

function labelSvg(p: PlacedEdge): string {
  if (!p.label) return '';
  const l = p.label;
  return `<g class="rb-edge-label" data-from="${escapeXml(p.edge.from)}" data-to="${escapeXml(p.edge.to)}"><title>${escapeXml(p.edge.label)}</title><rect x="${(l.x - l.width / 2).toFixed(1)}" y="${(l.y - l.height / 2).toFixed(1)}" width="${l.width.toFixed(1)}" height="${l.height.toFixed(1)}" rx="3"/>${textBlock(
    p.lines.map((t) => ({ text: t, cls: 'rb-label' })),
    Math.round(l.x * 10) / 10,
    l.y - (p.lines.length * LABEL_FONT_SIZE * LINE_HEIGHT) / 2,
    LABEL_FONT_SIZE,
  )}</g>`;
}

export function toSvg(laid: LaidOutGraph, opts: SvgOptions = {}): string {
  const prefix = opts.idPrefix ?? 'rb';
  const title = `Step graph${laid.graph.title ? `: ${laid.graph.title}` : ''}`;
  const head = `<svg${opts.standalone === false ? '' : ' xmlns="http://www.w3.org/2000/svg"'} class="rb-graph" role="img" aria-label="${escapeXml(title)}"`;
  if (laid.tooLarge || !laid.nodes.length) {
    const msg = laid.tooLarge ? `${laid.tooLarge} nodes: too many steps to draw` : 'No steps ("## Step 1 — Triage" …) in this runbook';
    const w = Math.max(280, msg.length * 8);
    return `${head} width="${w}" height="48" viewBox="0 0 ${w} 48"><title>${escapeXml(title)}</title>${opts.style === false ? '' : `<style>${GRAPH_CSS}</style>`}<text x="12" y="28">${escapeXml(msg)}</text></svg>`;
  }
  const arrow = (name: string, cls: string) => `<marker id="${prefix}-${name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path class="${cls}" d="M0,0 L10,5 L0,10 z"/></marker>`;
  return [
    `${head} width="${laid.width}" height="${laid.height}" viewBox="0 0 ${laid.width} ${laid.height}">`,
    `<title>${escapeXml(title)}</title>`,
    opts.style === false ? '' : `<style>${GRAPH_CSS}</style>`,
    opts.standalone === false ? '' : '<rect class="rb-bg" width="100%" height="100%"/>',
    `<defs>${arrow('plain', 'rb-arrow')}${arrow('back', 'rb-arrow-back')}${arrow('missing', 'rb-arrow-missing')}</defs>`,
    `<g class="rb-edges">${laid.edges.map((e) => edgeSvg(e, prefix)).join('')}</g>`,
    `<g class="rb-nodes">${laid.nodes.map(nodeSvg).join('')}</g>`,
    `<g class="rb-edge-labels">${laid.edges.map(labelSvg).join('')}</g>`,
    '</svg>',
  ].join('');
}
