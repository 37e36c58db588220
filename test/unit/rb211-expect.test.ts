// RB211 "expect" reads what a step says about a command's output (issue 15, labelled real runbooks):
// a that-clause to confirm, a field of the output to read, a block comment on what the system does
// next, a result to wait for, what the printed data holds, what a value means, output after a
// `root@host#` prompt, a YAML block after `describe`; a block whose output goes to a file has nothing
// to expect. Steps that say none of it are still reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../server/src/core/check.js';

const expects = (step: string) => check({ text: `# T\n\n## Diagnosis\n\n${step}\n`, path: 'infra/runbooks/platform/x.md', only: ['RB211'] })
  .findings.filter((f) => f.meta?.part === 'expect').length;
const fence = (body: string, lang = 'sh') => `\`\`\`${lang}\n${body}\n\`\`\``;

test('a step that says what the output shows is not reported', () => {
  const said = [
    `Check that allocation was reenabled:\n\n${fence('curl localhost:9200/_cluster/settings?pretty')}`,
    `Get the operator:\n\n${fence('oc get clusteroperator kcm')}\n\nTake a look at its \`.status.conditions\`.`,
    `Restart the pod:\n\n${fence('oc delete pod x\n# The controller will recreate it')}`,
    `Scale up the monitors:\n\n${fence('oc patch x --patch y')}\n\nThen monitor the creation and readiness of the new monitor pods.`,
    `Read the app's environment:\n\n${fence('cf env APP')}\n\nThe JSON containing the variables includes \`host\` under credentials.`,
    `List the snapshots:\n\n${fence('odf cephfs-snap ls')}\n\nSnapshots with state \`bound\` have a content object.`,
    `If \`ceph status\` is not in **HEALTH_OK**, look at the troubleshooting guide:\n\n${fence('ceph status')}`,
    `List the files:\n\n${fence('root@node-1:/home/ubuntu# kubectl exec -it t -- ls -l /data\ntotal 16\ndrwx------ 2 root root 16384 lost+found')}`,
    `Check VMI phase and events:\n\n${fence('oc describe vmi -n ns vm')}\n\nLook for \`GuestPanicked\` or \`Stopped\` events.`,
    `Verify cleanup of the volume attachments:\n\n${fence('kubectl get volumeattachment -A | grep pvc-1')}`,
    `Describe the volume:\n\n${fence('kubectl describe lhv pvc-1')}\n\n${fence('kind: Volume\nstatus:\n  state: attached', 'yaml')}`,
  ];
  for (const step of said) assert.equal(expects(step), 0, step);
});

test('a block whose output goes to a file needs no expected output; the next block of the step is judged', () => {
  assert.equal(expects(`Save the pipeline:\n\n${fence('fly -t ci \\\n  get-pipeline -p deploy \\\n> tmp/deploy.yml')}`), 0);
  assert.equal(expects(`Save and show the pipeline:\n\n${fence('fly -t ci get-pipeline -p deploy > tmp/deploy.yml')}\n\nThen:\n\n${fence('oc get pods')}`), 1);
});

test('a step that says nothing about the output is still reported', () => {
  const silent = [
    `Check the operator conditions:\n\n${fence('oc get hco -o jsonpath={.status.conditions}')}`,
    `Convert the volume:\n\n${fence('virtctl addvolume <vm-name> --volume-name=<volume-name> --persist')}`,
    `Edit the collector:\n\n${fence('oc edit flowcollector cluster')}\n\nInsert these values:\n\n${fence('spec:\n  x: 1', 'yaml')}`,
    `Generate the genesis:\n\n${fence('oc create -f genesis.yaml')}\n\n- Verify that all network parameters match your chain's configuration`,
    `Delete the sources.\n\nThe CDI will recreate the data volumes.\n\n${fence('oc patch hco x --type json -p y')}`,
  ];
  for (const step of silent) assert.equal(expects(step), 1, step);
});
