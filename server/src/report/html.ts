// The health report as one self-contained HTML page: inline CSS, SVG and a small script (sort and
// filter the table), a Content-Security-Policy that allows nothing from elsewhere, colours from the
// VS Code theme in a webview and from prefers-color-scheme in a browser. Every text is escaped;
// nothing in the data holds a secret (./facts.ts).
import { escapeXml as esc, GRAPH_CSS } from '../core/graph/index.js';
import { dodByCategoryChart, dodSpark, reviewAgeChart } from './charts.js';
import { NO_OWNER, type ReportData } from './data.js';
import { GROUPS, type Group, type ReportFile } from './facts.js';

export interface HtmlOptions {
  /** Nonce of the inline <style> and <script> (the CSP allows only those). */
  nonce: string;
  /**
   * Where a runbook's "Open" link points (a path relative to the written page, or the document's URI in
   * an editor, whose webview asks the editor to open it). No link when absent.
   */
  fileHref?: (path: string) => string;
}

const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--bg:#ffffff;--panel:#f6f8fa;--border:#d1d9e0;--accent:#0969da;--ok:#1a7f37;--mid:#9a6700;--bad:#cf222e;--warn:#9a6700;--font:system-ui,-apple-system,"Segoe UI",Ubuntu,"DejaVu Sans",sans-serif;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--panel:#161b22;--border:#3d444d;--accent:#4493f8;--ok:#3fb950;--mid:#d29922;--bad:#f85149;--warn:#d29922}}
body.vscode-light,body.vscode-dark,body.vscode-high-contrast,body.vscode-high-contrast-light{--fg:var(--vscode-editor-foreground);--muted:var(--vscode-descriptionForeground);--bg:var(--vscode-editor-background);--panel:var(--vscode-editorWidget-background,var(--vscode-sideBar-background));--border:var(--vscode-panel-border,var(--vscode-widget-border,#8888));--accent:var(--vscode-textLink-foreground);--ok:var(--vscode-charts-green);--mid:var(--vscode-charts-yellow);--bad:var(--vscode-charts-red);--warn:var(--vscode-editorWarning-foreground);--font:var(--vscode-font-family)}
*{box-sizing:border-box}
body{margin:0;padding:24px 32px 64px;background:var(--bg);color:var(--fg);font:14px/1.45 var(--font)}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 12px}h3{font-size:15px;margin:0 0 8px}
a{color:var(--accent)}
.meta{color:var(--muted);margin:0}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin-top:20px}
.card{background:var(--panel);border:1px solid var(--border);border-radius:8px;padding:12px 16px;min-width:150px}
.card .value{font-size:30px;font-weight:650;line-height:1.1}.card .value small{font-size:16px;color:var(--muted);font-weight:400}
.card .label{color:var(--muted)}
.card.bad .value{color:var(--bad)}.card.warn .value{color:var(--warn)}.card.good .value{color:var(--ok)}
.charts{display:flex;flex-wrap:wrap;gap:16px}
figure.chart{margin:0;background:var(--panel);border:1px solid var(--border);border-radius:8px;padding:12px 16px;max-width:100%;overflow-x:auto}
figure.chart figcaption{font-weight:600;margin-bottom:6px}
svg text{fill:var(--fg);font-family:var(--font)}
.chart-svg .tick,.spark .tick{font-size:11px;fill:var(--muted)}.chart-svg .cat,.chart-svg .val{font-size:12px}
.chart-svg .axis-label{font-size:12px;font-weight:600;fill:var(--muted)}
.chart-svg .grid{stroke:var(--border);stroke-width:1}.chart-svg .axis{stroke:var(--muted);stroke-width:1}
.bar-ok{fill:var(--ok)}.bar-mid{fill:var(--mid)}.bar-bad{fill:var(--bad)}.bar-none{fill:var(--muted);opacity:.5}
.threshold{stroke:var(--bad);stroke-width:2;stroke-dasharray:5 3}.threshold-label{font-size:12px;font-weight:600;fill:var(--bad)!important}
.owners{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:8px}
.owners details{background:var(--panel);border:1px solid var(--border);border-radius:6px;padding:6px 10px}
.owners ul{margin:6px 0 0;padding-left:18px;max-height:240px;overflow:auto;overflow-wrap:anywhere}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin-bottom:8px}
.filters input[type=search],.filters select{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--border);border-radius:4px;padding:4px 8px}
.filters input[type=search]{min-width:280px}
#shown{color:var(--muted)}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--border);padding:4px 8px;text-align:left;vertical-align:top}
td.num,th.num{text-align:right}
th button{font:inherit;font-weight:600;color:var(--fg);background:none;border:0;padding:0;cursor:pointer}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
tbody tr:hover{background:var(--panel)}
.sev-error{color:var(--bad)}.sev-warning{color:var(--warn)}.sev-info{color:var(--muted)}
.stale{color:var(--warn);font-weight:600}
.detail{display:none;margin-top:24px;background:var(--panel);border:1px solid var(--border);border-radius:8px;padding:16px}
.detail:target,.detail.open{display:block}
.detail .graph{overflow:auto;max-height:80vh;background:var(--bg);border:1px solid var(--border);border-radius:6px;padding:8px;margin:8px 0}
.detail ol{padding-left:20px}
.rb-graph{--rb-fg:var(--fg);--rb-muted:var(--muted);--rb-bg:var(--bg);--rb-node:var(--panel);--rb-line:var(--muted);--rb-accent:var(--accent);--rb-warn:var(--warn);--rb-err:var(--bad);--rb-ok:var(--ok);--rb-font:var(--font)}
`;

/** Table sort and filter. Plain ES2017, no library; ~1 ms per thousand rows. */
const SCRIPT = `
(function () {
  var table = document.getElementById('runbook-table');
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var sortKey = null, dir = 1;
  heads.forEach(function (th) {
    var b = th.querySelector('button');
    if (!b) return;
    b.addEventListener('click', function () {
      var key = th.getAttribute('data-key'), num = th.getAttribute('data-type') === 'num';
      dir = sortKey === key ? -dir : 1;
      sortKey = key;
      heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
      var val = function (r) { var v = r.getAttribute('data-' + key); return num ? Number(v) : v; };
      rows.sort(function (a, b) {
        var x = val(a), y = val(b);
        var c = num ? x - y : x.localeCompare(y);
        return c * dir || a.getAttribute('data-path').localeCompare(b.getAttribute('data-path'));
      });
      var frag = document.createDocumentFragment();
      rows.forEach(function (r) { frag.appendChild(r); });
      tbody.appendChild(frag);
    });
  });
  var q = document.getElementById('filter'), cat = document.getElementById('category');
  var errs = document.getElementById('only-errors'), stale = document.getElementById('only-stale');
  var shown = document.getElementById('shown');
  function apply() {
    var words = q.value.toLowerCase().split(/\\s+/).filter(Boolean), c = cat.value, n = 0;
    rows.forEach(function (r) {
      var s = r.getAttribute('data-search');
      var ok = words.every(function (w) { return s.indexOf(w) >= 0; })
        && (!c || r.getAttribute('data-category') === c)
        && (!errs.checked || Number(r.getAttribute('data-errors')) > 0)
        && (!stale.checked || r.getAttribute('data-stale') === '1');
      r.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = n + ' of ' + rows.length + ' runbooks';
  }
  var timer;
  q.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, 60); });
  [cat, errs, stale].forEach(function (e) { e.addEventListener('change', apply); });
  // "Open" in an editor's webview asks the editor to open the runbook; in a browser the link is followed.
  var host = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : null;
  document.addEventListener('click', function (e) {
    var a = host && e.target && e.target.closest ? e.target.closest('a.open-file') : null;
    if (!a) return;
    e.preventDefault();
    host.postMessage({ type: 'open', href: a.getAttribute('href') });
  }, true);
  // A runbook's link opens its detail (also where the host handles #links itself, as VS Code webviews do).
  document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('a[href^="#rb-"]') : null;
    var el = a && document.getElementById(a.getAttribute('href').slice(1));
    if (!el) return;
    e.preventDefault();
    Array.prototype.forEach.call(document.querySelectorAll('.detail.open'), function (d) { d.classList.remove('open'); });
    el.classList.add('open');
    el.scrollIntoView();
  }, true);
})();
`;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function card(key: string, value: string, label: string, tone = '', extra = '', raw?: number): string {
  return `<div class="card ${tone}" data-card="${key}"${raw !== undefined ? ` data-value="${raw}"` : ''}><div class="value">${value}</div><div class="label">${label}</div>${extra}</div>`;
}

function cards(d: ReportData): string {
  const s = d.summary;
  const total = d.files[0]?.dod.total ?? 7;
  // Complete = no item failed (the owner review stays a person's: 6/7 is the best the tool says).
  const complete = d.files.filter((f) => f.dod.items.every((i) => i.status !== 'fail')).length;
  return [
    card('runbooks', String(s.runbooks), 'runbooks', '', s.ioErrors ? `<div class="label sev-error">${plural(s.ioErrors, 'file')} not readable</div>` : '', s.runbooks),
    card('dod', `${s.dodAverage}<small> / ${total}</small>`, `average DoD · ${complete} with nothing open`, '', dodSpark(d), s.dodAverage),
    card('errors', String(s.errors), `errors in ${plural(d.files.filter((f) => f.counts.errors).length, 'runbook')}`, s.errors ? 'bad' : 'good', '', s.errors),
    card('warnings', String(s.warnings), 'warnings', s.warnings ? 'warn' : 'good', '', s.warnings),
    card('stale', String(s.staleReviews), `stale reviews (older than ${s.maxAgeDays} days)${s.noReviewDate ? ` · ${s.noReviewDate} without a date` : ''}`, s.staleReviews ? 'warn' : 'good', '', s.staleReviews),
    ...(s.alertsWithoutRunbooks === null ? [] : [card('alerts-without-runbooks', String(s.alertsWithoutRunbooks), 'alerts without runbooks', s.alertsWithoutRunbooks ? 'warn' : 'good', '', s.alertsWithoutRunbooks)]),
  ].join('');
}

function owners(d: ReportData): string {
  return `<div class="owners">${d.owners
    .map((o) => `<details${d.owners.length <= 6 && o.runbooks.length <= 12 ? ' open' : ''}><summary><strong>${esc(o.owner)}</strong> · ${plural(o.runbooks.length, 'runbook')}</summary><ul>${o.runbooks.map((p) => `<li><a href="#${anchor(d, p)}">${esc(p)}</a></li>`).join('')}</ul></details>`)
    .join('')}</div>`;
}

const anchorCache = new WeakMap<ReportData, Map<string, string>>();
function anchor(d: ReportData, path: string): string {
  let m = anchorCache.get(d);
  if (!m) anchorCache.set(d, (m = new Map(d.files.map((f, i) => [f.path, `rb-${i}`]))));
  return m.get(path) ?? '';
}

/** Finding-group columns: the rule families, alerts (RB6xx) only when some runbook has such a finding. */
const groupColumns = (d: ReportData) => GROUPS.map(([, g]) => g).filter((g) => g !== 'meta' && (g !== 'alerts' || d.files.some((f) => f.groups.alerts)));

function row(d: ReportData, f: ReportFile, i: number, cols: Group[]): string {
  const age = f.reviewAgeDays;
  const search = [f.path, f.title, f.owner, f.runbookId, f.category].filter(Boolean).join(' ').toLowerCase();
  const attrs = [
    ['path', f.path],
    ['owner', f.owner ?? ''],
    ['severity', f.severity ?? ''],
    ['dod', String(f.dod.score)],
    ['age', String(age ?? -1)],
    ['errors', String(f.counts.errors)],
    ['warnings', String(f.counts.warnings)],
    ['category', f.area],
    ['stale', f.stale ? '1' : '0'],
    ['search', search],
    ...cols.map((g) => [`g-${g.replace(' ', '-')}`, String(f.groups[g] ?? 0)]),
  ]
    .map(([k, v]) => ` data-${k}="${esc(v!)}"`)
    .join('');
  return `<tr${attrs}><td><a href="#rb-${i}">${esc(f.path)}</a>${f.title ? `<br><span class="meta">${esc(f.title)}</span>` : ''}</td><td>${esc(f.owner ?? '')}</td><td>${esc(f.severity ?? '')}</td><td class="num">${f.dod.score}/${f.dod.total}</td><td class="num${f.stale ? ' stale' : ''}">${f.lastReviewed ? `${esc(f.lastReviewed)}${age !== undefined ? ` (${age} d)` : ''}` : ''}</td><td class="num sev-error">${f.counts.errors || ''}</td><td class="num sev-warning">${f.counts.warnings || ''}</td>${cols.map((g) => `<td class="num">${f.groups[g] || ''}</td>`).join('')}<td class="num">${f.graph.steps || ''}${f.graph.deadEnds + f.graph.unreachable + f.graph.missing ? ' <span class="sev-warning" title="dead ends, unreachable or missing steps">⚠</span>' : ''}</td></tr>`;
}

function table(d: ReportData): string {
  const cols = groupColumns(d);
  const cats = d.categories.map((c) => c.category);
  const head = [
    ['path', 'Runbook', 'text'],
    ['owner', 'Owner', 'text'],
    ['severity', 'Severity', 'text'],
    ['dod', 'DoD', 'num'],
    ['age', 'Last reviewed', 'num'],
    ['errors', 'Errors', 'num'],
    ['warnings', 'Warnings', 'num'],
    ...cols.map((g) => [`g-${g.replace(' ', '-')}`, g[0]!.toUpperCase() + g.slice(1), 'num']),
    ['steps', 'Steps', 'num'],
  ];
  const ths = head.map(([k, label, type]) => `<th scope="col" data-key="${k}" data-type="${type}"${type === 'num' ? ' class="num"' : ''}>${k === 'steps' ? label : `<button type="button">${esc(label!)}</button>`}</th>`).join('');
  return `<div class="filters"><input type="search" id="filter" placeholder="Filter by path, title, owner, id…" aria-label="Filter runbooks"><select id="category" aria-label="Category"><option value="">All categories and folders</option>${cats.map((c) => `<option>${esc(c)}</option>`).join('')}</select><label><input type="checkbox" id="only-errors"> with errors</label><label><input type="checkbox" id="only-stale"> stale review</label><span id="shown">${d.files.length} of ${d.files.length} runbooks</span></div>
