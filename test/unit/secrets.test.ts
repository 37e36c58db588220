// The secret detector and RB401: kinds table, formats assembled at run time (no credential-shaped
// literal in this file), placeholders, fingerprints and allow-listing, value-only fixes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { detectSecrets, secretKinds, fingerprint, sha256Hex, anchorHits } from '../../server/src/core/secrets/index.js';
import { check } from '../../server/src/core/check.js';
import { fixAll } from '../../server/src/core/fix.js';
import { resolveConfig } from '../../server/src/core/config.js';
import { leakedSubstring } from '../helpers/leak.js';

// Deterministic pseudo-random bodies (mulberry32), so values look random but tests are stable.
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function rand(n: number, alphabet = ALNUM, seed = n * 7919): string {
  const r = rng(seed);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
}
const HEX = '0123456789abcdef';
const DIGITS = '0123456789';
const b64url = (s: string) => Buffer.from(s).toString('base64url');

/** [kind id, value, text around it with `@@` where the value goes]. */
const CASES: [string, string, string][] = [
  ['aws-access-key-id', 'AK' + 'IA' + rand(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 11), 'aws configure set aws_access_key_id @@'],
  ['aws-secret-access-key', rand(40, ALNUM + '/+', 12), 'AWS_SECRET_ACCESS_KEY=@@'],
  ['gcp-api-key', 'AI' + 'za' + rand(35, ALNUM + '_-', 13), 'curl "https://maps.googleapis.com/maps/api/geocode/json?key=@@"'],
  ['github-token', 'gh' + 'p_' + rand(36, ALNUM, 14), 'export GITHUB_TOKEN=@@'],
  ['github-fine-grained-pat', 'github' + '_pat_' + rand(82, ALNUM + '_', 15), 'gh auth login --with-token <<< @@'],
  ['gitlab-token', 'gl' + 'pat-' + rand(20, ALNUM + '_-', 16), 'git clone https://oauth2:@@@gitlab.example.com/x.git'],
  ['slack-token', 'xo' + 'xb-' + rand(12, DIGITS, 17) + '-' + rand(13, DIGITS, 18) + '-' + rand(24, ALNUM, 19), 'SLACK_BOT_TOKEN: @@'],
  ['slack-webhook', 'T' + rand(8, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 20) + '/B' + rand(8, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 21) + '/' + rand(24, ALNUM, 22), 'curl -X POST https://hooks.slack.com/services/@@ -d @msg.json'],
  ['stripe-key', 'sk' + '_live_' + rand(24, ALNUM, 23), 'stripe_key: @@'],
  ['sendgrid-key', 'SG' + '.' + rand(22, ALNUM + '_-', 24) + '.' + rand(43, ALNUM + '_-', 25), 'SENDGRID_API_KEY=@@'],
  ['npm-token', 'npm' + '_' + rand(36, ALNUM, 26), '//registry.npmjs.org/:_authToken=@@'],
  ['openai-key', 'sk-' + 'proj-' + rand(20, ALNUM, 27) + 'T3Blbk' + 'FJ' + rand(20, ALNUM, 28), 'OPENAI_API_KEY="@@"'],
  ['hashicorp-vault-token', 'hv' + 's.' + rand(90, ALNUM + '_-', 29), 'vault login @@'],
  ['datadog-key', rand(32, HEX, 30), 'DD_API_KEY=@@'],
  ['grafana-token', 'gl' + 'sa_' + rand(32, ALNUM, 31) + '_' + rand(8, HEX, 32), 'Authorization header uses @@'],
  ['docker-hub-token', 'dckr' + '_pat_' + rand(27, ALNUM + '_-', 33), 'docker login -u ci -p @@'],
  ['jwt', b64url('{"alg":"HS256","typ":"JWT"}') + '.' + b64url('{"sub":"ops-bot","exp":1900000000}') + '.' + rand(43, ALNUM + '_-', 34), 'curl -H "Authorization: Bearer @@" https://api.example.com/'],
  ['url-password', 'Vt' + rand(14, ALNUM, 35) + '!9', 'psql "postgres://app:@@@db-primary.prod.example.net:5432/app"'],
  ['authorization-header', rand(40, ALNUM, 36), "curl -H 'Authorization: Bearer @@' https://api.example.com/"],
  ['generic-assignment', 'q8' + rand(18, ALNUM + '#%&', 37), 'db_password: "@@"'],
  ['generic-assignment', rand(32, ALNUM, 38), 'api_key = @@'],
  ['connection-string-password', 'Zx' + rand(14, ALNUM, 39) + '#1', 'Server=tcp:sql01,1433;Database=app;User Id=app;Password=@@;'],
  ['curl-user-password', 'admin:' + 'Pw' + rand(14, ALNUM, 40), 'curl -u @@ https://elastic.example.com:9200/_cluster/health'],
  ['telegram-bot-token', rand(10, DIGITS, 41).replace(/^0/, '1') + ':AA' + rand(33, ALNUM + '_-', 42), 'TELEGRAM_TOKEN=@@'],
  ['mailchimp-key', rand(32, HEX, 43) + '-us12', 'MAILCHIMP=@@'],
  ['signed-url', rand(64, HEX, 44), 'https://bucket.s3.amazonaws.com/dump.sql?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=@@'],
  ['azure-storage-key', rand(86, ALNUM + '+/', 45) + '==', 'DefaultEndpointsProtocol=https;AccountName=logs;AccountKey=@@;EndpointSuffix=core.windows.net'],
  ['pypi-token', 'pypi-' + 'AgEIcHlwaS5vcmc' + rand(120, ALNUM + '_-', 46), 'TWINE_PASSWORD=@@'],
  ['huggingface-token', 'hf' + '_' + rand(34, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 47), 'huggingface-cli login --token @@'],
  ['anthropic-key', 'sk-' + 'ant-api03-' + rand(93, ALNUM + '_-', 48) + 'AA', 'ANTHROPIC_API_KEY=@@'],
  // Quoted literals under a password or secret key are credentials even when short or plain.
  ['generic-assignment', 'ro' + 'otpasswd', 'password       = "@@"'],
  ['generic-assignment', 'hun' + 'ter' + '7', 'secret = "@@"'],
  ['generic-assignment', 'correct horse ' + 'battery staple', 'db_password: "@@"'],
  ['curl-user-password', '"{' + rand(8, HEX, 86) + '}":"{' + 'Kp7' + 'wQz3mVn9Rt' + '}"', 'curl -X POST --user @@ https://api.example.com/v1/translate'],
  ['secp256k1-private-key', '0x' + rand(64, HEX, 87), 'Exported signer key: @@ (rotate it)'],
];

