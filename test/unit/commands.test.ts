// Command classifier: every table row, the shell forms around commands, and runbook extraction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { classifyCommandLine, parseShell, runbookCommands, writeGuards } from '../../server/src/core/commands/index.js';
import { FLAGS, TOOLS, EXPOSURE, POLICY_TARGETS, WRAPPERS, SQL_READ, SQL_WRITE, REDIS_WRITE } from '../../server/src/core/commands/tables.js';
import { sqlEffect } from '../../server/src/core/commands/index.js';
import { mergeByStart } from '../../server/src/core/commands/extract.js';
import { parseRunbook } from '../../server/src/core/model/runbook.js';

type Want = 'read' | 'write' | 'bypass' | 'write+bypass' | null;

function kind(line: string): Want {
  const c = classifyCommandLine(line);
  if (!c) return null;
  if (c.bypass) return c.effect === 'write' ? 'write+bypass' : 'bypass';
  return c.effect;
}

test('every subcommand row of every tool table classifies as its row says', () => {
  let n = 0;
  for (const t of TOOLS) {
    for (const r of t.rows) {
      // rm of a relative path is local scratch (read): its row is about a path that may be live.
      const line = [t.tool, ...r.sub.map((s) => (s === '*' ? (t.tool === 'rm' ? '/var/tmp/thing' : 'thing') : s)), 'target'].join(' ');
      const c = classifyCommandLine(line);
      assert.ok(c, `${line} is classified`);
      if (!r.runsInner && !r.writesToLastOperand) assert.equal(c.effect, r.effect, line);
      if (r.bypass) assert.equal(c.bypass, r.bypass, `${line} crosses the boundary`);
      n++;
    }
    for (const a of t.aliases ?? []) assert.equal(classifyCommandLine(`${a} ${t.rows[0]?.sub.map((s) => (s === '*' ? 'x' : s)).join(' ') ?? ''} y`)?.tool, t.tool, `${a} is an alias of ${t.tool}`);
  }
  assert.ok(n > 250, `rows covered: ${n}`);
});

test('every verb row of aws, gcloud and az classifies as its row says', () => {
  let n = 0;
  for (const t of TOOLS) {
    for (const v of t.verbs ?? []) {
      const verb = v.verb.endsWith('-') ? `${v.verb}thing` : v.verb;
      const line = t.verbAt === 'second' ? `${t.tool} ec2 ${verb} --region eu-west-1` : t.verbAt === 'first' ? `${t.tool} ${verb} thing` : `${t.tool} compute instances ${verb} vm-1`;
      assert.equal(classifyCommandLine(line)?.effect, v.effect, line);
      n++;
    }
  }
  assert.ok(n > 150, `verb rows covered: ${n}`);
});

test('every SQL keyword and redis write command of the tables is read or write as listed', () => {
  for (const k of SQL_WRITE) assert.equal(sqlEffect(`${k.toLowerCase()} something`), 'write', k);
  for (const k of SQL_READ) assert.equal(sqlEffect(`${k} something`), 'read', k);
  assert.equal(sqlEffect('WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x'), 'write');
  assert.equal(sqlEffect('-- DROP TABLE x\nSELECT 1'), 'read', 'comments are not statements');
  assert.equal(sqlEffect('\\dt'), 'read', 'psql meta-commands read');
  for (const k of REDIS_WRITE) assert.equal(classifyCommandLine(`redis-cli -h cache ${k} key`)?.effect, 'write', k);
  assert.equal(classifyCommandLine('redis-cli -h cache GET key')?.effect, 'read');
});

