// RB401: credential material anywhere in the file (front matter, prose, code, links, comments).
// The message names the kind and a fingerprint, never the value or any part of it.
import type { Rule } from '../types.js';
import { secretKinds } from '../secrets/index.js';
import { documentSecrets } from '../scrub.js';

const rule: Rule = {
  id: 'RB401',
  name: 'secret',
  description:
    'No credential material anywhere in the file: cloud, VCS/CI, chat/webhook, payment, registry and observability tokens, JWTs, private key blocks, passwords in URLs and connection strings, Authorization headers, Kubernetes Secret data, `password: …`-style assignments.',
  rationale:
    'Runbooks get pasted into tickets and chats. A leaked credential must be rotated, not just deleted. ' +
    `The detector knows ${secretKinds().length} kinds; placeholders (\`<TOKEN>\`, \`\${VAR}\`, \`{{ .x }}\`, REDACTED, xxxx, changeme, documented example keys) are not secrets. ` +
    'The fingerprint is the first 12 hex digits of the SHA-256 of the value (`printf %s "$VALUE" | sha256sum | cut -c1-12`); ' +
    'a value that is not a secret can be allow-listed by it in `.runbook-lint.yaml` `allow.secrets`. The fix replaces only the value (for a key block, its body) with `<REDACTED:kind>`.',
  dod: 'no-sensitive-data',
  defaultSeverity: 'error',
  group: 'sensitive-data',
  fixable: true,
  runsOnLargeFiles: true,
  runsOnTemplates: true,
  check(ctx) {
    const allow = new Set(ctx.config.allow.secrets.map((a) => a.trim().toLowerCase()));
    for (const f of documentSecrets(ctx.runbook)) {
      if (allow.has(f.fingerprint)) continue;
      const range = { start: f.start, end: f.end };
      ctx.report({
        range,
        message:
          `Secret: ${f.title} (fingerprint ${f.fingerprint}). Remove it, rotate it if it was real, and retrieve it through your team's secret procedure; ` +
          `if it is not a secret, add the fingerprint to allow.secrets in .runbook-lint.yaml.`,
        fix: { title: `Replace the ${f.title} with <REDACTED:${f.kind}>`, edits: [{ range, newText: `<REDACTED:${f.kind}>` }] },
        meta: { kind: f.kind, fingerprint: f.fingerprint },
      });
    }
  },
};

export default rule;
