// Interprets the tables in tables.ts: one simple command (words) -> read / write, and whether it
// crosses the policy boundary. Unknown tools return undefined (never reported).
import { parseShell } from './shell.js';
import {
  DATA_STORE_TARGET, EXPOSURE, FLAGS, INSECURE_FLAGS, MONGO_WRITE, POLICY_TARGETS, REDIS_WRITE, SQL_READ, SQL_WRITE, TOOLS, WRAPPERS,
  type Effect, type SubcommandRow, type ToolTable, type VerbRow,
} from './tables.js';

// Regular expressions at module level: a literal inside a function is a new RegExp object at every
// evaluation (~0.1 µs and ~56 bytes), and these run per line, block, section or word of every check.
const DIR_PREFIX = /^.*\//;
const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const STARTS_WITH_DIGIT = /^\d/;
const HAS_SPACE = /\s/;
/** Only used with replace. */
const SQL_LINE_COMMENT = /--[^\n]*/g;
const SQL_KEYWORD = /^[A-Za-z]+/;
const SQL_WRITE_WORD = /\b(?:insert|update|delete)\b/i;
/** A remote location by URL scheme (tools with other forms say so in their table's `remote`). */
const REMOTE_URL = /^(?:s3|gs|az|https?):\/\//;
/** An operand naming files here: relative, without globs, `~`, variables or placeholders. */
const LOCAL_RELATIVE = /^(?![/~$<{-])(?!\.{1,2}(?:\/|$))[\w@%+=:,.-]+(?:\/[\w@%+=:,.-]+)*\/?$/;
/** Combined short flags with k: `-sk`, `-sSLk`. */
const CURL_INSECURE_SHORT = /^-[a-zA-Z]*k[a-zA-Z]*$/;

export interface Classification {
  /** Canonical tool (`kubectl` for `oc`). */
  tool: string;
  /** Tool and subcommand as written, without arguments (`oc delete`): safe to show in messages. */
  label: string;
  effect: Effect;
  /** Why it crosses the trust membrane or widens exposure (RB303). */
  bypass?: string;
}

const BY_NAME = new Map<string, ToolTable>();
for (const t of TOOLS) {
  BY_NAME.set(t.tool, t);
  for (const a of t.aliases ?? []) BY_NAME.set(a, t);
}

export function isKnownTool(word: string): boolean {
  return BY_NAME.has(baseName(word));
}

function baseName(w: string): string {
  return w.replace(DIR_PREFIX, '').toLowerCase();
}

/** Drops env assignments and wrappers (`sudo -u x`, `FOO=bar`, `timeout 30`, `watch -n 5`). */
export function stripWrappers(words: string[]): string[] {
  let i = 0;
  for (;;) {
    const w = words[i];
    if (w === undefined) return [];
    if (ENV_ASSIGNMENT.test(w)) {
      i++;
      continue;
    }
    const opts = WRAPPERS[baseName(w)];
    if (!opts) break;
    const name = baseName(w);
    i++;
    while (i < words.length && words[i]!.startsWith('-')) {
      const o = words[i]!;
      i++;
      if (o === '--') break;
      if (opts.includes(o)) i++;
    }
    if (name === 'timeout' && i < words.length && STARTS_WITH_DIGIT.test(words[i]!)) i++;
    if (name === 'chroot' && i < words.length) i++;
  }
  const rest = words.slice(i);
  // `watch "kubectl get pods"`: a single quoted word holding the command.
  if (rest.length === 1 && HAS_SPACE.test(rest[0]!)) {
    const inner = parseShell(rest[0]!)[0]?.words.map((x) => x.text) ?? [];
    return inner.length > 1 ? stripWrappers(inner) : rest;
  }
  return rest;
}

interface Operands {
  positional: string[];
  flags: { name: string; value?: string }[];
}

function operands(table: ToolTable, words: string[]): Operands {
  const positional: string[] = [];
  const flags: Operands['flags'] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') break;
    if (w.startsWith('-') && w.length > 1) {
      const eq = w.indexOf('=');
      if (eq > 0) flags.push({ name: w.slice(0, eq), value: w.slice(eq + 1) });
      else if ((table.valueFlags.includes(w) || table.statement?.flags.includes(w)) && i + 1 < words.length) flags.push({ name: w, value: words[++i] });
      else flags.push({ name: w });
      continue;
    }
    positional.push(w);
  }
  return { positional, flags };
}