const CASES: [string, Want][] = [
  // kubectl
  ['kubectl get pods -n prod', 'read'],
  ['kubectl -n prod get pods', 'read'],
  ['kubectl --context prod-eu delete pod web-1', 'write'],
  ['kubectl rollout status deploy/web', 'read'],
  ['kubectl rollout history deploy/web', 'read'],
  ['kubectl rollout undo deploy/web --to-revision=3', 'write'],
  ['kubectl rollout restart deploy/web', 'write'],
  ['kubectl auth can-i delete pods', 'read'],
  ['kubectl diff -f app.yaml', 'read'],
  ['kubectl apply -f app.yaml', 'write'],
  ['kubectl apply -f app.yaml --dry-run=server', 'read'],
  ['kubectl scale deploy/web --replicas=0', 'write'],
  ['kubectl drain node-1 --ignore-daemonsets', 'write'],
  ['oc adm policy add-role-to-user view alice', 'write'],
  ['kubectl exec -it db-0 -- psql -c "DELETE FROM jobs"', 'write+bypass'],
  ['kubectl exec web-1 -- cat /etc/config', 'read'],
  ['kubectl exec -it web-1 -- sh', 'read'],
  ['kubectl port-forward svc/postgres 5432:5432', 'bypass'],
  ['kubectl port-forward svc/web 8080:80', 'read'],
  ['kubectl delete networkpolicy deny-all -n prod', 'write+bypass'],
  ['kubectl delete validatingwebhookconfiguration gatekeeper-validating-webhook-configuration', 'write+bypass'],
  ['kubectl scale deploy -n gatekeeper-system gatekeeper-controller-manager --replicas=0', 'write+bypass'],
  ['kubectl delete clusterpolicy require-labels', 'write+bypass'],
  ['kubectl label ns prod pod-security.kubernetes.io/enforce-', 'write+bypass'],
  ['kubectl apply -f networkpolicy.yaml', 'write'],
  ['kubectl --insecure-skip-tls-verify get pods', 'bypass'],
  ['oc extract secret/x -n ns --keys=tls.crt --to=-', 'read'],
  ['oc adm upgrade', 'read'],
  ['oc adm upgrade --to-latest', 'write'],
  ['oc debug node/worker-1 -- chroot /host systemctl restart kubelet', 'write'],
  ['oc debug node/worker-1', 'read'],
  // helm
  ['helm status web', 'read'],
  ['helm history web -n prod', 'read'],
  ['helm upgrade web ./chart -f values.yaml', 'write'],
  ['helm upgrade web ./chart --dry-run', 'read'],
  ['helm rollback web 3', 'write'],
  ['helm uninstall gatekeeper -n gatekeeper-system', 'write+bypass'],
  // terraform
  ['terraform plan -out plan.bin', 'read'],
  ['terraform show plan.bin', 'read'],
  ['terraform apply plan.bin', 'write'],
  ['terraform destroy -target aws_instance.x', 'write'],
  ['terraform state list', 'read'],
  ['terraform state rm aws_instance.x', 'write'],
  ['tofu apply', 'write'],
  // gitops
  ['argocd app get web', 'read'],
  ['argocd app diff web', 'read'],
  ['argocd app sync web --prune', 'write'],
  ['argocd app rollback web 5', 'write'],
  ['flux get kustomizations -A', 'read'],
  ['flux suspend kustomization apps', 'write'],
  ['flux reconcile source git flux-system', 'write'],
  // clouds
  ['aws ec2 describe-instances --instance-ids i-1', 'read'],
  ['aws ec2 terminate-instances --instance-ids i-1', 'write'],
  ['aws ec2 describe-security-groups --filters Name=ip-permission.cidr,Values=0.0.0.0/0', 'read'],
  ['aws ec2 authorize-security-group-ingress --group-id sg-1 --cidr 0.0.0.0/0 --port 22', 'write+bypass'],
  ['aws s3 ls s3://kfm-data/', 'read'],
  ['aws s3 cp s3://kfm-data/x.csv .', 'bypass'],
  ['aws s3 cp ./x.csv s3://kfm-data/x.csv', 'write+bypass'],
  ['aws s3 rm s3://kfm-data/x.csv', 'write+bypass'],
  ['aws s3api put-bucket-acl --bucket kfm-data --acl public-read', 'write+bypass'],
  ['aws --profile prod rds describe-db-instances', 'read'],
  ['gcloud container clusters get-credentials prod --zone eu', 'read'],
  ['gcloud compute instances list', 'read'],
  ['gcloud compute instances delete vm-1 --zone eu', 'write'],
  ['gcloud sql connect main-db --user=ops', 'bypass'],
  ['gcloud storage rm gs://kfm-data/x', 'write+bypass'],
  ['gcloud run deploy web --allow-unauthenticated', 'write+bypass'],
  ['az aks get-credentials -g rg -n prod', 'read'],
  ['az vm list -o table', 'read'],
  ['az vm restart -g rg -n vm1', 'write'],
  ['az storage blob download --account-name a -c c -n x', 'bypass'],
  ['az postgres flexible-server connect -n db', 'bypass'],
  ['gsutil ls gs://kfm-data', 'read'],
  ['gsutil cat gs://kfm-data/x', 'bypass'],
  ['gsutil iam ch allUsers:objectViewer gs://kfm-data', 'write+bypass'],
  ['gsutil acl get gs://kfm-data', 'read'],
  ['mc ls backup/kfm', 'read'],
  ['mc cp backup/kfm/x.csv .', 'bypass'],
  ['mc anonymous set download backup/kfm', 'write+bypass'],
  // databases
  ['psql -h db -U ops -c "SELECT count(*) FROM jobs"', 'bypass'],
  ['psql -h db -c "UPDATE jobs SET state = 1"', 'write+bypass'],
  ['mysql -e "DROP TABLE x"', 'write+bypass'],
  ['mongosh --eval "db.jobs.find()"', 'bypass'],
  ['mongosh --eval "db.jobs.deleteMany({})"', 'write+bypass'],
  ['redis-cli -h cache INFO', 'bypass'],
  ['redis-cli -h cache FLUSHALL', 'write+bypass'],
  ['pg_dump -h db main', 'bypass'],
  ['pg_restore -d main dump.bin', 'write+bypass'],
  // hosts
  ['systemctl status kubelet', 'read'],
  ['systemctl restart kubelet', 'write'],
  ['journalctl -u kubelet --since "1 hour ago"', 'read'],
  ['service nginx restart', 'write'],
  ['service nginx status', 'read'],
  ['rm -rf /var/lib/etcd/member', 'write'],
  ['iptables -L -n', 'read'],
  ['iptables -F', 'write'],
  ['ufw disable', 'write+bypass'],
  // http
  ['curl -s https://api.example.com/health', 'read'],
  ['curl -X POST https://api.example.com/jobs', 'write'],
  ['curl -X GET https://api.example.com/jobs', 'read'],
  ['curl --data \'{"a":1}\' https://api.example.com/jobs', 'write'],
  ['curl -sk https://api.example.com/health', 'bypass'],
  ['curl --insecure https://api.example.com/health', 'bypass'],
  ['wget https://example.com/file', 'read'],
  ['wget --method=DELETE https://example.com/x', 'write'],
  ['wget --no-check-certificate https://example.com/x', 'bypass'],
  // git
  ['git log -n 5', 'read'],
  ['git push origin main --force', 'write'],
  ['git commit --no-verify -m x', 'write+bypass'],
  // unknown tools stay unclassified
  ['echo hello', null],
  ['jq .items', null],
  ['kubectl', null],
  // Shell keywords, remote shells and wrappers around a command (issue 15)
  ['for n in a b; do kubectl delete pod $n; done', 'write'],
  ['if kubectl get ns x; then helm uninstall x; fi', 'write'],
  ['while true; do kubectl get pods; sleep 5; done', 'read'],
  ['ssh db-01.prod -- sudo systemctl restart postgresql', 'write'],
  ['ssh db-01 "kubectl delete pod web-1"', 'write'],
  ['ssh db-01', null],
  ['knife ssh "role:db" "sudo systemctl stop postgresql"', 'write'],
  ['su - postgres -c "psql -c \\"DROP TABLE jobs\\""', 'write+bypass'],
  ['gds aws govwifi -- terraform apply', 'write'],
  ['aws-vault exec prod -- aws s3 rm s3://bucket/key', 'write+bypass'],
  ['gds-cli aws staging -- aws s3 cp s3://bucket/backup.sql.gz .', 'bypass'],
  ['queue out.tgz oc --insecure-skip-tls-verify exec pod -- tar cz .', 'bypass'],
  ['cf api --skip-ssl-validation https://api.example.com', 'bypass'],
  // Local only: downloads, relative scratch files
  ['aws s3 cp s3://bucket/terraform.tfstate tmp/state.file', 'bypass'],
  ['aws s3 cp tmp/secrets.yml s3://bucket/secrets.yml', 'write+bypass'],
  ['rm allocs.json merge', 'read'],
  ['rm -rf /var/lib/etcd/member', 'write'],
  ['rm -rf $DATA_DIR', 'write'],
  ['curl -G http://localhost:9090/api/v1/series --data-urlencode match=up', 'read'],
  // Tools of other teams' runbooks
  ['etcdctl defrag', 'write'],
  ['etcdctl endpoint status -w table', 'read'],
  ['ceph osd pool set-quota pool max_bytes 0', 'write'],
  ['ceph osd set noout', 'write'],
  ['ceph status', 'read'],
  ['ceph daemon mds.a dump_ops_in_flight', 'read'],
  ['odf subvolume delete fs sub group', 'write'],
  ['odf subvolume ls --stale', 'read'],
  ['virtctl stop vm-1 -n ns', 'write'],
  ['virtctl console vm-1', 'read'],
  ['bosh -d logsearch recreate ingestor/0', 'write'],
  ['bosh -d logsearch vms', 'read'],
  ['cf delete-service svc', 'write'],
  ['cf curl /v3/users/guid -X DELETE', 'write'],
  ['cf curl /v2/organizations', 'read'],
  ['fly -t ci set-pipeline -p deploy -c pipeline.yml', 'write'],
  ['fly -t ci get-pipeline -p deploy', 'read'],
  ['fly -t ci expose-pipeline -p deploy', 'write+bypass'],
  ['uaac user delete alice', 'write'],
  ['uaac token client get admin -s secret', 'read'],
  ['cast send 0xabc "enable()"', 'write'],
  ['cast call 0xabc "owner()"', 'read'],
  ['cast rpc admin_stopSequencer', 'write'],
  ['cast rpc admin_nodeInfo', 'read'],
  ['iscsiadm -m node -T iqn.x -p 10.0.0.1 --logout', 'write'],
  ['iscsiadm -m node -o delete -T iqn.x', 'write'],
  ['iscsiadm -m session', 'read'],
  ['multipath -f mpatha', 'write'],
  ['multipath -ll', 'read'],
  ['aws ssm start-session --target i-123', 'read'],
];

