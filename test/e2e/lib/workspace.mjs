// The fixture workspace the editor tests open: a small infra/runbooks tree (one runbook with
// planted defects, a clean one, one with a fake secret made at run time), a Prometheus rules
// file and CODEOWNERS. Built fresh in a temp folder for every run.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..', '..', '..');
const CLEAN = join(REPO, 'test', 'fixtures', 'clean', 'pod-crashloopbackoff.md');

export const FILES = {
  defects: 'infra/runbooks/platform/node-disk-pressure.md',
  clean: 'infra/runbooks/platform/pod-crashloopbackoff.md',
  secret: 'infra/runbooks/security/rotate-ci-token.md',
  alerts: 'infra/alerts/platform.rules.yaml',
};

/** A fake GitHub token made from pieces, so no file in the repo looks like a leak. */
export function fakeToken() {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let body = '';
  for (let i = 0; i < 36; i++) body += alphabet[randomInt(alphabet.length)];
  return ['gh', 'p_'].join('') + body;
}

/** Returns { dir, secret }: a fresh copy of the fixture workspace. */
export function makeWorkspace(root = mkdtempSync(join(tmpdir(), 'runbook-e2e-ws-'))) {
  const dir = join(root, 'workspace');
  cpSync(join(import.meta.dirname, '..', 'workspace'), dir, { recursive: true });
  const clean = readFileSync(CLEAN, 'utf8');
  writeFileSync(join(dir, FILES.clean), clean);
  const secret = fakeToken();
  // The clean runbook under security/ with its own id and one leaked token in a command.
  const leaked = clean
    .replace('RB-PLAT-001', 'RB-SEC-001')
    .replace(
      /(Why: read the last crash reason)/,
      `Why: check the deploy bot can still read the registry.\n\n\`\`\`bash\ncurl -H "Authorization: Bearer ${secret}" https://ghcr.io/v2/\n\`\`\`\n\nExpected output: \`{}\` with status 200.\n\n$1`,
    );
  if (!leaked.includes(secret)) throw new Error('secret fixture: anchor text not found in the clean runbook');
  mkdirSync(join(dir, 'infra', 'runbooks', 'security'), { recursive: true });
  writeFileSync(join(dir, FILES.secret), leaked);
  return { root, dir, secret };
}