function matchRow(rows: SubcommandRow[], pos: string[]): SubcommandRow | undefined {
  let best: SubcommandRow | undefined;
  for (const r of rows) {
    if (r.sub.length > pos.length) continue;
    if (!r.sub.every((s, i) => s === '*' || s === pos[i]!.toLowerCase())) continue;
    const score = r.sub.filter((s) => s !== '*').length * 2 + r.sub.length;
    const bestScore = best ? best.sub.filter((s) => s !== '*').length * 2 + best.sub.length : -1;
    if (score > bestScore) best = r;
  }
  return best;
}

function matchVerb(verbs: VerbRow[], w: string): VerbRow | undefined {
  const l = w.toLowerCase();
  return verbs.find((v) => (v.verb.endsWith('-') ? l.startsWith(v.verb) : l === v.verb));
}

/**
 * SQL block comments (slash-star to star-slash) replaced by a space, in linear time: when one has
 * no end, no later one has either (a lazy regex would rescan the rest from every opener: quadratic).
 */
function dropBlockComments(s: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = s.indexOf('/*', from);
    if (open < 0) break;
    const close = s.indexOf('*/', open + 2);
    if (close < 0) break;
    out += s.slice(from, open) + ' ';
    from = close + 2;
  }
  return from === 0 ? s : out + s.slice(from);
}

export function sqlEffect(sql: string): Effect | undefined {
  const text = dropBlockComments(sql.replace(SQL_LINE_COMMENT, ' '));
  let effect: Effect | undefined;
  for (const stmt of text.split(';')) {
    const s = stmt.trim();
    if (!s) continue;
    if (s.startsWith('\\')) {
      effect ??= 'read';
      continue;
    }
    const kw = SQL_KEYWORD.exec(s)?.[0]?.toUpperCase();
    if (!kw) continue;
    if (SQL_WRITE.includes(kw)) return 'write';
    if (kw === 'WITH' && SQL_WRITE_WORD.test(s)) return 'write';
    if (SQL_READ.includes(kw)) effect = 'read';
  }
  return effect;
}

function statementEffect(table: ToolTable, ops: Operands, stdin: string | undefined): Effect | undefined {
  const st = table.statement;
  if (!st) return undefined;
  if (st.language === 'redis') {
    const cmd = ops.positional[0]?.toUpperCase();
    if (!cmd) return undefined;
    return REDIS_WRITE.includes(cmd) ? 'write' : 'read';
  }
  const texts = ops.flags.filter((f) => st.flags.includes(f.name) && f.value !== undefined).map((f) => f.value!);
  if (stdin) texts.push(stdin);
  if (!texts.length) return undefined;
  if (st.language === 'mongo') return texts.some((t) => MONGO_WRITE.test(t)) ? 'write' : 'read';
  const effects = texts.map(sqlEffect);
  return effects.includes('write') ? 'write' : effects.includes('read') ? 'read' : undefined;
}

function isRemote(table: ToolTable, w: string | undefined): boolean {
  return !!w && (table.remote ?? REMOTE_URL).test(w) && !w.startsWith('./') && !w.startsWith('/');
}

const SSH_VALUE_FLAGS = ['-i', '-p', '-l', '-o', '-F', '-J', '-L', '-R', '-D', '-b', '-c', '-E', '-e', '-I', '-m', '-O', '-Q', '-S', '-W', '-w', '-B', '-P'];

/**
 * The command a remote shell runs: `ssh [opts] host [--] cmd…` (one quoted word or several),
 * `knife ssh QUERY 'cmd'`, `su [-] [user] -c 'cmd'`. Undefined when it opens an interactive shell.
 */
