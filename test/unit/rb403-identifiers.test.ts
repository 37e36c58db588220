// RB403 tells people from roles and hosts from numbers (issue 15): team, bot, group and
// organisation mailboxes and placeholder people are not personal addresses; versions, network and
// broadcast bounds are not host addresses; a host address after `tcp:` or in a path is one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../server/src/core/check.js';

const found = (body: string) => {
  const text = `# T\n\n${body}\n`;
  return check({ text, path: 'infra/runbooks/platform/x.md', only: ['RB403'] }).findings.map((f) => text.slice(f.range.start, f.range.end));
};

test('role, team, bot and organisation mailboxes and placeholder people are not personal addresses', () => {
  const body = 'Mail itservicedesk@gsa.gov, gsa-ir@gsa.gov, cloud-gov-compliance@gsa.gov, platforms@acme.io, noreply@acme.io, '
    + 'ci-bot@acme.io, your-test-email-address@cloud.gov, first-name.last-name@acme.io, and your.name@acme.io; '
    + 'escalate to maria.garcia@acme.io or jsmith@acme.io.';
  assert.deepEqual(found(body), ['maria.garcia@acme.io', 'jsmith@acme.io']);
});

test('versions, network and broadcast bounds are not hosts; hosts after tcp: and inside paths are', () => {
  const body = [
    '"version": "6.0.3.4" and pip install pkg==1.2.3.4',
    '| subnet | 10.164.0.0 | 10.167.255.255 |',
    'range 172.20.0.0 - 172.20.255.255',
    '10.42.0.0 - - [16/Mar/2021] "GET /v1/nodes" (a client address in an access log)',
    '"endpoint"="tcp:172.18.0.4:6641"',
    'name="/var/lib/iscsi/nodes/iqn.2019-10.io.longhorn:vol/10.88.0.9,3260,1"',
  ].join('\n\n');
  assert.deepEqual(found(body), ['10.42.0.0', '172.18.0.4', '10.88.0.9']);
});