for (const [line, want] of CASES) {
  test(`classifies \`${line}\` as ${want ?? 'unknown'}`, () => assert.equal(kind(line), want));
}

test('strips sudo, env prefixes and wrappers before classifying', () => {
  assert.equal(kind('sudo systemctl restart kubelet'), 'write');
  assert.equal(kind('sudo -u postgres psql -c "DROP TABLE x"'), 'write+bypass');
  assert.equal(kind('KUBECONFIG=/tmp/k AWS_PROFILE=prod kubectl delete pod x'), 'write');
  assert.equal(kind('env -i PATH=/bin kubectl get pods'), 'read');
  assert.equal(kind('timeout 30 kubectl delete pod x'), 'write');
  assert.equal(kind('watch -n 5 kubectl get pods'), 'read');
  assert.equal(kind('watch "kubectl delete pod x"'), 'write');
  assert.equal(kind('bash -c "kubectl delete pod x && echo ok"'), 'write');
  assert.equal(classifyCommandLine('oc delete pod x')?.label, 'oc delete');
  for (const w of Object.keys(WRAPPERS)) assert.equal(kind(`${w === 'chroot' ? 'chroot /host' : w} kubectl delete pod x`), 'write', `${w} is a wrapper`);
});

test('pipelines, && chains and ; take the most severe part', () => {
  assert.equal(kind('kubectl get pods -o name | xargs kubectl delete'), 'write');
  assert.equal(kind('kubectl get pods && kubectl delete pod x'), 'write');
  assert.equal(kind('kubectl get pods; psql -c "select 1"'), 'bypass');
  assert.equal(kind('kubectl get pods | grep Crash | wc -l'), 'read');
});