function runbook(body: string): string {
  return `# Demo\n\n## Step 1 — Triage\n\n\`\`\`bash\n${body}\n\`\`\`\n`;
}

test('the kinds table has at least 40 kinds with unique ids, covering every required family', () => {
  const kinds = secretKinds();
  assert.ok(kinds.length >= 40, `only ${kinds.length} kinds`);
  assert.equal(new Set(kinds.map((k) => k.id)).size, kinds.length);
  const cats = new Set(kinds.map((k) => k.category));
  for (const c of ['cloud', 'vcs-ci', 'chat-webhook', 'payment', 'package-registry', 'observability', 'private-key', 'auth', 'generic']) assert.ok(cats.has(c as never), `no ${c} kind`);
  for (const id of ['jwt', 'private-key', 'url-password', 'authorization-header', 'kubernetes-secret', 'generic-assignment']) assert.ok(kinds.some((k) => k.id === id), id);
  for (const k of kinds) assert.ok(k.anchors.length > 0 && (k.pattern || k.scan), `${k.id} has anchors and a matcher`);
});

for (const [kind, value, around] of CASES) {
  test(`detects a ${kind} and reports exactly the value's range`, () => {
    const text = runbook(around.replace('@@', value));
    const found = detectSecrets(text);
    const at = text.indexOf(value);
    const hit = found.find((f) => f.start === at && f.end === at + value.length);
    assert.ok(hit, `no finding on the value; got ${JSON.stringify(found.map((f) => [f.kind, f.start - at, f.end - at - value.length]))}`);
    assert.equal(hit.kind, kind);
    assert.equal(hit.fingerprint, fingerprint(value));
  });
}

