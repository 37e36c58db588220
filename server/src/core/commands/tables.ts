// The command classifier's knowledge, as data: which subcommands read, which change live state,
// and which cross the trust membrane (direct data access, disabled policy, widened exposure).
// classify.ts interprets these tables; test/unit/commands.test.ts has a case for every row.

export type Effect = 'read' | 'write';

export interface SubcommandRow {
  /** Subcommand words after the tool (`['rollout', 'undo']`); `*` matches any word. */
  sub: string[];
  effect: Effect;
  /** Why the command crosses the policy boundary (RB303), when it always does. */
  bypass?: string;
  /** A write that removes or weakens what it targets: a policy resource target makes it a bypass. */
  disables?: boolean;
  /** Effect is read unless the destination (last operand) is remote (`s3://`, `gs://`, `alias/`). */
  writesToLastOperand?: boolean;
  /** The command runs another command after `--` (kubectl exec): classify that one instead. */
  runsInner?: boolean;
}

export interface ToolTable {
  tool: string;
  aliases?: string[];
  /** Options that take a separate value (`-n ns`), so the value is not read as a subcommand. */
  valueFlags: string[];
  rows: SubcommandRow[];
  /** Verb tables for CLIs shaped `tool <group…> <verb>` (gcloud, az) or `aws <service> <operation>`. */
  verbs?: VerbRow[];
  /** Which operand holds the verb: `first-match` scans operands for the first that matches a verb row. */
  verbAt?: 'second' | 'first-match';
  /** Effect when no row matches (undefined: unknown, never reported). */
  fallback?: Effect;
  /** Every invocation is direct data-store access (database clients). */
  bypass?: string;
  /** How to find the statement the client runs: a flag's value, or the first operand (redis-cli). */
  statement?: { flags: string[]; language: 'sql' | 'mongo' | 'redis' };
}

export interface VerbRow {
  /** Exact verb, or a prefix when it ends with `-` / `*`. */
  verb: string;
  effect: Effect;
  bypass?: string;
}

const DB = 'direct database access bypasses the governed APIs and the policy boundary';
const OBJ = 'direct object-store data access bypasses the governed APIs and the policy boundary';

const KUBE_VALUE_FLAGS = ['-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-l', '--selector', '-o', '--output', '-c', '--container', '-f', '--filename', '--field-selector', '--as', '--as-group', '-s', '--server', '--token', '--since', '--tail', '--timeout', '--type', '-p', '--patch', '--replicas', '--to-revision', '--image'];