test('joins backslash continuations, drops comments and redirections, keeps heredoc SQL as stdin', () => {
  const cmds = parseShell('kubectl \\\n  -n prod \\\n  delete pod x  # why: stuck\necho done > /tmp/out 2>&1\n');
  assert.deepEqual(cmds.map((c) => c.words.map((w) => w.text)), [['kubectl', '-n', 'prod', 'delete', 'pod', 'x'], ['echo', 'done']]);
  assert.equal(kind('kubectl \\\n  delete pod x'), 'write');
  const h = parseShell('psql -h db <<SQL\nDELETE FROM jobs;\nSQL\nkubectl get pods\n');
  assert.equal(h[0]!.stdin, 'DELETE FROM jobs;\n');
  assert.equal(h.length, 2);
  assert.equal(kind('psql -h db <<SQL\nDELETE FROM jobs;\nSQL'), 'write+bypass');
  const ph = parseShell('mc mirror backup/<bucket>/<prefix> primary/<bucket name> > out.txt');
  assert.deepEqual(parseShell('echo x >\npsql -c "select 1"')[1]!.words[0]!.text, 'psql', 'a dangling redirection does not eat the next line');
  assert.deepEqual(ph[0]!.words.map((w) => w.text), ['mc', 'mirror', 'backup/<bucket>/<prefix>', 'primary/<bucket name>'], '<placeholders> are words, not redirections');
});