test('detects private key blocks (PEM, OpenSSH, PGP) and reports the body only', () => {
  const body = rand(64, ALNUM + '+/', 50) + '\n' + rand(64, ALNUM + '+/', 51) + '\n' + rand(20, ALNUM + '+/', 52) + '==';
  for (const label of ['RSA PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'PGP PRIVATE KEY BLOCK', 'PRIVATE KEY', 'EC PRIVATE KEY']) {
    const text = runbook(`-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`);
    const f = detectSecrets(text);
    assert.equal(f.length, 1, label);
    assert.equal(f[0]!.kind, 'private-key');
    assert.equal(text.slice(f[0]!.start, f[0]!.end), body, label);
  }
});

test('a private key body that is truncated or not base64 is still reported when it sits under the header line', () => {
  const short = 'MIIE' + rand(30, ALNUM + '+/', 90);
  const cases: [string, string][] = [
    [`-----BEGIN RSA PRIVATE KEY-----\n${short}\n-----END RSA PRIVATE KEY-----`, short],
    // Unterminated: the lines right under the header, up to the first blank line.
    [`-----BEGIN PRIVATE KEY-----\n${short}\n\nThen restart the agent.`, short],
    ['-----BEGIN RSA PRIVATE KEY-----\n' + 'super secret ' + 'private key', 'super secret ' + 'private key'],
  ];
  for (const [block, body] of cases) {
    const text = runbook(block);
    const f = detectSecrets(text);
    assert.deepEqual(f.map((x) => [x.kind, text.slice(x.start, x.end)]), [['private-key', body]], block);
  }
});

test('detects every value under data: of a Kubernetes Secret manifest', () => {
  const pw = Buffer.from('Pw' + rand(16, ALNUM, 53)).toString('base64');
  const user = Buffer.from('svc-reporting').toString('base64');
  const text = runbook(`apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  username: ${user}\n  password: ${pw}\n`);
  const f = detectSecrets(text).filter((x) => x.kind === 'kubernetes-secret');
  assert.deepEqual(f.map((x) => text.slice(x.start, x.end)).sort(), [pw, user].sort());
  const store = runbook('apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nspec:\n  data:\n    - secretKey: password\n');
  assert.deepEqual(detectSecrets(store), []);
});

const PLACEHOLDERS = [
  'password: <TOKEN>',
  'export GITHUB_TOKEN=${GITHUB_TOKEN}',
  'export VAULT_TOKEN=$(vault print token)',
  'password: {{ .Values.db.password }}',
  'set DB_PASSWORD=%DB_PASSWORD%',
  'api_key: REDACTED',
  'token: <REDACTED:github-token>',
  'GITHUB_TOKEN=' + 'gh' + 'p_' + 'x'.repeat(36),
  'secret: "****************"',
  'password: changeme',
  'aws_access_key_id = ' + 'AKIA' + 'IOSFODNN7' + 'EXAMPLE',
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/' + 'bPxRfiCY' + 'EXAMPLEKEY',
  'request_id: 3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60',
  'commit: 9fceb02d0ae598e95dc970b74767f19372d61af8',
  'image: registry.example.com/app@sha256:' + rand(64, HEX, 60),
  'icon: data:image/png;base64,' + rand(80, ALNUM + '+/', 61),
  '-----BEGIN CERTIFICATE-----\n' + rand(64, ALNUM + '+/', 62) + '\n-----END CERTIFICATE-----',
  '-----BEGIN PUBLIC KEY-----\n' + rand(64, ALNUM + '+/', 63) + '\n-----END PUBLIC KEY-----',
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI' + rand(43, ALNUM + '+/', 64) + ' ops@bastion',
  'curl -u "$USER:$PASSWORD" https://api.example.com',
  'psql "postgres://app:${DB_PASSWORD}@db:5432/app"',
  'Authorization: Bearer <token from vault>',
  'kubectl create secret generic db --from-literal=password="$(openssl rand -base64 24)"',
  'The password rotation is handled by the secret operator.',
  'token_url: https://auth.example.com/oauth/token',
  'secret_name: prod-db-credentials',
  // Near misses of the quoted-literal rule: names, types, phrases about the value, stand-ins.
  'existingSecret: "postgres"',
  'secret: "my-db-secret"',
  '"password": "string"',
  'password: "see the vault entry db/prod"',
  "const password = 'Password used to generate key';",
  'password_command: "pass show db/prod"',
  "password: ',.:-¨@*¿?!'",
  'password = "somefakekey"',
  'if [ "$password" = "" ]; then exit 1; fi',
  'Pass `--locale` to the launcher, or pass "Production2" as the environment.',
  'Run secretlint "runbooks/**/*.md" and encompass `Headers2` too.',
  '[token-docs]: #token-rotation-2',
  // Near misses of brace-wrapped curl credentials: docs-style slots.
  'curl -u "{username}":"{password}" https://api.example.com',
  'curl -u apikey:{apikey} https://api.example.com',
  // Near misses of private key bodies: a header named in prose, stand-ins, one word.
  'The key file must start with -----BEGIN OPENSSH PRIVATE KEY----- and end with the END line.',
  '-----BEGIN RSA PRIVATE KEY-----\nand the last line is the END marker',
  '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
  '-----BEGIN PRIVATE KEY-----\nanything\n-----END PRIVATE KEY-----',
  '-----BEGIN PRIVATE KEY-----\n' + Buffer.from('abcdefghijklmnopqrstuvwxyz').toString('base64') + '\n-----END PRIVATE KEY-----',
  // Near misses of 0x + 64 hex: hashes named on their line, all-capital dumps.
  'Transaction 0x' + rand(64, HEX, 88) + ' is stuck in the mempool',
  '  0 : 0x' + rand(64, HEX, 89).toUpperCase(),
];

for (const p of PLACEHOLDERS) {
  test(`a placeholder or look-alike is not a secret: ${p.slice(0, 60).replace(/\n/g, '\\n')}`, () => {
    assert.deepEqual(detectSecrets(runbook(p)).map((f) => f.kind), []);
  });
}

test('fingerprints are the first 12 hex digits of SHA-256 of the value (pure JS matches node:crypto)', () => {
  for (const s of ['', 'abc', 'héllo wörld 🙂', rand(1000, ALNUM, 70)]) {
    assert.equal(sha256Hex(s), createHash('sha256').update(s, 'utf8').digest('hex'));
  }
  const v = 'gh' + 'p_' + rand(36, ALNUM, 71);
  assert.equal(fingerprint(v), createHash('sha256').update(v).digest('hex').slice(0, 12));
});

test('allow.secrets suppresses a finding by its fingerprint, and only that one', () => {
  const a = 'gh' + 'p_' + rand(36, ALNUM, 72);
  const b = 'gh' + 'p_' + rand(36, ALNUM, 73);
  const text = runbook(`A=${a}\nB=${b}`);
  const config = resolveConfig({ allow: { secrets: [fingerprint(a)] } });
  const res = check({ text, path: 'infra/runbooks/platform/x.md', config, only: ['RB401'] });
  assert.equal(res.findings.length, 1);
  assert.equal(res.findings[0]!.meta?.['fingerprint'], fingerprint(b));
});

test('RB401 reports kind and fingerprint in meta and message, never the value', () => {
  const v = 'xo' + 'xp-' + rand(12, DIGITS, 74) + '-' + rand(12, DIGITS, 75) + '-' + rand(12, DIGITS, 76) + '-' + rand(32, HEX, 77);
  const res = check({ text: runbook(`token: ${v}`), path: 'infra/runbooks/platform/x.md', only: ['RB401'] });
  assert.equal(res.findings.length, 1);
  const f = res.findings[0]!;
  assert.equal(f.meta?.['kind'], 'slack-token');
  assert.equal(f.meta?.['fingerprint'], fingerprint(v));
  assert.match(f.message, /Slack token/);
  assert.match(f.message, new RegExp(fingerprint(v)));
  assert.match(f.message, /retrieve it through your team's secret procedure/);
  assert.equal(leakedSubstring(JSON.stringify(f), v.slice('xoxp-'.length)), undefined, 'no 5-character piece of the value');
});

test('the RB401 fix replaces the value only, and fix-all leaves no RB401 finding', () => {
  const v = 'gh' + 'p_' + rand(36, ALNUM, 78);
  const text = runbook(`git clone https://x-access-token:${v}@github.com/org/repo.git`);
  const res = check({ text, path: 'infra/runbooks/platform/x.md', only: ['RB401'] });
  const f = res.findings.find((x) => x.ruleId === 'RB401')!;
  assert.deepEqual(f.fix!.edits, [{ range: { start: text.indexOf(v), end: text.indexOf(v) + v.length }, newText: '<REDACTED:github-token>' }]);
  const fixed = fixAll({ text, path: 'infra/runbooks/platform/x.md', only: ['RB401'] });
  assert.ok(fixed.text.includes('https://x-access-token:<REDACTED:github-token>@github.com/org/repo.git'));
  assert.equal(fixed.remaining.findings.filter((x) => x.ruleId === 'RB401').length, 0);
});

test('the RB401 fix of a private key block replaces the body and keeps the armor lines', () => {
  const body = rand(64, ALNUM + '+/', 80) + '\n' + rand(40, ALNUM + '+/', 81) + '=';
  const text = runbook(`-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----`);
  const fixed = fixAll({ text, path: 'infra/runbooks/platform/x.md', only: ['RB401'] });
  assert.ok(fixed.text.includes('-----BEGIN OPENSSH PRIVATE KEY-----\n<REDACTED:private-key>\n-----END OPENSSH PRIVATE KEY-----'));
  assert.equal(fixed.remaining.findings.length, 0);
});

test('RB401 runs on templates and on files over the size limit', () => {
  const v = 'npm' + '_' + rand(36, ALNUM, 82);
  const tpl = check({ text: runbook(`//registry.npmjs.org/:_authToken=${v}`), path: 'infra/runbooks/_templates/runbook.md' });
  assert.ok(tpl.findings.some((f) => f.ruleId === 'RB401'));
  const big = 'x'.repeat(5 * 1024 * 1024 + 10) + `\nNPM_TOKEN=${v}\n`;
  const res = check({ text: big, path: 'infra/runbooks/platform/big.md' });
  assert.deepEqual(res.findings.map((f) => f.ruleId).sort(), ['RB003', 'RB401']);
});

test('secrets in front matter, link targets and HTML comments are found too', () => {
  const a = 'gh' + 'p_' + rand(36, ALNUM, 83);
  const b = 'gl' + 'pat-' + rand(20, ALNUM, 84);
  const c = 'sk' + '_live_' + rand(24, ALNUM, 85);
  const text = `---\nrunbook_id: RB-PLAT-001\naudit_notes: "token ${a}"\n---\n# T\n\nSee [dash](https://ci.example.com/?private_token=${b}).\n\n<!-- stripe ${c} -->\n`;
  const kinds = detectSecrets(text).map((f) => f.kind);
  assert.deepEqual(kinds, ['github-token', 'gitlab-token', 'stripe-key']);
});

test('the 3-character prefilter never drops an anchor the tries would report (one-character anchors: only before allowed characters)', async () => {
  const fc = (await import('fast-check')).default;
  const kinds = secretKinds();
  const anchors = [...new Set(kinds.flatMap((k) => k.anchors))];
  const nextOf = new Map(kinds.filter((k) => k.next).map((k) => [k.id, k.next!]));
  const piece = fc.oneof(
    fc.constantFrom(...anchors),
    fc.constantFrom(...anchors).map((a) => a.toUpperCase()),
    fc.string({ maxLength: 6 }),
    fc.constantFrom(' ', '\n', '"', "'", 'é', '→', 'x', '_', '-', '.', 'A1b2C3d4'),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      const key = (h: [string, number]) => `${h[0]}@${h[1]}`;
      const got = new Set(anchorHits(text).map(key));
      for (const h of anchorHits(text, true)) {
        const next = nextOf.get(h[0]);
        if (next && ![1, 2].every((d) => next.includes(text.charAt(h[1] + d).toLowerCase()) && text.charAt(h[1] + d) !== '')) continue;
        assert.ok(got.has(key(h)), `prefilter dropped ${key(h)} in ${JSON.stringify(text)}`);
      }
    }),
    { numRuns: 3000, seed: 42 },
  );
});