function remoteCommand(first: string, args: string[]): string[] | undefined {
  let i = 0;
  const skipOptions = (valueFlags: string[]) => {
    while (i < args.length && args[i]!.startsWith('-') && args[i] !== '--') {
      if (valueFlags.includes(args[i]!)) i++;
      i++;
    }
  };
  if (first === 'ssh') {
    skipOptions(SSH_VALUE_FLAGS);
    i++; // the host
  } else if (first === 'knife') {
    if (args[0] !== 'ssh') return undefined;
    i = 1;
    skipOptions(['-x', '--ssh-user', '-a', '--attribute', '-i', '--ssh-identity-file', '-p', '--ssh-port', '-C', '--concurrency', '-G', '--ssh-gateway']);
    i++; // the search query
  } else if (first === 'su') {
    const c = args.indexOf('-c');
    return c >= 0 && args[c + 1] ? [args[c + 1]!] : undefined;
  } else return undefined;
  if (args[i] === '--') i++;
  const rest = args.slice(i);
  return rest.length ? rest : undefined;
}

/** Classifies one simple command. `undefined` when the tool is unknown or the subcommand is not in a table. */
export function classifyWords(input: string[], stdin?: string, depth = 0): Classification | undefined {
  const words = stripWrappers(input);
  if (!words.length || depth > 4) return undefined;
  const first = baseName(words[0]!);
  if ((first === 'bash' || first === 'sh' || first === 'zsh') && words[1] === '-c' && words[2]) {
    return worst(parseShell(words[2]).map((c) => classifyWords(c.words.map((w) => w.text), c.stdin, depth + 1)));
  }
  const remote = remoteCommand(first, words.slice(1));
  if (remote) {
    const inner = remote.length === 1 ? worst(parseShell(remote[0]!).map((c) => classifyWords(c.words.map((w) => w.text), c.stdin, depth + 1))) : classifyWords(remote, stdin, depth + 1);
    return inner ? { ...inner, label: `${words[0]!} … ${inner.label}` } : undefined;
  }
  const table = BY_NAME.get(first);
  if (!table) return unknownTool(words, stdin, depth);
  const args = words.slice(1);
  const ops = operands(table, args);
  const row = matchRow(table.rows, ops.positional);
  let effect: Effect | undefined;
  let bypass = table.bypass;
  let label = [words[0]!];
  if (row) {
    label = [words[0]!, ...ops.positional.slice(0, row.sub.length).filter((_, i) => row.sub[i] !== '*')];
    if (row.runsInner) {
      const dd = args.indexOf('--');
      const inner = dd >= 0 ? classifyWords(args.slice(dd + 1), stdin, depth + 1) : undefined;
      if (inner) return { ...inner, label: `${label.join(' ')} -- ${inner.label}` };
    }
    effect = row.effect;
    if (row.writesToLastOperand) effect = isRemote(table, ops.positional[ops.positional.length - 1]) && ops.positional.length > row.sub.length + 1 ? 'write' : 'read';
    if (row.writeIfOperand && ops.positional.slice(row.sub.length).some((p) => row.writeIfOperand!.test(p))) effect = 'write';
    bypass = row.bypass ?? bypass;
  } else if (table.verbs) {
    const candidates = table.verbAt === 'second' ? ops.positional.slice(1, 2) : table.verbAt === 'first' ? ops.positional.slice(0, 1) : ops.positional;
    for (let i = 0; i < candidates.length; i++) {
      const v = matchVerb(table.verbs, candidates[i]!);
      if (v) {
        effect = v.effect;
        bypass = v.bypass ?? bypass;
        label = [words[0]!, ...ops.positional.slice(0, (table.verbAt === 'second' ? 1 : 0) + i + 1)];
        break;
      }
    }
  }
  effect ??= statementEffect(table, ops, stdin) ?? table.fallback;
  if (effect === undefined) return undefined;
  // Flags that change the effect or cross the boundary.
  for (const fr of FLAGS) {
    if (fr.tools !== '*' && !fr.tools.includes(table.tool)) continue;
    if (fr.sub && fr.sub.join(' ') !== row?.sub.join(' ')) continue;
    const hit = ops.flags.find((f) => fr.flags.includes(f.name) || fr.flags.includes(`${f.name}=${f.value ?? ''}`));
    if (!hit) continue;
    if (fr.value && !fr.value.includes((hit.value ?? '').toUpperCase())) continue;
    if (fr.effect) effect = fr.effect;
    if (fr.bypass) bypass ??= fr.bypass;
  }
  if (table.tool === 'curl' || table.tool === 'wget') {
    // Combined short flags: `curl -sk`, `curl -sSLk`.
    if (table.tool === 'curl' && ops.flags.some((f) => CURL_INSECURE_SHORT.test(f.name) && !f.name.startsWith('--'))) {
      bypass ??= 'skipping TLS verification (`--insecure`) weakens the trust boundary';
    }
  }
  // Deleting files named relative to where the runbook's earlier steps work (`rm allocs.json merge`)
  // cleans up local scratch; a path from the root, `~`, a glob or a variable may be live state.
  if (table.tool === 'rm' && ops.positional.length && ops.positional.every((p) => LOCAL_RELATIVE.test(p))) effect = 'read';
  if (table.tool === 'kubectl' && row?.sub[0] === 'port-forward' && ops.positional.slice(1).some((p) => DATA_STORE_TARGET.test(p))) {
    bypass ??= 'port-forwarding to a database gives direct data-store access past the governed APIs';
  }
  if (effect === 'write') {
    const lower = args.map((a) => a.toLowerCase());
    if (row?.disables) {
      const target = POLICY_TARGETS.find((t) => ops.positional.slice(row.sub.length).some((p) => t.pattern.test(p.toLowerCase()))
        || ops.flags.some((f) => (f.name === '-n' || f.name === '--namespace') && f.value && t.pattern.test(f.value.toLowerCase())));
      if (target) bypass ??= `deleting or disabling ${target.what} removes policy enforcement`;
    }
    const exposed = EXPOSURE.find((e) => lower.some((a) => a.includes(e.token)));
    if (exposed) bypass ??= exposed.why;
  }
  return { tool: table.tool, label: label.join(' '), effect, bypass };
}

