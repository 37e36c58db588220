// Sizes and the stylesheet of a drawn step graph. No imports: the VS Code webview's extension side
// takes GRAPH_CSS from here without pulling in the layout library.

export const FONT_SIZE = 13;
export const LABEL_FONT_SIZE = 12;
export const LINE_HEIGHT = 1.3;

/** The graph's stylesheet: classes of ./svg.ts, colours from --rb-* variables with light/dark defaults. */
export const GRAPH_CSS = `
.rb-graph{--d-fg:#1f2328;--d-muted:#59636e;--d-bg:#ffffff;--d-node:#f6f8fa;--d-line:#8c959f;--d-accent:#0969da;--d-warn:#9a6700;--d-warn-bg:#fff8c5;--d-err:#cf222e;--d-err-bg:#ffebe9;--d-ok:#1a7f37;--d-mit:#bc4c00;--d-prev:#8250df;
font-family:var(--rb-font,system-ui,-apple-system,"Segoe UI",Ubuntu,"DejaVu Sans",sans-serif);font-size:${FONT_SIZE}px}
@media (prefers-color-scheme:dark){.rb-graph{--d-fg:#e6edf3;--d-muted:#9198a1;--d-bg:#0d1117;--d-node:#161b22;--d-line:#6e7681;--d-accent:#4493f8;--d-warn:#d29922;--d-warn-bg:#2b2111;--d-err:#f85149;--d-err-bg:#2d1214;--d-ok:#3fb950;--d-mit:#db6d28;--d-prev:#ab7df8}}
.rb-graph text{fill:var(--rb-fg,var(--d-fg))}
.rb-graph .rb-bg{fill:var(--rb-bg,var(--d-bg))}
.rb-node>.rb-box{fill:var(--rb-node,var(--d-node));stroke:var(--rb-line,var(--d-line));stroke-width:1.5}
.rb-node .rb-head{font-weight:600}
.rb-node .rb-badge{font-weight:600;fill:var(--rb-warn,var(--d-warn))}
.rb-node.rb-type-entry>.rb-box,.rb-node.rb-kind-triage>.rb-box,.rb-node.rb-kind-diagnose>.rb-box{stroke:var(--rb-accent,var(--d-accent))}
.rb-node.rb-kind-mitigation>.rb-box{stroke:var(--rb-mit,var(--d-mit))}
.rb-node.rb-kind-verification>.rb-box{stroke:var(--rb-ok,var(--d-ok))}
.rb-node.rb-kind-prevention>.rb-box{stroke:var(--rb-prev,var(--d-prev))}
.rb-node.rb-type-exit>.rb-box{stroke-dasharray:4 3}
.rb-node.rb-dead-end>.rb-box,.rb-node.rb-unreachable>.rb-box{stroke:var(--rb-warn,var(--d-warn));fill:var(--rb-warn-bg,var(--d-warn-bg));stroke-width:2.5}
.rb-node.rb-unreachable>.rb-box{stroke-dasharray:6 3}
.rb-node.rb-missing>.rb-box{stroke:var(--rb-err,var(--d-err));fill:var(--rb-err-bg,var(--d-err-bg));stroke-width:2.5;stroke-dasharray:6 3}
.rb-node.rb-missing text{fill:var(--rb-err,var(--d-err))}
.rb-node[data-line]:not([data-line="-1"]){cursor:pointer}
.rb-node:focus{outline:none}.rb-node:focus>.rb-box,.rb-node:hover>.rb-box{stroke-width:3}
.rb-edge path{fill:none;stroke:var(--rb-line,var(--d-line));stroke-width:1.5}
.rb-edge.rb-edge-reference path{stroke-dasharray:5 4}
.rb-edge.rb-back path{stroke:var(--rb-accent,var(--d-accent));stroke-dasharray:2 3}
.rb-edge.rb-missing path{stroke:var(--rb-err,var(--d-err))}
.rb-arrow{fill:var(--rb-line,var(--d-line))}.rb-arrow-back{fill:var(--rb-accent,var(--d-accent))}.rb-arrow-missing{fill:var(--rb-err,var(--d-err))}
.rb-edge-label rect{fill:var(--rb-bg,var(--d-bg));opacity:.92}
.rb-edge-label text{font-size:${LABEL_FONT_SIZE}px;fill:var(--rb-muted,var(--d-muted))}
`.trim();