export const TOOLS: ToolTable[] = [
  {
    tool: 'kubectl',
    aliases: ['oc', 'k', 'kubectl.exe'],
    valueFlags: KUBE_VALUE_FLAGS,
    rows: [
      { sub: ['get'], effect: 'read' },
      { sub: ['describe'], effect: 'read' },
      { sub: ['logs'], effect: 'read' },
      { sub: ['top'], effect: 'read' },
      { sub: ['explain'], effect: 'read' },
      { sub: ['events'], effect: 'read' },
      { sub: ['diff'], effect: 'read' },
      { sub: ['wait'], effect: 'read' },
      { sub: ['version'], effect: 'read' },
      { sub: ['cluster-info'], effect: 'read' },
      { sub: ['api-resources'], effect: 'read' },
      { sub: ['api-versions'], effect: 'read' },
      { sub: ['config'], effect: 'read' },
      { sub: ['auth', 'can-i'], effect: 'read' },
      { sub: ['auth', 'whoami'], effect: 'read' },
      { sub: ['rollout', 'status'], effect: 'read' },
      { sub: ['rollout', 'history'], effect: 'read' },
      { sub: ['rollout', 'undo'], effect: 'write' },
      { sub: ['rollout', 'restart'], effect: 'write' },
      { sub: ['rollout', 'pause'], effect: 'write' },
      { sub: ['rollout', 'resume'], effect: 'write' },
      { sub: ['apply'], effect: 'write' },
      { sub: ['create'], effect: 'write' },
      { sub: ['replace'], effect: 'write', disables: true },
      { sub: ['delete'], effect: 'write', disables: true },
      { sub: ['patch'], effect: 'write', disables: true },
      { sub: ['edit'], effect: 'write', disables: true },
      { sub: ['scale'], effect: 'write', disables: true },
      { sub: ['label'], effect: 'write', disables: true },
      { sub: ['annotate'], effect: 'write', disables: true },
      { sub: ['set'], effect: 'write' },
      { sub: ['autoscale'], effect: 'write' },
      { sub: ['expose'], effect: 'write' },
      { sub: ['run'], effect: 'write' },
      { sub: ['drain'], effect: 'write' },
      { sub: ['cordon'], effect: 'write' },
      { sub: ['uncordon'], effect: 'write' },
      { sub: ['taint'], effect: 'write' },
      { sub: ['cp'], effect: 'write' },
      { sub: ['debug'], effect: 'read', runsInner: true },
      { sub: ['certificate'], effect: 'write' },
      { sub: ['adm'], effect: 'write' },
      { sub: ['adm', 'top'], effect: 'read' },
      { sub: ['adm', 'inspect'], effect: 'read' },
      { sub: ['adm', 'must-gather'], effect: 'read' },
      { sub: ['adm', 'node-logs'], effect: 'read' },
      { sub: ['adm', 'release', 'info'], effect: 'read' },
      { sub: ['adm', 'upgrade'], effect: 'read' },
      { sub: ['adm', 'policy', 'who-can'], effect: 'read' },
      { sub: ['login'], effect: 'read' },
      { sub: ['project'], effect: 'read' },
      { sub: ['projects'], effect: 'read' },
      { sub: ['whoami'], effect: 'read' },
      { sub: ['status'], effect: 'read' },
      { sub: ['extract'], effect: 'read' },
      { sub: ['process'], effect: 'read' },
      { sub: ['new-project'], effect: 'write' },
      { sub: ['start-build'], effect: 'write' },
      { sub: ['exec'], effect: 'read', runsInner: true },
      { sub: ['rsh'], effect: 'read', runsInner: true },
      { sub: ['port-forward'], effect: 'read' },
      { sub: ['proxy'], effect: 'read' },
    ],
  },
  {
    tool: 'helm',
    valueFlags: ['-n', '--namespace', '--kube-context', '--kubeconfig', '-f', '--values', '--set', '--version', '-o', '--output', '--revision', '--repo', '--timeout'],
    rows: [
      { sub: ['status'], effect: 'read' },
      { sub: ['history'], effect: 'read' },
      { sub: ['list'], effect: 'read' },
      { sub: ['ls'], effect: 'read' },
      { sub: ['get'], effect: 'read' },
      { sub: ['diff'], effect: 'read' },
      { sub: ['template'], effect: 'read' },
      { sub: ['show'], effect: 'read' },
      { sub: ['search'], effect: 'read' },
      { sub: ['lint'], effect: 'read' },
      { sub: ['version'], effect: 'read' },
      { sub: ['repo'], effect: 'read' },
      { sub: ['dependency'], effect: 'read' },
      { sub: ['install'], effect: 'write' },
      { sub: ['upgrade'], effect: 'write' },
      { sub: ['rollback'], effect: 'write' },
      { sub: ['uninstall'], effect: 'write', disables: true },
      { sub: ['delete'], effect: 'write', disables: true },
    ],
  },
  {
    tool: 'terraform',
    aliases: ['tofu', 'terragrunt'],
    valueFlags: ['-chdir', '-var', '-var-file', '-target', '-out', '-state'],
    rows: [
      { sub: ['plan'], effect: 'read' },
      { sub: ['show'], effect: 'read' },
      { sub: ['output'], effect: 'read' },
      { sub: ['validate'], effect: 'read' },
      { sub: ['fmt'], effect: 'read' },
      { sub: ['init'], effect: 'read' },
      { sub: ['providers'], effect: 'read' },
      { sub: ['graph'], effect: 'read' },
      { sub: ['version'], effect: 'read' },
      { sub: ['console'], effect: 'read' },
      { sub: ['state', 'list'], effect: 'read' },
      { sub: ['state', 'show'], effect: 'read' },
      { sub: ['state', 'pull'], effect: 'read' },
      { sub: ['workspace', 'list'], effect: 'read' },
      { sub: ['workspace', 'show'], effect: 'read' },
      { sub: ['workspace', 'select'], effect: 'read' },
      { sub: ['apply'], effect: 'write' },
      { sub: ['destroy'], effect: 'write' },
      { sub: ['import'], effect: 'write' },
      { sub: ['refresh'], effect: 'write' },
      { sub: ['taint'], effect: 'write' },
      { sub: ['untaint'], effect: 'write' },
      { sub: ['force-unlock'], effect: 'write' },
      { sub: ['state', 'rm'], effect: 'write' },
      { sub: ['state', 'mv'], effect: 'write' },
      { sub: ['state', 'push'], effect: 'write' },
      { sub: ['state', 'replace-provider'], effect: 'write' },
      { sub: ['workspace', 'new'], effect: 'write' },
      { sub: ['workspace', 'delete'], effect: 'write' },
    ],
  },
  {
    tool: 'argocd',
    valueFlags: ['--server', '--grpc-web-root-path', '--auth-token', '-o', '--output', '--revision', '--project', '-l', '--selector', '--resource', '--kube-context', '--port-forward-namespace'],
    rows: [
      { sub: ['app', 'get'], effect: 'read' },
      { sub: ['app', 'diff'], effect: 'read' },
      { sub: ['app', 'history'], effect: 'read' },
      { sub: ['app', 'list'], effect: 'read' },
      { sub: ['app', 'manifests'], effect: 'read' },
      { sub: ['app', 'resources'], effect: 'read' },
      { sub: ['app', 'logs'], effect: 'read' },
      { sub: ['app', 'wait'], effect: 'read' },
      { sub: ['app', 'sync'], effect: 'write' },
      { sub: ['app', 'rollback'], effect: 'write' },
      { sub: ['app', 'delete'], effect: 'write', disables: true },
      { sub: ['app', 'set'], effect: 'write' },
      { sub: ['app', 'unset'], effect: 'write' },
      { sub: ['app', 'patch'], effect: 'write', disables: true },
      { sub: ['app', 'edit'], effect: 'write' },
      { sub: ['app', 'create'], effect: 'write' },
      { sub: ['app', 'terminate-op'], effect: 'write' },
      { sub: ['app', 'actions', 'run'], effect: 'write' },
      { sub: ['app', 'actions', 'list'], effect: 'read' },
      { sub: ['proj', 'get'], effect: 'read' },
      { sub: ['proj', 'list'], effect: 'read' },
      { sub: ['proj', '*'], effect: 'write' },
      { sub: ['cluster', 'list'], effect: 'read' },
      { sub: ['cluster', 'get'], effect: 'read' },
      { sub: ['cluster', '*'], effect: 'write' },
      { sub: ['repo', 'list'], effect: 'read' },
      { sub: ['repo', 'get'], effect: 'read' },
      { sub: ['repo', '*'], effect: 'write' },
      { sub: ['version'], effect: 'read' },
      { sub: ['login'], effect: 'read' },
      { sub: ['context'], effect: 'read' },
      { sub: ['account', 'get-user-info'], effect: 'read' },
    ],
  },
  {
    tool: 'flux',
    valueFlags: ['-n', '--namespace', '--context', '--kubeconfig', '--kind', '--name', '--source', '--since', '--tail', '--timeout'],
    rows: [
      { sub: ['get'], effect: 'read' },
      { sub: ['logs'], effect: 'read' },
      { sub: ['check'], effect: 'read' },
      { sub: ['tree'], effect: 'read' },
      { sub: ['trace'], effect: 'read' },
      { sub: ['diff'], effect: 'read' },
      { sub: ['stats'], effect: 'read' },
      { sub: ['events'], effect: 'read' },
      { sub: ['export'], effect: 'read' },
      { sub: ['version'], effect: 'read' },
      { sub: ['reconcile'], effect: 'write' },
      { sub: ['suspend'], effect: 'write' },
      { sub: ['resume'], effect: 'write' },
      { sub: ['create'], effect: 'write' },
      { sub: ['delete'], effect: 'write', disables: true },
      { sub: ['bootstrap'], effect: 'write' },
      { sub: ['install'], effect: 'write' },
      { sub: ['uninstall'], effect: 'write', disables: true },
    ],
  },
  {
    tool: 'aws',
    valueFlags: ['--profile', '--region', '--output', '--query', '--endpoint-url', '--bucket', '--key', '--acl', '--filters', '--instance-ids', '--cli-input-json'],
    rows: [
      { sub: ['s3', 'ls'], effect: 'read' },
      { sub: ['s3', 'cp'], effect: 'read', writesToLastOperand: true, bypass: OBJ },
      { sub: ['s3', 'sync'], effect: 'read', writesToLastOperand: true, bypass: OBJ },
      { sub: ['s3', 'mv'], effect: 'write', bypass: OBJ },
      { sub: ['s3', 'rm'], effect: 'write', bypass: OBJ },
      { sub: ['s3', 'presign'], effect: 'read', bypass: OBJ },
      { sub: ['s3', 'mb'], effect: 'write' },
      { sub: ['s3', 'rb'], effect: 'write' },
      { sub: ['s3api', 'get-object'], effect: 'read', bypass: OBJ },
      { sub: ['s3api', 'put-object'], effect: 'write', bypass: OBJ },
      { sub: ['s3api', 'delete-object'], effect: 'write', bypass: OBJ },
      { sub: ['s3api', 'delete-public-access-block'], effect: 'write', bypass: 'removing the public access block widens exposure' },
    ],
    verbAt: 'second',
    verbs: [
      { verb: 'describe-', effect: 'read' },
      { verb: 'get-', effect: 'read' },
      { verb: 'list-', effect: 'read' },
      { verb: 'head-', effect: 'read' },
      { verb: 'lookup-', effect: 'read' },
      { verb: 'search-', effect: 'read' },
      { verb: 'filter-', effect: 'read' },
      { verb: 'batch-get-', effect: 'read' },
      { verb: 'wait', effect: 'read' },
      { verb: 'tail', effect: 'read' },
      { verb: 'create-', effect: 'write' },
      { verb: 'update-', effect: 'write' },
      { verb: 'delete-', effect: 'write' },
      { verb: 'put-', effect: 'write' },
      { verb: 'modify-', effect: 'write' },
      { verb: 'attach-', effect: 'write' },
      { verb: 'detach-', effect: 'write' },
      { verb: 'associate-', effect: 'write' },
      { verb: 'disassociate-', effect: 'write' },
      { verb: 'authorize-', effect: 'write' },
      { verb: 'revoke-', effect: 'write' },
      { verb: 'start-', effect: 'write' },
      { verb: 'stop-', effect: 'write' },
      { verb: 'reboot-', effect: 'write' },
      { verb: 'terminate-', effect: 'write' },
      { verb: 'run-', effect: 'write' },
      { verb: 'set-', effect: 'write' },
      { verb: 'tag-', effect: 'write' },
      { verb: 'untag-', effect: 'write' },
      { verb: 'enable-', effect: 'write' },
      { verb: 'disable-', effect: 'write' },
      { verb: 'register-', effect: 'write' },
      { verb: 'deregister-', effect: 'write' },
      { verb: 'restore-', effect: 'write' },
      { verb: 'reset-', effect: 'write' },
      { verb: 'invoke', effect: 'write' },
      { verb: 'scale', effect: 'write' },
    ],
  },
  {
    tool: 'gcloud',
    valueFlags: ['--project', '--zone', '--region', '--format', '--filter', '--account', '--configuration', '--member', '--role', '--limit'],
    rows: [
      { sub: ['sql', 'connect'], effect: 'read', bypass: DB },
      { sub: ['storage', 'cp'], effect: 'read', writesToLastOperand: true, bypass: OBJ },
      { sub: ['storage', 'rsync'], effect: 'read', writesToLastOperand: true, bypass: OBJ },
      { sub: ['storage', 'mv'], effect: 'write', bypass: OBJ },
      { sub: ['storage', 'rm'], effect: 'write', bypass: OBJ },
      { sub: ['storage', 'cat'], effect: 'read', bypass: OBJ },
    ],
    verbAt: 'first-match',
    verbs: [
      { verb: 'list', effect: 'read' },
      { verb: 'describe', effect: 'read' },
      { verb: 'get-', effect: 'read' },
      { verb: 'read', effect: 'read' },
      { verb: 'tail', effect: 'read' },
      { verb: 'ls', effect: 'read' },
      { verb: 'create', effect: 'write' },
      { verb: 'update', effect: 'write' },
      { verb: 'delete', effect: 'write' },
      { verb: 'patch', effect: 'write' },
      { verb: 'deploy', effect: 'write' },
      { verb: 'resize', effect: 'write' },
      { verb: 'start', effect: 'write' },
      { verb: 'stop', effect: 'write' },
      { verb: 'reset', effect: 'write' },
      { verb: 'restart', effect: 'write' },
      { verb: 'import', effect: 'write' },
      { verb: 'apply', effect: 'write' },
      { verb: 'set-', effect: 'write' },
      { verb: 'add-', effect: 'write' },
      { verb: 'remove-', effect: 'write' },
      { verb: 'enable', effect: 'write' },
      { verb: 'disable', effect: 'write' },
      { verb: 'rollback', effect: 'write' },
    ],
  },
  {
    tool: 'az',
    valueFlags: ['-g', '--resource-group', '-n', '--name', '--subscription', '-o', '--output', '--query', '--account-name', '-c', '--container-name'],
    rows: [
      { sub: ['storage', 'blob', 'download'], effect: 'read', bypass: OBJ },
      { sub: ['storage', 'blob', 'download-batch'], effect: 'read', bypass: OBJ },
      { sub: ['storage', 'blob', 'upload'], effect: 'write', bypass: OBJ },
      { sub: ['storage', 'blob', 'upload-batch'], effect: 'write', bypass: OBJ },
      { sub: ['storage', 'blob', 'delete'], effect: 'write', bypass: OBJ },
      { sub: ['storage', 'blob', 'delete-batch'], effect: 'write', bypass: OBJ },
      { sub: ['postgres', '*', 'connect'], effect: 'read', bypass: DB },
      { sub: ['mysql', '*', 'connect'], effect: 'read', bypass: DB },
    ],
    verbAt: 'first-match',
    verbs: [
      { verb: 'list', effect: 'read' },
      { verb: 'show', effect: 'read' },
      { verb: 'get-', effect: 'read' },
      { verb: 'list-', effect: 'read' },
      { verb: 'show-', effect: 'read' },
      { verb: 'create', effect: 'write' },
      { verb: 'update', effect: 'write' },
      { verb: 'delete', effect: 'write' },
      { verb: 'set', effect: 'write' },
      { verb: 'add', effect: 'write' },
      { verb: 'remove', effect: 'write' },
      { verb: 'start', effect: 'write' },
      { verb: 'stop', effect: 'write' },
      { verb: 'restart', effect: 'write' },
      { verb: 'scale', effect: 'write' },
      { verb: 'upgrade', effect: 'write' },
      { verb: 'rotate-', effect: 'write' },
    ],
  },
  {
    tool: 'gsutil',
    valueFlags: ['-o', '-h', '-u'],
    rows: [
      { sub: ['ls'], effect: 'read' },
      { sub: ['du'], effect: 'read' },
      { sub: ['stat'], effect: 'read' },
      { sub: ['version'], effect: 'read' },
      { sub: ['cat'], effect: 'read', bypass: OBJ },
      { sub: ['cp'], effect: 'read', writesToLastOperand: true, bypass: OBJ },
      { sub: ['rsync'], effect: 'read', writesToLastOperand: true, bypass: OBJ },
      { sub: ['mv'], effect: 'write', bypass: OBJ },
      { sub: ['rm'], effect: 'write', bypass: OBJ },
      { sub: ['acl', 'get'], effect: 'read' },
      { sub: ['acl', '*'], effect: 'write' },
      { sub: ['iam', 'get'], effect: 'read' },
      { sub: ['iam', '*'], effect: 'write' },
      { sub: ['defacl', 'get'], effect: 'read' },
      { sub: ['defacl', '*'], effect: 'write' },
      { sub: ['mb'], effect: 'write' },
      { sub: ['rb'], effect: 'write' },
    ],
  },
  {
    tool: 'mc',
    valueFlags: ['--config-dir'],
    rows: [
      { sub: ['ls'], effect: 'read' },
      { sub: ['du'], effect: 'read' },
      { sub: ['stat'], effect: 'read' },
      { sub: ['admin', 'info'], effect: 'read' },
      { sub: ['admin', '*'], effect: 'write' },
      { sub: ['cat'], effect: 'read', bypass: OBJ },
      { sub: ['head'], effect: 'read', bypass: OBJ },
      { sub: ['cp'], effect: 'read', writesToLastOperand: true, bypass: OBJ },
      { sub: ['mirror'], effect: 'read', writesToLastOperand: true, bypass: OBJ },
      { sub: ['mv'], effect: 'write', bypass: OBJ },
      { sub: ['rm'], effect: 'write', bypass: OBJ },
      { sub: ['anonymous', 'get'], effect: 'read' },
      { sub: ['anonymous', 'set'], effect: 'write', bypass: 'anonymous bucket access widens exposure' },
      { sub: ['policy', 'set'], effect: 'write', bypass: 'anonymous bucket access widens exposure' },
      { sub: ['mb'], effect: 'write' },
      { sub: ['rb'], effect: 'write' },
    ],
  },
  { tool: 'psql', valueFlags: ['-h', '--host', '-p', '--port', '-U', '--username', '-d', '--dbname', '-f', '--file', '-v', '--set'], rows: [], fallback: 'read', bypass: DB, statement: { flags: ['-c', '--command'], language: 'sql' } },
  { tool: 'mysql', aliases: ['mariadb'], valueFlags: ['-h', '--host', '-P', '--port', '-u', '--user', '-D', '--database'], rows: [], fallback: 'read', bypass: DB, statement: { flags: ['-e', '--execute'], language: 'sql' } },
  { tool: 'mongosh', aliases: ['mongo'], valueFlags: ['--host', '--port', '-u', '--username', '--authenticationDatabase'], rows: [], fallback: 'read', bypass: DB, statement: { flags: ['--eval'], language: 'mongo' } },
  { tool: 'redis-cli', valueFlags: ['-h', '-p', '-a', '-n', '-u', '--user', '--pass', '-c'], rows: [], fallback: 'read', bypass: DB, statement: { flags: [], language: 'redis' } },
  { tool: 'sqlcmd', valueFlags: ['-S', '-U', '-d'], rows: [], fallback: 'read', bypass: DB, statement: { flags: ['-Q', '-q'], language: 'sql' } },
  { tool: 'cqlsh', valueFlags: ['-u', '-k'], rows: [], fallback: 'read', bypass: DB, statement: { flags: ['-e', '--execute'], language: 'sql' } },
  { tool: 'pg_dump', aliases: ['pg_dumpall', 'mysqldump', 'mongodump'], valueFlags: ['-h', '-p', '-U', '-d', '-f'], rows: [], fallback: 'read', bypass: DB },
  { tool: 'pg_restore', aliases: ['mongorestore'], valueFlags: ['-h', '-p', '-U', '-d'], rows: [], fallback: 'write', bypass: DB },
  {
    tool: 'systemctl',
    valueFlags: ['-H', '--host', '-M', '--machine', '-p', '--property', '-t', '--type', '--state'],
    rows: [
      { sub: ['status'], effect: 'read' },
      { sub: ['show'], effect: 'read' },
      { sub: ['cat'], effect: 'read' },
      { sub: ['is-active'], effect: 'read' },
      { sub: ['is-enabled'], effect: 'read' },
      { sub: ['is-failed'], effect: 'read' },
      { sub: ['list-units'], effect: 'read' },
      { sub: ['list-unit-files'], effect: 'read' },
      { sub: ['list-timers'], effect: 'read' },
      { sub: ['restart'], effect: 'write' },
      { sub: ['start'], effect: 'write' },
      { sub: ['stop'], effect: 'write', disables: true },
      { sub: ['reload'], effect: 'write' },
      { sub: ['try-restart'], effect: 'write' },
      { sub: ['reload-or-restart'], effect: 'write' },
      { sub: ['enable'], effect: 'write' },
      { sub: ['disable'], effect: 'write', disables: true },
      { sub: ['mask'], effect: 'write', disables: true },
      { sub: ['unmask'], effect: 'write' },
      { sub: ['kill'], effect: 'write' },
      { sub: ['daemon-reload'], effect: 'write' },
      { sub: ['isolate'], effect: 'write' },
    ],
  },
  { tool: 'service', valueFlags: [], rows: [{ sub: ['*', 'status'], effect: 'read' }, { sub: ['*', '*'], effect: 'write' }] },
  { tool: 'journalctl', valueFlags: ['-u', '--unit', '-n', '--lines', '--since', '--until', '-p'], rows: [], fallback: 'read' },
  { tool: 'rm', aliases: ['rmdir', 'shred', 'unlink'], valueFlags: [], rows: [{ sub: ['*'], effect: 'write' }] },
  { tool: 'curl', valueFlags: ['-H', '--header', '-o', '--output', '-u', '--user', '-X', '--request', '-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '-F', '--form', '-T', '--upload-file', '--json', '-m', '--max-time', '--cacert', '--cert', '--key', '-w', '--write-out', '-A', '--user-agent', '-b', '--cookie', '--resolve', '--connect-timeout', '-x', '--proxy'], rows: [], fallback: 'read' },
  { tool: 'wget', valueFlags: ['-O', '--output-document', '--header', '--post-data', '--post-file', '--method', '--body-data', '-T', '--timeout', '--user', '--password'], rows: [], fallback: 'read' },
  {
    tool: 'git',
    valueFlags: ['-C', '-c', '--git-dir', '--work-tree'],
    rows: [
      { sub: ['status'], effect: 'read' },
      { sub: ['log'], effect: 'read' },
      { sub: ['diff'], effect: 'read' },
      { sub: ['show'], effect: 'read' },
      { sub: ['fetch'], effect: 'read' },
      { sub: ['blame'], effect: 'read' },
      { sub: ['rev-parse'], effect: 'read' },
      { sub: ['ls-files'], effect: 'read' },
      { sub: ['ls-remote'], effect: 'read' },
      { sub: ['describe'], effect: 'read' },
      { sub: ['grep'], effect: 'read' },
      { sub: ['shortlog'], effect: 'read' },
      { sub: ['clone'], effect: 'read' },
      { sub: ['remote'], effect: 'read' },
      { sub: ['branch'], effect: 'read' },
      { sub: ['checkout'], effect: 'read' },
      { sub: ['switch'], effect: 'read' },
      { sub: ['pull'], effect: 'read' },
      { sub: ['push'], effect: 'write' },
      { sub: ['commit'], effect: 'write' },
      { sub: ['merge'], effect: 'write' },
      { sub: ['rebase'], effect: 'write' },
      { sub: ['reset'], effect: 'write' },
      { sub: ['revert'], effect: 'write' },
      { sub: ['cherry-pick'], effect: 'write' },
      { sub: ['tag'], effect: 'write' },
      { sub: ['clean'], effect: 'write' },
      { sub: ['stash'], effect: 'write' },
    ],
  },
  { tool: 'iptables', aliases: ['ip6tables'], valueFlags: ['-t', '--table'], rows: [], fallback: 'write' },
  { tool: 'ufw', valueFlags: [], rows: [{ sub: ['status'], effect: 'read' }, { sub: ['disable'], effect: 'write', bypass: 'disabling the host firewall widens exposure' }, { sub: ['*'], effect: 'write' }] },
  { tool: 'reboot', aliases: ['shutdown', 'halt', 'poweroff'], valueFlags: [], rows: [], fallback: 'write' },
  { tool: 'kill', aliases: ['pkill', 'killall'], valueFlags: ['-s'], rows: [], fallback: 'write' },
];

/** Flags that change a command's effect, per tool (`*`: any tool). `value` lists accepted values (upper-cased). */
export interface FlagRow {
  tools: string[] | '*';
  /** Only for this subcommand (as in the tool's rows). */
  sub?: string[];
  flags: string[];
  value?: string[];
  effect?: Effect;
  bypass?: string;
}

export const FLAGS: FlagRow[] = [
  { tools: ['curl'], flags: ['-X', '--request'], value: ['POST', 'PUT', 'PATCH', 'DELETE'], effect: 'write' },
  { tools: ['curl'], flags: ['-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '-F', '--form', '-T', '--upload-file', '--json'], effect: 'write' },
  { tools: ['curl'], flags: ['-k', '--insecure', '--proxy-insecure'], bypass: 'skipping TLS verification (`--insecure`) weakens the trust boundary' },
  { tools: ['wget'], flags: ['--post-data', '--post-file', '--body-data'], effect: 'write' },
  { tools: ['wget'], flags: ['--method'], value: ['POST', 'PUT', 'PATCH', 'DELETE'], effect: 'write' },
  { tools: ['wget'], flags: ['--no-check-certificate'], bypass: 'skipping TLS verification weakens the trust boundary' },
  { tools: ['iptables'], flags: ['-L', '--list', '-S', '--list-rules'], effect: 'read' },
  { tools: ['kubectl', 'helm'], flags: ['--dry-run'], effect: 'read' },
  { tools: ['kubectl'], sub: ['adm', 'upgrade'], flags: ['--to', '--to-latest', '--to-image'], effect: 'write' },
  { tools: ['kubectl'], flags: ['--dry-run=client', '--dry-run=server'], effect: 'read' },
  { tools: ['helm'], flags: ['--dry-run=client', '--dry-run=server'], effect: 'read' },
  { tools: '*', flags: ['--insecure', '--insecure-skip-tls-verify', '--insecure-skip-tls-verify=true', '--skip-tls-verify', '--tls-verify=false', '--tls-skip-verify', '--no-verify-ssl', '--insecure-skip-verify'], bypass: 'skipping TLS verification (`--insecure`) weakens the trust boundary' },
  { tools: '*', flags: ['--no-verify'], bypass: 'skipping verification (`--no-verify`) bypasses the checks that guard the change' },
  { tools: '*', flags: ['--disable-auth', '--no-auth', '--allow-unauthenticated', '--anonymous-auth=true', '--authorization-mode=AlwaysAllow', '--auth=false', '--auth-mode=none'], bypass: 'disabling authentication widens exposure' },
];

/** Words that widen exposure when they appear in a write command (public ACLs, open CIDRs). */
export const EXPOSURE: { token: string; why: string }[] = [
  { token: 'public-read', why: 'a public ACL exposes data to anyone' },
  { token: 'public-read-write', why: 'a public ACL exposes data to anyone' },
  { token: 'authenticated-read', why: 'an ACL for any authenticated cloud user exposes data' },
  { token: 'allusers', why: '`allUsers` exposes the resource to anyone' },
  { token: 'allauthenticatedusers', why: '`allAuthenticatedUsers` exposes the resource to any cloud account' },
  { token: '0.0.0.0/0', why: '`0.0.0.0/0` opens access to the whole internet' },
  { token: '::/0', why: '`::/0` opens access to the whole internet' },
];

/** Targets whose deletion/patching/scaling disables policy enforcement or network isolation. */
export const POLICY_TARGETS: { pattern: RegExp; what: string }[] = [
  { pattern: /^(?:networkpolic(?:y|ies)|netpol)(?:[./]|$)/, what: 'a NetworkPolicy' },
  { pattern: /^ciliumnetworkpolic(?:y|ies)|^cnp(?:[./]|$)|^ciliumclusterwidenetworkpolic/, what: 'a Cilium network policy' },
  { pattern: /^(?:validating|mutating)webhookconfigurations?(?:[./]|$)/, what: 'an admission webhook' },
  { pattern: /^constrainttemplates?(?:[./]|$)|^constraints?(?:[./]|$)|^k8s[a-z]+(?:[./]|$)/, what: 'a Gatekeeper constraint' },
  { pattern: /^(?:cluster)?polic(?:y|ies)(?:\.kyverno\.io)?(?:[./]|$)|^cpol(?:[./]|$)/, what: 'a Kyverno policy' },
  { pattern: /^(?:authorizationpolic(?:y|ies)|peerauthentications?)(?:[./]|$)/, what: 'an Istio security policy' },
  { pattern: /^(?:gatekeeper|kyverno|opa)(?:-[a-z-]+)?$/, what: 'policy enforcement (OPA/Gatekeeper/Kyverno)' },
  { pattern: /^(?:deploy(?:ment)?s?\/)?(?:gatekeeper|kyverno|opa)[a-z-]*$/, what: 'policy enforcement (OPA/Gatekeeper/Kyverno)' },
  { pattern: /^pod-security\.kubernetes\.io\/enforce(?:-|=privileged)/, what: 'Pod Security admission' },
];

/** `kubectl port-forward` to one of these is direct database access. */
export const DATA_STORE_TARGET = /(?:postgres|postgresql|pgbouncer|\bpg\b|mysql|mariadb|mongo|redis|cassandra|elasticsearch|opensearch|clickhouse|minio|\bdb\b|database)|(?:^|:)(?:5432|3306|27017|6379|9042|9200|8123)(?::|$)/i;

/** SQL statement keywords. */
export const SQL_READ = ['SELECT', 'SHOW', 'EXPLAIN', 'DESCRIBE', 'DESC', 'VALUES', 'TABLE', 'WITH', 'SET', 'BEGIN', 'COMMIT', 'ROLLBACK', 'USE', 'ANALYZE'];
export const SQL_WRITE = ['INSERT', 'UPDATE', 'DELETE', 'DROP', 'TRUNCATE', 'ALTER', 'CREATE', 'GRANT', 'REVOKE', 'MERGE', 'REPLACE', 'RENAME', 'VACUUM', 'REINDEX', 'CLUSTER', 'COPY', 'LOCK', 'CALL', 'KILL', 'FLUSH', 'OPTIMIZE', 'UPSERT'];

/** Mongo shell methods that change data. */
export const MONGO_WRITE = /\.(?:insert(?:One|Many)?|update(?:One|Many)?|replaceOne|delete(?:One|Many)|remove|drop(?:Database|Index(?:es)?)?|createIndex|createCollection|renameCollection|bulkWrite|findOneAnd(?:Update|Replace|Delete)|shutdownServer)\s*\(/;

/** redis-cli commands that change data (anything else is read). */
export const REDIS_WRITE = ['SET', 'SETEX', 'SETNX', 'MSET', 'DEL', 'UNLINK', 'EXPIRE', 'PERSIST', 'RENAME', 'INCR', 'DECR', 'INCRBY', 'HSET', 'HDEL', 'HMSET', 'LPUSH', 'RPUSH', 'LPOP', 'RPOP', 'LREM', 'SADD', 'SREM', 'ZADD', 'ZREM', 'FLUSHALL', 'FLUSHDB', 'CONFIG', 'SHUTDOWN', 'DEBUG', 'SWAPDB', 'MIGRATE', 'RESTORE', 'XADD', 'XDEL', 'XTRIM'];

/** Wrappers that run the command that follows them, with their options that take a value. */
export const WRAPPERS: Record<string, string[]> = {
  sudo: ['-u', '-g', '-h', '-p', '-C', '-D', '-U', '-r', '-t'],
  doas: ['-u', '-C'],
  env: ['-u', '-C', '-S'],
  time: [],
  nohup: [],
  exec: [],
  command: [],
  builtin: [],
  nice: ['-n'],
  ionice: ['-c', '-n'],
  stdbuf: ['-i', '-o', '-e'],
  timeout: ['-s', '-k', '--signal', '--kill-after'],
  watch: ['-n', '--interval', '-d'],
  xargs: ['-I', '-n', '-P', '-L', '-d', '-E', '-s', '--max-args', '--max-procs', '--replace'],
  chroot: ['--userspec', '--groups'],
  nsenter: ['-t', '--target', '-S', '-G', '--setuid', '--setgid'],
};