<table id="runbook-table"><thead><tr>${ths}</tr></thead><tbody>${d.files.map((f, i) => row(d, f, i, cols)).join('')}</tbody></table>`;
}

function detail(f: ReportFile, i: number, href?: (path: string) => string): string {
  const marks = [f.graph.deadEnds && plural(f.graph.deadEnds, 'dead end'), f.graph.unreachable && `${f.graph.unreachable} unreachable`, f.graph.missing && plural(f.graph.missing, 'missing step')].filter(Boolean).join(', ');
  const items = f.dod.items.map((it) => `<li>${it.status === 'pass' ? '✔' : it.status === 'manual' ? '☐' : '✘'} ${esc(it.label)}${it.status === 'manual' ? ' (a person confirms)' : ''}</li>`).join('');
  const findings = f.findings.length
    ? `<ol>${f.findings.map((x) => `<li><span class="sev-${x.severity}">${x.severity}</span> <code>${x.ruleId}</code> line ${x.line}: ${esc(x.message)}</li>`).join('')}</ol>`
    : '<p>No findings.</p>';
  const open = href ? `<p><a class="open-file" href="${esc(href(f.path))}">Open ${esc(f.path)}</a></p>` : '';
  return `<section class="detail" id="rb-${i}" aria-label="${esc(f.path)}"><h3>${esc(f.path)}</h3>${open}${f.title ? `<p class="meta">${esc(f.title)}${f.runbookId ? ` · ${esc(f.runbookId)}` : ''}${f.owner ? ` · ${esc(f.owner)}` : ''}</p>` : ''}
