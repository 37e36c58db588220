// The phases of a language server's first check of a real-text runbook (issue 17: first open), in
// process and in CPU time (wall time on a loaded machine says little): the incremental first parse
// (lsp/slices.ts DocumentModels → IncrementalChecker), then the rules, with the costliest rules.
//   node --import tsx bench/first-open-phases.ts [size in KB, default 1024]
// FULL=1 also times a parse of the whole text in one piece (what the CLI does).
import { IncrementalChecker } from '../server/src/core/incremental.js';
import { parseRunbook } from '../server/src/core/model/runbook.js';
import { checkSteps } from '../server/src/core/check.js';
import { defaultConfig } from '../server/src/core/config.js';
import { rules } from '../server/src/core/rules/index.js';
import { corpusFiles, realRunbook } from './lib/inputs.js';

const kb = Number(process.argv[2] ?? 1024);
const text = realRunbook(kb * 1024, corpusFiles());
const path = 'infra/runbooks/platform/bench-open.md';
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;

let c = cpu();
let t = performance.now();
const checker = new IncrementalChecker();
const runbook = checker.model(text, path);
console.log(`${text.length} chars: first parse ${ms(cpu() - c)} CPU (${ms(performance.now() - t)} wall), ${checker.stats.parsedChars} chars parsed, ${checker.stats.chunks} chunks`);
if (process.env.FULL === '1') {
  c = cpu();
  parseRunbook(text, path);
  console.log(`parse in one piece (the CLI's): ${ms(cpu() - c)} CPU`);
}

// checkSteps yields after each rule: the rules it runs, in its order (post rules after the others).
const config = defaultConfig();
const selected = rules.filter((r) => !r.appliesTo && (config.rules[r.id]?.severity ?? r.defaultSeverity) !== 'off');
const order = [...selected.filter((r) => !r.post), ...selected.filter((r) => r.post)].map((r) => r.id);
const steps = checkSteps({ text, path, config, runbook, today: '2026-11-27' });
const perRule: [string, number][] = [];
c = cpu();
t = performance.now();
let last = c;
for (let i = 0; ; i++) {
  const r = steps.next();
  const now = cpu();
  perRule.push([order[i] ?? 'sort + scrub', now - last]);
  last = now;
  if (r.done) {
    console.log(`rules: ${ms(now - c)} CPU (${ms(performance.now() - t)} wall), ${r.value.findings.length} findings, ${r.value.findings.filter((f) => f.fix).length} with a fix`);
    break;
  }
}
perRule.sort((a, b) => b[1] - a[1]);
console.log(`costliest: ${perRule.slice(0, 8).map(([id, x]) => `${id} ${ms(x)}`).join(', ')}`);
