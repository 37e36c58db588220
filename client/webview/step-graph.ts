// The step-graph webview's script (bundled to dist/webview/step-graph.js, loaded with the page's
// nonce): shows the SVG the language server drew, and asks the extension to reveal a step when its
// node is clicked (or activated with Enter/Space). No library, no network.
interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface GraphMessage {
  type: 'graph';
  svg: string;
  title: string;
  summary: string;
  /** The document drawn: a new one scrolls the drawing to its entry. */
  uri: string;
}

const vscode = acquireVsCodeApi();
const graph = document.getElementById('graph')!;
const title = document.getElementById('title')!;
const summary = document.getElementById('summary')!;
let shown = '';

window.addEventListener('message', (e: MessageEvent<GraphMessage | { type: string }>) => {
  const m = e.data;
  if (m?.type !== 'graph') return;
  const g = m as GraphMessage;
  title.textContent = g.title || 'Step graph';
  summary.textContent = g.summary;
  // Markup drawn and escaped by the server (core/graph/svg.ts); the page's CSP runs no script in it.
  graph.innerHTML = g.svg;
  // Fit the panel's width, but never below 75% of the drawn size (text stays legible; wider scrolls).
  const svg = graph.querySelector('svg');
  const w = Number(svg?.getAttribute('width'));
  if (svg && w > 0) svg.style.minWidth = `${Math.round(w * 0.75)}px`;
  // A wide graph opens on its entry (Inputs or Step 1), not on its left edge; redraws keep the scroll.
  if (g.uri !== shown) {
    shown = g.uri;
    graph.querySelector('.rb-node')?.scrollIntoView({ block: 'nearest', inline: 'center' });
  }
});

function reveal(target: EventTarget | null): void {
  const node = (target as Element | null)?.closest?.('.rb-node');
  const line = Number(node?.getAttribute('data-line') ?? -1);
  if (node && line >= 0) vscode.postMessage({ type: 'reveal', line });
}

graph.addEventListener('click', (e) => reveal(e.target));
graph.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    reveal(e.target);
  }
});
vscode.postMessage({ type: 'ready' });