<h4>Step graph${f.graph.steps ? ` (${plural(f.graph.steps, 'step')}${marks ? `: ${marks}` : ''})` : ''}</h4>${f.graph.svg ? `<div class="graph">${f.graph.svg}</div>` : '<p class="meta">No steps ("## Step 1 — Triage" …) to draw.</p>'}
<h4>Definition of Done: ${f.dod.score}/${f.dod.total}</h4><ul>${items}</ul>
<h4>Findings (${f.findings.length})</h4>${findings}<p><a href="#runbooks">Back to the table</a></p></section>`;
}

export function reportHtml(d: ReportData, opts: HtmlOptions): string {
  const n = esc(opts.nonce);
  const csp = `default-src 'none'; style-src 'nonce-${n}'; script-src 'nonce-${n}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const ownerCount = d.owners.filter((o) => o.owner !== NO_OWNER).length;
  const io = d.ioErrors.length ? `<h2>Files not read</h2><ul>${d.ioErrors.map((e) => `<li>${esc(e.path)}: ${esc(e.message)}</li>`).join('')}</ul>` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Runbook health report</title>
<style nonce="${n}">${CSS}${GRAPH_CSS}</style>
</head>
<body>
<header><h1>Runbook health</h1><p class="meta">${plural(d.summary.runbooks, 'runbook')} · ages counted to ${esc(d.today)} · ${esc(d.tool.name)} ${esc(d.tool.version)}</p></header>
<main>
<section class="cards" aria-label="Summary">${cards(d)}</section>
<h2>Charts</h2>
<section class="charts">
<figure class="chart" id="dod-by-category"><figcaption>Average DoD score by category</figcaption>${dodByCategoryChart(d)}</figure>
<figure class="chart" id="review-age"><figcaption>Review age</figcaption>${reviewAgeChart(d)}</figure>
</section>
<h2 id="owners">Owners (${ownerCount})</h2>
${owners(d)}
<h2 id="runbooks">Runbooks</h2>
${table(d)}
${d.files.map((f, i) => detail(f, i, opts.fileHref)).join('\n')}
${io}
</main>
<script nonce="${n}">${SCRIPT}</script>
</body>
</html>
`;
}