test('every flag, exposure and policy-target row is exercised', () => {
  for (const f of FLAGS) {
    const tool = f.tools === '*' ? 'kubectl' : f.tools[0]!;
    const sub = f.sub ? f.sub.join(' ') : tool === 'kubectl' || tool === 'helm' ? 'get x' : tool === 'iptables' ? '' : 'https://example.com';
    for (const flag of f.flags) {
      const arg = f.value ? `${flag} ${f.value[0]}` : flag.includes('=') ? flag : `${flag}${/^--(?:data|json|form|post-data|post-file|body-data|upload-file)/.test(flag) || /^-[dFT]$/.test(flag) ? ' x' : ''}`;
      const c = classifyCommandLine(`${tool} ${sub} ${arg}`.replace(/\s+/g, ' '));
      assert.ok(c, `${tool} ${flag}`);
      if (f.effect) assert.equal(c.effect, f.effect, `${tool} ${flag} makes it ${f.effect}`);
      if (f.bypass) assert.ok(c.bypass, `${tool} ${flag} crosses the boundary`);
    }
  }
  for (const e of EXPOSURE) assert.ok(classifyCommandLine(`gsutil iam ch ${e.token}:x gs://b`)?.bypass, e.token);
  const samples = ['networkpolicy', 'ciliumnetworkpolicy', 'validatingwebhookconfiguration', 'constrainttemplate', 'clusterpolicy', 'authorizationpolicy', 'gatekeeper', 'deploy/kyverno-admission-controller', 'pod-security.kubernetes.io/enforce-'];
  for (const t of POLICY_TARGETS) assert.ok(samples.some((s) => t.pattern.test(s)), `policy target ${t.what} has a sample`);
  for (const s of samples) assert.ok(classifyCommandLine(`kubectl delete ${s} x`)?.bypass, `deleting ${s}`);
});

test('extracts commands from shell blocks, prompts, SQL blocks and inline code with document ranges', () => {
  const text = [
    '## Step 1 — Mitigation',
    '```console',
    '$ kubectl delete pod web-1',
    'pod "web-1" deleted',
    '```',
    '```sql',
    'SELECT 1; DELETE FROM jobs WHERE id = 3;',
    '```',
    '```yaml',
    'command: kubectl delete pod x',
    '```',
    'Run `helm rollback web 3` or read `CrashLoopBackOff`; set the strategy to `shutdown` and use `psql`.',
    '',
  ].join('\n');
  const rb = parseRunbook(text);
  const cmds = runbookCommands(rb);
  assert.deepEqual(cmds.map((c) => [c.cls.label, c.cls.effect, text.slice(c.range.start, c.range.end)]), [
    ['kubectl delete', 'write', 'kubectl delete pod web-1'],
    ['SQL SELECT', 'read', 'SELECT 1'],
    ['SQL DELETE', 'write', 'DELETE FROM jobs WHERE id = 3'],
    ['helm rollback', 'write', 'helm rollback web 3'],
  ]);
});

test('a confirmation fence before the command and a Rollback: line in its step guard a write', () => {
  const guarded = parseRunbook('## Step 3 — Mitigation\n> [!CAUTION]\n> Changes prod.\n\n```bash\nkubectl delete pod x\n```\n\nRollback: recreate it from the manifest.\n\n## Step 4 — Verification\n```bash\nkubectl delete pod y\n```\n');
  const g = writeGuards(guarded);
  assert.deepEqual(g.map((x) => [x.fenced, x.rollback]), [[true, true], [false, false]]);
  const described = parseRunbook('## Summary\n- **Most common causes:** a bad `helm upgrade web ./chart`\n\n## Inputs\n- [ ] Was `kubectl apply -f x.yaml` run recently?\n');
  assert.deepEqual(writeGuards(described), [], 'Summary and Inputs describe, they hold no actions');
  const confirm = parseRunbook('## Step 3 — Mitigation\n- [ ] Confirm the namespace with the incident lead\n\n```bash\nkubectl delete pod x\n```\n');
  assert.equal(writeGuards(confirm)[0]!.fenced, true);
  const after = parseRunbook('## Step 3 — Mitigation\n```bash\nkubectl delete pod x\n```\n> [!WARNING]\n> too late\n');
  assert.equal(writeGuards(after)[0]!.fenced, false, 'a fence after the command does not count');
  const rollbackLine = parseRunbook('## Step 3 — Mitigation\nRollback: `helm rollback web 3`\n');
  assert.equal(writeGuards(rollbackLine)[0]!.isRollback, true);
  const labelled = parseRunbook('## Step 3 — Mitigation\n**To roll back (if needed):**\n\n```bash\nhelm rollback web 3\n```\n');
  assert.equal(writeGuards(labelled)[0]!.isRollback, true, 'a block under a rollback label is the rollback');
  const action = parseRunbook('## Step 3 — Mitigation\n- [ ] Roll back the release with `helm rollback web 3`\n');
  assert.equal(writeGuards(action)[0]!.isRollback, false, 'rolling back as the mitigation is a change that needs its fence');
});


