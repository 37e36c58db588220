// `npm start`: the main job on the bundled examples — runbook-lint over examples/, printing
// every finding and the summary. The demo itself exits 0; runbook-lint's own exit code
// (1 when errors are found) is reported on the last line.
import { spawnSync } from 'node:child_process';

const r = spawnSync(process.execPath, ['dist/cli.js', 'examples'], { stdio: 'inherit' });
const meaning = { 0: 'no errors', 1: 'errors found — the runbooks with typical defects are meant to fail', 2: 'usage, config or IO problem' };
console.log(`\nrunbook-lint exited ${r.status} (${meaning[r.status] ?? 'unexpected'}). Fix them in place: node dist/cli.js examples --fix --dry-run`);
process.exit(r.status === 2 || r.status === null ? 1 : 0);
