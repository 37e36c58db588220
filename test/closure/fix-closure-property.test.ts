// Fix closure on generated runbooks (test/helpers/closure.ts): steps whose write commands sit in code
// blocks, list items (bullet, ordered, nested, task), block quotes, tables and paragraphs, with and
// without confirmations and rollbacks (real or placeholder), under every kind of front matter.
import { test } from 'node:test';
import fc from 'fast-check';
import { assertFixClosure } from '../helpers/closure.js';

const TODAY = '2026-11-27';
const PATH = 'infra/runbooks/platform/generated.md';

const fm = fc.constantFrom(
  '',
  '---\n---\n',
  '---\ntitle: "Recover X"\nweight: 3\n---\n',
  '---\nrunbook_id: RB-PLAT-001\ntitle: "Recover X"\nowner: "<Team or role>"\nlast_reviewed: "2026-01-02"\nseverity: P2\nsystems_affected: [api]\nenvironments: [prod]\nrelated_alerts: []\nprerequisites: ["kubectl"]\nsafety:\n  impact: "restarts pods"\n  rollbak: "undo it"\naudit_notes: ["record the incident id"]\n---\n',
  '---\nrunbook_id: RB-PLAT-001\ntitle: "Recover X"\nowner: team\nlast_reviewed_on: 2025-07-15\nseverity: P2\nsystems_affected: [api]\nenvironments: [prod]\nrelatd_alerts: []\nprerequisites: ["kubectl"]\nsafety:\n  impact: "x"\n  rollback: "<how to revert>"\naudit_notes:\n  - "Record incident id / run id / deployment sha / dataset version id as applicable"\n---\n',
);
const write = fc.constantFrom('kubectl delete pod web-1 -n app', 'kubectl scale deploy/api --replicas=0', 'helm upgrade web ./chart', 'mc mirror backup/b prod/b', 'systemctl restart chronyd', 'kubectl patch pv pv-0 -p \'{"spec":{}}\'');
const read = fc.constantFrom('kubectl get pods -n app', 'helm status web', 'kubectl describe pod web-1');
const piece = fc.oneof(
  write.map((c) => `\`\`\`bash\n${c}\n\`\`\`\n`),
  read.map((c) => `\`\`\`bash\n${c}\n\`\`\`\n`),
  fc.tuple(write, read).map(([w, r]) => `1. Check: \`${r}\`\n2. Change: \`${w}\`\n3. Watch it.\n`),
  fc.tuple(write, write).map(([a, b]) => `- First \`${a}\`\n  - then, nested: \`${b}\`\n- Done.\n`),
  fc.tuple(write, write).map(([a, b]) => `1. Do both:\n\n   \`\`\`bash\n   ${a}\n   \`\`\`\n\n   \`\`\`bash\n   ${b}\n   \`\`\`\n\n2. Next.\n`),
  write.map((c) => `- [ ] Run \`${c}\`\n- [ ] Check the result\n`),
  write.map((c) => `> Note: run \`${c}\` only in staging.\n`),
  write.map((c) => `| step | command |\n|---|---|\n| 1 | \`${c}\` |\n`),
  write.map((c) => `Then run \`${c}\` and wait.\n`),
  fc.constantFrom(
    '> [!CAUTION]\n> Deletes the pod; its ReplicaSet recreates it.\n',
    '> [!WARNING]\n> <what this changes, and what to check before running it>\n',
    '- [ ] Confirm the namespace with the incident lead\n',
    '- [ ] Confirm <the target: environment, namespace, resource>\n',
    'Rollback: recreate it from the manifest.\n',
    'Rollback: <how to revert this change>\n',
    '**Rollback:**\n\n```bash\nhelm rollback web 3\n```\n',
    '### Rollback\n\nTODO\n',
    'Why: free the stuck volume.\n',
  ),
);
const step = fc.tuple(fc.constantFrom('Mitigation (safe-first)', 'Triage', 'Fix'), fc.array(piece, { minLength: 1, maxLength: 5 })).map(([name, ps]) => ({ name, body: ps.join('\n') }));
const runbook = fc
  .tuple(fm, fc.boolean(), fc.array(step, { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\r\n'))
  .map(([front, h1, steps, eol]) => {
    const t = `${front}${h1 ? '# Recover X\n\n' : ''}${steps.map((s, i) => `## Step ${i + 1} — ${s.name}\n\n${s.body}`).join('\n')}`;
    return eol === '\n' ? t : t.replace(/\r?\n/g, eol);
  });

test('generated runbooks with write commands in every kind of block: fix closure holds', () => {
  fc.assert(
    fc.property(runbook, (text) => {
      assertFixClosure({ text, path: PATH, today: TODAY }, `generated:\n${text}`);
    }),
    { numRuns: 150, seed: 14 },
  );
});
