// The step graph of a runbook (model, layout, SVG, Mermaid, DOT): see model.ts.
export { stepGraph, type StepGraph, type GraphNode, type GraphEdge, type NodeMark, type EdgeType, type NodeType } from './model.js';
export { layoutGraph, MAX_NODES, type LaidOutGraph, type PlacedNode, type PlacedEdge } from './layout.js';
export { toSvg, escapeXml, type SvgOptions } from './svg.js';
export { GRAPH_CSS } from './style.js';
export { toMermaid, toDot } from './text-formats.js';