/**
 * A command whose tool the tables do not know: a wrapper that runs another command after `--`
 * (`gds aws profile -- terraform apply`, `aws-vault exec prod -- aws s3 cp …`) is classified by that
 * command; a flag that skips TLS verification crosses the boundary whatever the tool.
 */
function unknownTool(words: string[], stdin: string | undefined, depth: number): Classification | undefined {
  const dd = words.indexOf('--');
  const inner = dd > 0 && dd + 1 < words.length ? classifyWords(words.slice(dd + 1), stdin, depth + 1) : undefined;
  const insecure = words.slice(0, dd > 0 ? dd : words.length).find((w) => INSECURE_FLAGS.includes(w));
  const why = 'skipping TLS verification (`--insecure`) weakens the trust boundary';
  if (inner && (inner.bypass || !insecure)) return { ...inner, label: `${words[0]!} … -- ${inner.label}` };
  if (inner) return { ...inner, label: `${words[0]!} … ${insecure}`, bypass: why };
  if (insecure) return { tool: baseName(words[0]!), label: `${words[0]!} … ${insecure}`, effect: 'read', bypass: why };
  return undefined;
}

/** The most severe of several classifications (bypass > write > read). */
export function worst(cs: (Classification | undefined)[]): Classification | undefined {
  let best: Classification | undefined;
  const rank = (c: Classification) => (c.bypass ? 2 : 0) + (c.effect === 'write' ? 1 : 0);
  for (const c of cs) if (c && (!best || rank(c) > rank(best))) best = c;
  return best;
}