test('the shell splitter never throws and keeps word offsets inside the text, whatever the input', () => {
  const alphabet = fc.constantFrom('k', 'u', 'b', 'e', 'c', 't', 'l', ' ', '\\', '\n', '"', "'", '`', '$', '(', ')', '|', '&', ';', '<', '>', '#', '-', '=', 'x', '\r');
  fc.assert(fc.property(fc.array(alphabet, { maxLength: 80 }).map((a) => a.join('')), (src) => {
    for (const c of parseShell(src, 10)) {
      for (const w of c.words) assert.ok(w.start >= 10 && w.end <= src.length + 10 && w.start <= w.end);
    }
    classifyCommandLine(src);
  }), { numRuns: 300 });
});

test('mergeByStart gives what a stable sort of both lists gives (blocks first at equal starts), sorted inputs or not', () => {
  const item = fc.record({ start: fc.integer({ min: 0, max: 40 }), id: fc.nat() }).map(({ start, id }) => ({ range: { start, end: start + 1 }, id }));
  const list = fc.tuple(fc.array(item, { maxLength: 20 }), fc.boolean()).map(([l, sort]) => (sort ? l.sort((x, y) => x.range.start - y.range.start) : l));
  fc.assert(
    fc.property(list, list, (a, b) => {
      const want = [...a, ...b].sort((x, y) => x.range.start - y.range.start);
      assert.deepEqual(mergeByStart([...a], [...b]), want);
    }),
    { numRuns: 500, seed: 3 },
  );
});

test('runbook extraction: plain-text list items, untyped SQL, pasted sessions are commands; narrative, named commands and Dockerfiles are not', () => {
  const labels = (md: string) => runbookCommands(parseRunbook(md, 'infra/runbooks/platform/x.md')).map((c) => `${c.cls.label}:${c.cls.effect}`);
  assert.deepEqual(labels('## Mitigation\n\n- kubectl apply -f fix.yaml\n- service accounts, tokens\n- Service outages if capacity is exceeded\n'), ['kubectl apply:write']);
  assert.deepEqual(labels('## Steps\n\n```\nALTER USER \'app\' DISCARD OLD PASSWORD;\n```\n\n```\nuse app_db;\n```\n'), ['SQL ALTER:write', 'SQL USE:read']);
  assert.deepEqual(labels('## Steps\n\n```\n    root@node-2:~# iscsiadm -m node -T iqn.x -p 10.0.0.1 --logout\n    Logging out of session [sid: 7]\n```\n'), ['iscsiadm:write']);
  assert.deepEqual(labels('## Steps\n\n```\nFROM ubuntu:22.04\nRUN apt-get update && rm -rf /var/lib/apt/lists\n```\n'), []);
  assert.deepEqual(labels('## Symptoms\n\n* When modifying the settings via `kubectl edit configmap settings`, nothing changes.\n'), []);
  assert.deepEqual(labels('## Steps\n\nWhen an authorized user runs `cf create-service aws-rds plan name`, the broker provisions it.\n'), []);
  assert.deepEqual(labels('## Timeline\n\nAt 10:02 an engineer ran `terraform destroy -auto-approve` by mistake.\n'), []);
  assert.deepEqual(labels('## Steps\n\nUse the `cast send` command to call the function:\n'), []);
  assert.deepEqual(labels('## Steps\n\nWhen the pod is stuck, run `kubectl delete pod web-1`.\n'), ['kubectl delete:write']);
});
