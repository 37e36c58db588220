// RB402-RB405 behaviour beyond the fixtures: allow-lists (allow.domains as names or CIDR ranges,
// allow.emails), the internalDomains and allowLoopback options, documentation ranges, and that
// no message carries the private value it reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../server/src/core/check.js';
import { resolveConfig, type RawConfig } from '../../server/src/core/config.js';

const PATH = 'infra/runbooks/platform/x.md';

function run(body: string, only: string, raw?: RawConfig) {
  const text = `# T\n\n${body}\n`;
  const res = check({ text, path: PATH, config: resolveConfig(raw), only: [only] });
  return res.findings.map((f) => ({ text: text.slice(f.range.start, f.range.end), message: f.message, meta: f.meta, fix: f.fix }));
}

test('RB402 flags private, internal and loopback URLs and respects allow.domains (names and CIDRs)', () => {
  const body = 'A http://10.1.2.3/x B https://grafana.ops.internal/d C http://localhost:8080/ D https://status.acme.io/ E http://192.0.2.1/';
  // Loopback reveals nothing: accepted by default, reported again with allowLoopback: false.
  assert.deepEqual(run(body, 'RB402').map((f) => f.text), ['http://10.1.2.3/x', 'https://grafana.ops.internal/d']);
  assert.deepEqual(run(body, 'RB402', { allow: { domains: ['ops.internal', '10.0.0.0/8'] } }).map((f) => f.text), []);
  assert.deepEqual(run(body, 'RB402', { rules: { RB402: { allowLoopback: true } } }).map((f) => f.text), ['http://10.1.2.3/x', 'https://grafana.ops.internal/d']);
  assert.deepEqual(run(body, 'RB402', { rules: { RB402: { allowLoopback: false } } }).map((f) => f.text), ['http://10.1.2.3/x', 'https://grafana.ops.internal/d', 'http://localhost:8080/']);
  assert.deepEqual(run(body, 'RB402', { rules: { RB402: { allowLoopback: false } }, allow: { domains: ['ops.internal', '10.0.0.0/8'] } }).map((f) => f.text), ['http://localhost:8080/']);
  // Kubernetes' in-cluster DNS names are the same in every cluster: not an internal host of anyone's.
  assert.deepEqual(run('see http://grafana.monitoring.svc.cluster.local:3000/d and https://printer.local/x', 'RB402').map((f) => f.text), ['https://printer.local/x']);
});

test('RB402 option internalDomains makes the organisation\'s own zones internal', () => {
  const body = 'See https://jenkins.build.acme.net/job/deploy and https://www.acme.com/';
  assert.deepEqual(run(body, 'RB402'), []);
  const f = run(body, 'RB402', { rules: { RB402: { internalDomains: ['acme.net'] } } });
  assert.deepEqual(f.map((x) => x.text), ['https://jenkins.build.acme.net/job/deploy']);
  assert.equal(f[0]!.fix!.edits[0]!.newText, '<internal-url>');
  assert.equal(f[0]!.fix!.safe, false);
  assert.ok(!f[0]!.message.includes('jenkins'), 'the message does not repeat the host');
});

test('RB402 reports a token in a query string by parameter name, replacing only its value', () => {
  const f = run('Open https://reports.acme.io/x?format=csv&sid=7f3a9c2e41b8d605&page=2', 'RB402');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.text, '7f3a9c2e41b8d605');
  assert.match(f[0]!.message, /"sid"/);
  assert.ok(!f[0]!.message.includes('7f3a9'));
  assert.deepEqual(run('Open https://reports.acme.io/x?sid=${SESSION}&token=<token>', 'RB402'), []);
});

test('RB403 flags personal emails but not role mailboxes, allow-listed addresses or example domains', () => {
  const body = 'jane.doe@acme.io, oncall@acme.io, ops-team@acme.io, bob@example.com, ci@users.noreply.github.com';
  assert.deepEqual(run(body, 'RB403').map((f) => f.text), ['jane.doe@acme.io']);
  assert.deepEqual(run(body, 'RB403', { allow: { emails: ['jane.doe@acme.io'] } }), []);
  assert.deepEqual(run(body, 'RB403', { allow: { domains: ['acme.io'] } }), []);
});

test('RB403 flags host IPs and account ids but not documentation ranges, netmasks, CIDRs or versions', () => {
  const body = [
    'hosts 52.14.201.7 and 10.42.7.19',
    'docs 192.0.2.44 198.51.100.7 203.0.113.9 mask 255.255.255.0 net 10.0.0.0/8 v1.2.3.4 resolver 8.8.8.8',
    'arn:aws:iam::482915730164:role/x and arn:aws:iam::123456789012:role/doc',
    'subscription_id: 6f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60',
  ].join('\n');
  assert.deepEqual(run(body, 'RB403').map((f) => f.text), ['52.14.201.7', '10.42.7.19', '482915730164', '6f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60']);
  assert.deepEqual(run(body, 'RB403', { allow: { domains: ['10.42.0.0/16', '52.14.201.7'] } }).map((f) => f.text), ['482915730164', '6f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60']);
});

test('RB403 flags phone numbers in international and US formats, not dates, versions or fictional 555-01xx numbers', () => {
  const body = 'call +44 20 7946 0958 or (415) 867-2671; not 2026-11-27, 1.28.3, +1 202-555-0123';
  assert.deepEqual(run(body, 'RB403').map((f) => f.text), ['+44 20 7946 0958', '(415) 867-2671']);
});

test('RB403 messages never repeat the identifier', () => {
  for (const f of run('jane.doe@acme.io 52.14.201.7 +44 20 7946 0958', 'RB403')) {
    assert.ok(!f.message.includes(f.text.slice(0, 5)), f.message);
    assert.ok(!JSON.stringify(f.meta).includes(f.text.slice(0, 5)));
  }
});

test('RB404 flags decimal pairs with 3+ decimals and DMS with seconds, generalizing them', () => {
  const f = run('site 47.6062, -122.3321 and 40°26\'46"N; not 47.61, -122.33 or 0.995, 0.999', 'RB404');
  assert.deepEqual(f.map((x) => [x.text, x.fix!.edits[0]!.newText]), [
    ['47.6062, -122.3321', '47.6, -122.3'],
    ['40°26\'46"N', '40°N'],
  ]);
});

test('RB405 flags pasted logs over maxLines (default 40), as info', () => {
  const log = (n: number) => '```text\n' + Array.from({ length: n }, (_, i) => `2026-11-27T10:00:${String(i % 60).padStart(2, '0')}Z ERROR api failed ${i}`).join('\n') + '\n```';
  assert.equal(run(log(41), 'RB405').length, 1);
  assert.equal(run(log(40), 'RB405').length, 0);
  assert.equal(run(log(30), 'RB405', { rules: { RB405: { maxLines: 20 } } }).length, 1);
  const res = check({ text: `# T\n\n${log(50)}\n`, path: PATH, only: ['RB405'] });
  assert.equal(res.findings[0]!.severity, 'info');
  assert.match(res.findings[0]!.message, /50 lines/);
});
