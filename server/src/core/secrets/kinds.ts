// The credential kinds table. Each kind names the literal anchors (token prefixes, or keywords
// matched ignoring case) that must occur for it to be tried, and a sticky pattern matched AT the
// anchor (or a fixed number of characters before it). The named group `v` (or `w`, `x`, `u`)
// is the value; without one the whole match is. Formats are public facts (vendor docs and
// published token layouts); the patterns are our own. Every pattern is bounded (no unbounded
// repetition after a variable-length part) so matching stays linear; a test checks each one
// with `recheck`.
import { entropy, hasAlphabetRun, isIdentifierLike, isPlaceholder, isReference, isWordIdentifier, looksLikePassword, looksLikeToken } from './lookalike.js';

export type KindCategory =
  | 'cloud'
  | 'vcs-ci'
  | 'chat-webhook'
  | 'payment'
  | 'package-registry'
  | 'observability'
  | 'ai'
  | 'saas'
  | 'private-key'
  | 'auth'
  | 'generic';

export interface Candidate {
  start: number;
  end: number;
}

export interface MatchContext {
  text: string;
  /** Offset where the match starts. */
  start: number;
  match: RegExpExecArray;
}

export interface SecretKind {
  id: string;
  title: string;
  category: KindCategory;
  anchors: readonly string[];
  /** Anchors are keywords matched ignoring case (otherwise exact token prefixes). */
  ignoreCase?: boolean;
  /** How many characters before the anchor the pattern starts (tried in order; default [0]). */
  back?: readonly number[];
  /** Matched sticky at the start position. */
  pattern?: RegExp;
  /** A letter or digit right before the match start rules it out (default true). */
  boundary?: boolean;
  /** Lower priority: a specific kind overlapping it wins. */
  generic?: boolean;
  /** A kind recognised by its context (URL userinfo, headers, flags), not by a token format:
   *  a vendor format found on the same value wins. */
  contextual?: boolean;
  /** A vendor keyword kind: assignments whose key names this vendor are judged by it alone. */
  claimsKeys?: boolean;
  /** Minimum Shannon entropy (bits/char) of the value. */
  minEntropy?: number;
  /** For one-character anchors (required there): the characters the two characters after the
   *  anchor must be among, matched ignoring case — the prefilter indexes three characters. */
  next?: string;
  /** A cheap test at the start position before the pattern runs (false: no match here). */
  quick?(text: string, start: number): boolean;
  /** Extra check of a value; false drops it. */
  validate?(value: string, m: MatchContext): boolean;
  /** A custom scanner run at each anchor hit instead of `pattern`. */
  scan?(text: string, at: number): Candidate[];
}

const SEP = String.raw`["'\]]?(?:[ \t]{0,4}(?:=>|:{0,3}=|\?=|:)[ \t]{0,4}|[ \t]{1,4})["'\x60]?`;
const KEY_TAIL = String.raw`[\w.-]{0,40}`;

/** `<vendor keyword>…<sep><value>`: a vendor's key name followed by a value of its format. */
function assigned(keywords: string, value: string): RegExp {
  return new RegExp(String.raw`(?:${keywords})${KEY_TAIL}${SEP}(?<v>${value})(?![\w+/=-])`, 'iy');
}

/** A token prefix followed by its body, ending at a non-token character. */
function prefixed(prefix: string, body: string, end = String.raw`(?![\w-])`): RegExp {
  return new RegExp(String.raw`(?<v>${prefix}${body})${end}`, 'y');
}

const UUIDV = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

function b64urlDecode(s: string): string {
  try {
    const b = s.replace(/-/g, '+').replace(/_/g, '/');
    return atob(b + '='.repeat((4 - (b.length % 4)) % 4));
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------------------------
// Generic assignments: `password = …`, `api_key: …`, `client_secret=…`, `--token …`.

const GENERIC_KEY = String.raw`(?<k>(?:password|passwd|passphrase|pwd|pass|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|auth[_-]?key|credentials?|session[_-]?(?:id|key|token)|sessionid)[\w.-]{0,40})`;
const GENERIC = new RegExp(
  GENERIC_KEY +
    // `=` may be aligned far to the right (`terraform fmt`, `.ini` files): up to 24 blanks before it.
    String.raw`["'\]]?(?:[ \t]{0,24}(?<sep>===?|!==?|=>|:{0,3}=|\?=|:)[ \t]{0,4}|[ \t]{0,4}(?<sp>[ \t]))` +
    String.raw`(?:"(?<v>[^"\r\n]{1,300})"|'(?<w>[^'\r\n]{1,300})'|\x60(?<x>[^\x60\r\n]{1,300})\x60|(?<u>[^\s"'\x60,;<>]{1,300}))`,
  'iy',
);

// Key names that hold something other than a credential: ids, names, URLs, sizes, flags…
const NOT_CREDENTIAL_KEY = /public|csrf|xsrf|authenticity|(?<!secret[_-]?)ids?$|names?$|_?ur[li]s?$|endpoint|path$|file$|dir$|length$|size$|type$|count$|format$|prefix$|suffix$|header$|method$|expir|ttl$|timeout$|lifetime|version$|policy$|ref$|arn$|hint$|label$|field$|env$|var$|variable$|template$|manager$|provider$|store$|mount$|engine$|regex$|pattern$|hash$|digest$|enabled?$|required$|min$|max$|rotation|reset|forgot|change|policy|strength|mode$|usage$|scope|issuer|audience|endpoint|location$|source$|ttl|_at$|validator|placeholder|example|sample|dummy|fake|test_?case|\.(?:get|set)|prompt$|message$|msg$|desc(?:ription)?$|help$|title$|comment$|command$|cmd$|eval$|script$/i;

let vendorIndex: { prefixes: RegExp; vendorKeys: RegExp } | undefined;

/** Token prefixes of the specific kinds, and the key keywords vendor kinds claim. */
function vendors(): { prefixes: RegExp; vendorKeys: RegExp } {
  if (vendorIndex) return vendorIndex;
  const esc = (a: string) => a.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const prefixes = KINDS.filter((k) => !k.ignoreCase && !k.generic && k.pattern).flatMap((k) => k.anchors.filter((a) => /^[A-Za-z]/.test(a) && a !== 'eyJ' && (a.length >= 4 || /[_.-]$/.test(a))));
  const vendorKeys = KINDS.filter((k) => k.claimsKeys).flatMap((k) => k.anchors);
  vendorIndex = {
    prefixes: new RegExp(`^(?:${prefixes.map(esc).join('|')})`),
    vendorKeys: new RegExp(vendorKeys.map(esc).join('|'), 'i'),
  };
  return vendorIndex;
}

const NOT_SECRET_CONTEXT = /public|authenticity|csrf|xsrf|signature|checksum|integrity|hash|digest|sha\d*|md5|nonce|salt|fingerprint|commit|revision|\bref\b|image|widget|class=|style=|\bid\b["']?\s*[:=]/i;

const UUID_VALUE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function genericValidate(value: string, m: MatchContext): boolean {
  const g = m.match.groups ?? {};
  // The whole key name, including what stands before the keyword (`my_db_password`).
  let ks = m.start;
  while (ks > 0 && ks > m.start - 60 && /[\w.-]/.test(m.text[ks - 1]!)) ks--;
  const key = (m.text.slice(ks, m.start) + (g['k'] ?? '')).toLowerCase();
  if (NOT_CREDENTIAL_KEY.test(key) || /secrets$/.test(key)) return false;
  // A vendor's key name or token prefix: that vendor's kind alone judges the value.
  const v = vendors();
  if (v.vendorKeys.test(key) || v.prefixes.test(value)) return false;
  const quoted = g['u'] === undefined;
  // `password foo` (no `=`/`:`) only counts for quoted values or CLI flags (`--password foo`),
  // and only after a credential noun: not the verb ("Pass `--locale` to…", "encompass `Headers`")
  // nor a longer word (`secretlint "src/**"`).
  const flag = /-$/.test(m.text.slice(Math.max(0, ks - 2), ks));
  if (g['sp'] !== undefined && !flag && (!quoted || !endsWithCredentialNoun(key))) return false;
  // `token: #anchor`: a Markdown link anchor or a YAML comment, not a value.
  if (!quoted && value.startsWith('#')) return false;
  if (isPlaceholder(value) || isReference(value)) return false;
  if (UUID_VALUE.test(value) || /^(?:sha(?:1|256|384|512)|md5)[:-]|^data:[\w/+.-]+;base64,/i.test(value)) return false;
  if (/^[a-z]+(?:[A-Z][a-z]+)+$/.test(value)) return false; // camelCaseIdentifier
  if (hasAlphabetRun(value) || /\d+\.\d+\.\d+/.test(value)) return false; // samples, versions
  const passwordKey = /pass|pwd/.test(key) && !/token|secret|key/.test(key.replace(/pass(?:word)?_?key/, ''));
  // A quoted literal assigned (`=`, `:`, `=>`) to a password or secret key was typed by a person:
  // it is a credential even when short or plain (`password = "rootpasswd"`, `secret = "hunter2"`).
  const literal = quoted && /^(?::{0,3}=|=>|:)$/.test(g['sep'] ?? '');
  if (passwordKey) return looksLikePassword(value) || (literal && isLiteralPassword(value, true));
  if (literal && /secret/.test(key) && isLiteralPassword(value, false)) return true;
  // Not a password key: a lower-case name of words (`iam_access_key_v2`, a Terraform resource label) names something.
  if (isWordIdentifier(value)) return false;
  return looksLikeToken(value, 10) || (value.length >= 10 && looksLikePassword(value) && /[A-Za-z]/.test(value) && /[^A-Za-z]/.test(value));
}

const CREDENTIAL_NOUNS = ['password', 'passwd', 'passphrase', 'pwd', 'secret', 'token', 'key', 'credential', 'id'];

/** The key's last word is a credential noun (`db_password`, `apiKey`, `secrete`), not the verb
 *  `pass`/`bypass` nor a longer word that starts with one (`secretlint`, `tokenizer`). */
function endsWithCredentialNoun(key: string): boolean {
  let e = key.length;
  while (e > 0 && key.charCodeAt(e - 1) >= 97 && key.charCodeAt(e - 1) <= 122) e--;
  const word = key.slice(e);
  if (word.endsWith('pass')) return false;
  const last = Math.max(...CREDENTIAL_NOUNS.map((n) => (word.lastIndexOf(n) < 0 ? -1 : word.lastIndexOf(n) + n.length)));
  return last >= 0 && word.length - last < 2;
}

// Words that describe a value instead of being one (`"string"` in API docs, `"random"`, `"see vault"`).
const DESCRIBES_VALUE = /^(?:str(?:ing)?|text|int(?:eger)?|number|bool(?:ean)?|object|array|any|optional|required|disabled|enabled|random|generated|auto|unset|unknown|hidden|secure|sensitive|encrypted|masked|default|inherit(?:ed)?)$|fake|dummy|example|sample|placeholder|redacted|notreal|lorem|ipsum|foobar/i;
// Pointers to where the value lives, sentence words, and the credential named in the phrase:
// a phrase about the password (`'Password used to generate key'`), not one.
const POINTER_WORDS = /(?<![a-z])(?:see|use|used|ask|from|stored?|in|at|on|to|for|vault|1password|lastpass|keychain|manager|the|your|same|as|set|provided|via|env|environment|file|generated|random|rotated?|secret|password|passphrase|passwd|key|token|credentials?)(?![a-z])/i;

/** A short or plain literal that still reads as a chosen password, not a name, a type or a phrase. */
function isLiteralPassword(value: string, allowPhrase: boolean): boolean {
  const v = value.trim();
  if (v.length < 4 || v.length > 128) return false;
  if (isPlaceholder(v) || isReference(v) || isIdentifierLike(v) || DESCRIBES_VALUE.test(v)) return false;
  if ((v.match(/[A-Za-z0-9]/g) ?? []).length < 4) return false;
  // Lower-case resource names (`db-creds`, `app_secret`, `vault.db`) name a Secret or an entry.
  if (/^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)+$/.test(v)) return false;
  if (/\s/.test(v)) return allowPhrase && v.length <= 64 && v.split(/\s+/).length <= 8 && !POINTER_WORDS.test(v);
  // Under a `secret` key, letters alone are more often a name or a stand-in (`existingSecret:
  // "postgres"`, `'X-Token-Secret': 'SuperSecretToken'`): it takes a digit or a symbol.
  return allowPhrase || /[^A-Za-z]/.test(v);
}

// ---------------------------------------------------------------------------------------------
// Private key blocks (PEM, OpenSSH, PGP, PuTTY). The value is the body.

// The header is matched by a regex; the body (to the END line, or, when truncated or embedded in
// JSON, to the first character an armored body does not contain) by a plain scan.
const PEM_HEAD = /-----BEGIN[ ](?:[A-Z0-9]{1,12}[ ]){0,3}PRIVATE[ ]KEY(?:[ ]BLOCK)?-----/y;
const PEM_BODY_MAX = 16000;

function isPemBodyChar(c: number): boolean {
  // A-Z a-z 0-9 + / = whitespace \ : , . -
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61 || c === 32 || c === 9 || c === 10 || c === 13 || c === 92 || c === 58 || c === 44 || c === 46 || c === 45;
}

function pemScan(text: string, at: number): Candidate[] {
  PEM_HEAD.lastIndex = at;
  const head = PEM_HEAD.exec(text);
  if (!head) return [];
  const bodyStart = at + head[0].length;
  const limit = Math.min(text.length, bodyStart + PEM_BODY_MAX);
  const endLine = text.indexOf('-----END', bodyStart);
  const stop = endLine >= 0 && endLine < limit ? endLine : limit;
  let j = bodyStart;
  while (j < stop && isPemBodyChar(text.charCodeAt(j))) j++;
  let body = text.slice(bodyStart, j);
  // Unterminated (truncated, or cut by a quote): the body ends at its first blank line, so the
  // paragraph after a pasted fragment is not reported with it.
  if (!(endLine >= 0 && j === endLine)) {
    body = body.slice(0, unterminatedBodyEnd(body));
    j = bodyStart + body.length;
  }
  // Not a whole base64 key, yet a body under a header on its own line is what was pasted
  // (truncated, mangled, or a stand-in nobody marked as one); a header named in a sentence is not.
  if (!pemValidate(body) && !(/^[ \t]*(?:\r?\n|\\n)/.test(body) && pemWeakBodyValidate(body))) return [];
  const lead = /^(?:\s|\\[nr])*/.exec(body)![0].length;
  const trail = /(?:\s|\\[nr])*$/.exec(body.slice(lead))![0].length;
  return [{ start: bodyStart + lead, end: j - trail }];
}

/** Length of an unterminated body up to its first blank line after content (armor headers such
 *  as `Version:` and the blank line under them come before the content). */
function unterminatedBodyEnd(body: string): number {
  const br = /\r?\n|\\n/g;
  let lineStart = 0;
  let started = false;
  for (;;) {
    const m = br.exec(body);
    const line = body.slice(lineStart, m ? m.index : body.length);
    if (/^[ \t]*$/.test(line)) {
      if (started) return lineStart;
    } else if (started || !/^[A-Za-z-]{2,40}:/.test(line)) started = true;
    if (!m) return body.length;
    lineStart = m.index + m[0].length;
  }
}

function pemValidate(body: string): boolean {
  const b64 = body
    .replace(/\\[nr]/g, '\n')
    .replace(/^[A-Za-z-]{2,40}:[^\n]*$/gm, '') // Proc-Type:, DEK-Info:, Comment:, Version:
    .replace(/[^A-Za-z0-9+/=]/g, '');
  if (b64.length < 50) return false;
  if (isPlaceholder(b64.slice(0, 64))) return false;
  return entropy(b64) >= 4.0;
}

// What stands in for a key body in docs (`...`, `<key>` stops the body scan before it gets here).
const PEM_STAND_IN = /\.{3}|…|x{3}|\*{3}|redact|omit|truncat|snip|elide|removed|placeholder|example|dummy|fake|sample|your|paste|insert|replace|content|goes|base64|material/i;
// Sentence words: a header mentioned in prose, with the sentence running on under it.
const PEM_PROSE = /(?<![A-Za-z])(?:the|and|or|of|to|is|are|was|be|must|should|with|then|this|that|it|in|on|for|from|as|if|a|an|line|file)(?![A-Za-z])/i;

/** A short or non-base64 body that still reads as pasted key material, not a stand-in or prose. */
function pemWeakBodyValidate(body: string): boolean {
  const flat = body.replace(/\\[nr]/g, '\n').trim();
  const solid = flat.replace(/\s/g, '');
  // One short word (`anything`, `KEY`) stands in for a key; a truncated real body is longer.
  if (solid.length < 10 || (solid.match(/[A-Za-z0-9]/g) ?? []).length < 8 || /^(?:[a-z]+|[A-Z]+)$/.test(flat)) return false;
  if (PEM_STAND_IN.test(flat) || hasAlphabetRun(solid) || isPlaceholder(solid)) return false;
  if (/[^\S\n]/.test(flat.replace(/^[A-Za-z-]{2,40}:[^\n]*$/gm, '')) && PEM_PROSE.test(flat)) return false;
  // Base64 of readable text (`YWJj…` = "abc…") is an encoded sample, not key bytes.
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(solid)) {
    const decoded = safeAtob(solid);
    if (/^[\x20-\x7e]{4,}$/.test(decoded) && (hasAlphabetRun(decoded) || isPlaceholder(decoded) || PEM_STAND_IN.test(decoded))) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Kubernetes `kind: Secret` manifests: every value under `data:` / `stringData:`.

function k8sSecretScan(text: string, at: number): Candidate[] {
  // Only a `kind: Secret` line (not SecretStore, ExternalSecret, SopsSecret).
  const lineEnd = text.indexOf('\n', at);
  const line = text.slice(at, lineEnd < 0 ? text.length : lineEnd);
  if (!/^kind:[ \t]*["']?secret["']?[ \t]*\r?$/i.test(line)) return [];
  // The YAML document around it: from the previous `---`/fence/blank-run to the next one.
  const from = Math.max(0, at - 8000);
  const before = text.slice(from, at);
  const startRel = Math.max(before.lastIndexOf('\n---'), before.lastIndexOf('```'), before.lastIndexOf('~~~'), before.lastIndexOf('\n\n\n'));
  const docStart = startRel < 0 ? from : from + startRel + 1;
  const after = text.slice(at, Math.min(text.length, at + 8000));
  const ends = [after.indexOf('\n---'), after.indexOf('```'), after.indexOf('~~~'), after.indexOf('\n\n\n')].filter((x) => x >= 0);
  const docEnd = at + (ends.length ? Math.min(...ends) : after.length);
  const doc = text.slice(docStart, docEnd);
  const out: Candidate[] = [];
  const dataRe = /^([ \t]*)(?:data|stringData):[ \t]*\r?$/gm;
  let d: RegExpExecArray | null;
  while ((d = dataRe.exec(doc))) {
    const indent = d[1]!.replace(/\t/g, '  ').length;
    const entryRe = /\r?\n([ \t]*)(?:([\w.-]{1,253})[ \t]*:[ \t]*(?:([|>][-+]?[ \t]*\r?\n[ \t]*)?)(["']?)([^\s"'#][^\s"']{0,20000})\4|#[^\n]*|)(?=\r?\n|$)/y;
    entryRe.lastIndex = d.index + d[0].length;
    let e: RegExpExecArray | null;
    while ((e = entryRe.exec(doc))) {
      const ind = e[1]!.replace(/\t/g, '  ').length;
      if (e[2] === undefined) {
        if (e[0].trim() === '' || e[0].trim().startsWith('#')) continue;
        break;
      }
      if (ind <= indent) break;
      const v = e[5]!;
      const isStringData = /stringData/.test(d[0]);
      if (isPlaceholder(v) || isReference(v)) continue;
      if (!isStringData) {
        if (!/^[A-Za-z0-9+/]{4,}={0,2}$/.test(v)) continue;
        const decoded = safeAtob(v).trim();
        if (decoded.length < 4 || (decoded.length < 40 && isPlaceholder(decoded))) continue;
      } else if (v.length < 4) continue;
      const vs = docStart + e.index + e[0].length - e[4]!.length - v.length;
      out.push({ start: vs, end: vs + v.length });
    }
  }
  return out;
}

function safeAtob(s: string): string {
  try {
    return atob(s);
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------------------------

function jwtValidate(v: string): boolean {
  const [h, p] = v.split('.');
  const header = b64urlDecode(h!);
  if (!/"(?:alg|typ|kid|x5t)"/.test(header) || !/^\s*\{[\s\S]*\}\s*$/.test(header)) return false;
  return b64urlDecode(p!).startsWith('{');
}

function urlPasswordValidate(pw: string, m: MatchContext): boolean {
  const user = m.match.groups?.['user'] ?? '';
  if (isPlaceholder(pw) || isReference(pw) || isPlaceholder(user + ':' + pw)) return false;
  if (pw === user || pw.length < 4 || new Set(pw).size < 3) return false;
  if (/^[{[<(]/.test(pw)) return false;
  return true;
}

function basicAuthValidate(v: string): boolean {
  const d = safeAtob(v);
  if (!/^[^:\n]{1,200}:[^\n]{0,200}$/.test(d)) return false;
  const [u, ...rest] = d.split(':');
  const p = rest.join(':');
  return !isPlaceholder(p || u!) && !isReference(p || u!);
}

function authHeaderValidate(v: string, m: MatchContext): boolean {
  const scheme = (m.match.groups?.['scheme'] ?? '').toLowerCase();
  if (isPlaceholder(v) || isReference(v)) return false;
  if (scheme === 'basic') return basicAuthValidate(v);
  if (v.length < 8) return false;
  return entropy(v) >= 2.8 && /\d/.test(v) && /[A-Za-z]/.test(v);
}

function curlUserValidate(v: string, m: MatchContext): boolean {
  // Only inside a curl/wget command: look back along the (possibly continued) line.
  const lines = m.text.slice(Math.max(0, m.start - 400), m.start).split(/\r?\n/);
  let cmd = lines.pop() ?? '';
  while (lines.length && /\\[ \t]*$/.test(lines[lines.length - 1]!)) cmd = lines.pop() + '\n' + cmd;
  if (!/\b(?:curl|wget|http)\b/i.test(cmd)) return false;
  const raw0 = (m.match.groups?.['cred'] ?? '').replace(/["']/g, '');
  const i = raw0.indexOf(':');
  if (i < 0) return false;
  const user = filledIn(raw0.slice(0, i));
  const pw = filledIn(raw0.slice(i + 1));
  const raw = user + ':' + pw;
  const secret = pw || user;
  if (!secret || isPlaceholder(secret) || isReference(secret) || isPlaceholder(raw)) return false;
  if (pw && pw === user) return false;
  if (secret.length < 6) return false;
  return v.length > 0 && entropy(secret) >= 2.5;
}

/**
 * `{ZqL5kVrX1n8tA2}`: a value typed into a docs-style `{apikey}` slot, braces kept. What is inside
 * is judged when it reads as generated (upper and lower case with digits among the letters), not
 * when it is a name (`{password}`, `{API_KEY}`, `{token2}`).
 */
function filledIn(s: string): string {
  if (s.length < 10 || s[0] !== '{' || s[s.length - 1] !== '}') return s;
  const inner = s.slice(1, -1);
  if (!/^[A-Za-z0-9]{8,200}$/.test(inner) || !/[a-z]/.test(inner) || !/[A-Z]/.test(inner)) return s;
  return /[A-Za-z]\d+[A-Za-z]/.test(inner) && (inner.match(/\d/g) ?? []).length >= 2 && entropy(inner) >= 3 ? inner : s;
}

const SECP256K1_ORDER = BigInt('0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141');
// What else a 0x-prefixed 32-byte value is: transaction, block and event hashes, storage slots,
// state and output roots, verification keys (public) and their commitments.
const HEX_HASH_CONTEXT = /\b(?:tx|txn|txid|transactions?|blocks?|slots?|topics?|root|keccak|pcrs?|events?|selector|storage|receipt|merkle|state|vkeys?|verification|verifying|commitments?|hash(?:es)?)\b/i;
/** Word boundaries inside identifiers: `bridgeTxn` -> `bridge Txn`, `aggchain_vkey` -> `aggchain vkey`. */
const CAMEL_HUMP = /([a-z0-9])([A-Z])/g;
const IDENT_JOINER = /[_-]/g;

/** `0x` + 64 hex: a raw secp256k1 key (the form wallets export) unless the line says it is a hash. */
function hexKeyValidate(v: string, m: MatchContext): boolean {
  const hex = v.slice(2);
  // Key exports are lower or mixed case; all-capital runs are dumps (`tpm2_pcrread` PCR values).
  if (!/[a-f]/.test(hex) || isPlaceholder(hex) || entropy(hex) < 3) return false;
  const k = BigInt(v);
  if (k === 0n || k >= SECP256K1_ORDER) return false;
  const lineStart = m.text.lastIndexOf('\n', m.start) + 1;
  let lineEnd = m.text.indexOf('\n', m.start + v.length);
  if (lineEnd < 0) lineEnd = m.text.length;
  const around = m.text.slice(Math.max(lineStart, m.start - 200), m.start) + ' ' + m.text.slice(m.start + v.length, Math.min(lineEnd, m.start + v.length + 80));
  return !NOT_SECRET_CONTEXT.test(around) && !HEX_HASH_CONTEXT.test(around.replace(CAMEL_HUMP, '$1 $2').replace(IDENT_JOINER, ' '));
}

function tokenLike(min = 12) {
  return (v: string) => !isPlaceholder(v) && looksLikeToken(v, min);
}

function notPlaceholder(v: string): boolean {
  return !isPlaceholder(v);
}

// ---------------------------------------------------------------------------------------------
// The table.

/** The helper regexes of this module (the ReDoS test checks each, besides the kinds' patterns). */
export const HELPER_PATTERNS: readonly RegExp[] = [NOT_CREDENTIAL_KEY, NOT_SECRET_CONTEXT, UUID_VALUE, PEM_HEAD, DESCRIBES_VALUE, POINTER_WORDS, PEM_STAND_IN, PEM_PROSE, HEX_HASH_CONTEXT, CAMEL_HUMP, IDENT_JOINER];

export const KINDS: readonly SecretKind[] = [
  // --- private keys -------------------------------------------------------------------------
  {
    id: 'private-key',
    title: 'private key block',
    category: 'private-key',
    anchors: ['-----BEGIN '],
    scan: pemScan,
  },
  {
    id: 'putty-private-key',
    title: 'PuTTY private key',
    category: 'private-key',
    anchors: ['Private-Lines:'],
    pattern: /Private-Lines:[ \t]*\d{1,3}\r?\n(?<v>[A-Za-z0-9+/=\r\n]{40,16000})/y,
    validate: (v) => entropy(v) >= 4,
  },
  {
    id: 'secp256k1-private-key',
    title: 'raw secp256k1 (Ethereum) private key',
    category: 'private-key',
    anchors: ['0x'],
    pattern: /(?<v>0x[0-9a-fA-F]{64})(?![\w-])/y,
    validate: hexKeyValidate,
  },
  // --- cloud providers ------------------------------------------------------------------------
  {
    id: 'aws-access-key-id',
    title: 'AWS access key id',
    category: 'cloud',
    anchors: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'],
    pattern: /(?<v>(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})(?![A-Za-z0-9])/y,
    validate: notPlaceholder,
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    category: 'cloud',
    anchors: ['aws_secret', 'aws-secret', 'awssecret', 'secret_access_key', 'secretaccesskey', 'aws_session_token'],
    ignoreCase: true,
    pattern: assigned('aws_secret|aws-secret|awssecret|secret_access_key|secretaccesskey|aws_session_token', String.raw`[A-Za-z0-9/+]{40}`),
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 3.5,
  },
  {
    id: 'aws-bedrock-api-key',
    title: 'Amazon Bedrock API key',
    category: 'cloud',
    anchors: ['ABSK'],
    pattern: prefixed('ABSK', '[A-Za-z0-9+/]{100,300}={0,2}', '(?![A-Za-z0-9+/=])'),
    validate: notPlaceholder,
  },
  {
    id: 'gcp-api-key',
    title: 'Google Cloud API key',
    category: 'cloud',
    anchors: ['AIza'],
    pattern: prefixed('AIza', '[0-9A-Za-z_-]{35}'),
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 4.0 && !hasAlphabetRun(v),
  },
  {
    id: 'gcp-oauth-client-secret',
    title: 'Google OAuth client secret',
    category: 'cloud',
    anchors: ['GOCSPX-'],
    pattern: prefixed('GOCSPX-', '[A-Za-z0-9_-]{28}'),
    validate: notPlaceholder,
  },
  {
    id: 'azure-ad-client-secret',
    title: 'Azure AD client secret',
    category: 'cloud',
    anchors: ['Q~'],
    back: [4],
    pattern: /(?<v>[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])/y,
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 3.5,
  },
  {
    id: 'azure-storage-key',
    title: 'Azure storage account key',
    category: 'cloud',
    anchors: ['AccountKey=', 'SharedAccessKey='],
    ignoreCase: true,
    pattern: /(?:AccountKey|SharedAccessKey)=(?<v>[A-Za-z0-9+/]{40,100}={0,2})/iy,
    validate: notPlaceholder,
  },
  {
    id: 'azure-client-secret',
    title: 'Azure client secret',
    category: 'cloud',
    anchors: ['azureclientsecret', 'azure_client_secret', 'azure-client-secret'],
    ignoreCase: true,
    pattern: assigned('azureclientsecret|azure_client_secret|azure-client-secret', String.raw`[A-Za-z0-9_~.-]{32,44}`),
    validate: tokenLike(32),
  },
  {
    id: 'ibm-cloud-api-key',
    title: 'IBM Cloud / SoftLayer API key',
    category: 'cloud',
    anchors: ['softlayer', 'sl_key', 'sl-key', 'sl_api', 'sl-api', 'slapi', 'iam_key', 'iam-key', 'iam_api', 'iam-api', 'cloudant', 'clou_', 'ibm_', 'ibm-'],
    ignoreCase: true,
    claimsKeys: true,
    pattern: assigned('softlayer|sl_key|sl-key|sl_api|sl-api|slapi|iam_key|iam-key|iam_api|iam-api|cloudant|clou_|ibm_|ibm-', String.raw`[A-Za-z0-9_-]{24,64}`),
    validate: (v) => !isPlaceholder(v) && (v.length === 24 || v.length === 44 || v.length === 64) && entropy(v) >= 3,
  },
  {
    id: 'ibm-softlayer-url',
    title: 'SoftLayer API URL with key',
    category: 'cloud',
    anchors: ['api.softlayer.com/'],
    ignoreCase: true,
    pattern: /api\.softlayer\.com\/(?:soap|xmlrpc|rest)\/v3(?:\.1)?\/(?<v>[a-z0-9]{64})/iy,
  },
  {
    id: 'alibaba-access-key-id',
    title: 'Alibaba Cloud access key id',
    category: 'cloud',
    anchors: ['LTAI'],
    pattern: prefixed('LTAI', '[A-Za-z0-9]{12,20}', '(?![A-Za-z0-9])'),
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 3.5,
  },
  {
    id: 'digitalocean-token',
    title: 'DigitalOcean token',
    category: 'cloud',
    anchors: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    pattern: prefixed('do[opr]_v1_', '[a-f0-9]{64}'),
    validate: notPlaceholder,
  },
  {
    id: 'heroku-api-key',
    title: 'Heroku API key',
    category: 'cloud',
    anchors: ['HRKU-', 'heroku'],
    ignoreCase: true,
    claimsKeys: true,
    pattern: new RegExp(String.raw`(?:(?<v2>HRKU-[A-Za-z0-9_-]{58,62})|heroku${KEY_TAIL}${SEP}(?<v>${UUIDV}))(?![\w-])`, 'iy'),
    validate: notPlaceholder,
  },
  {
    id: 'flyio-token',
    title: 'Fly.io access token',
    category: 'cloud',
    anchors: ['fo1_', 'FlyV1 fm'],
    pattern: /(?<v>fo1_[\w-]{43}|FlyV1 fm[12][ar]?_[A-Za-z0-9+/]{100,1000}={0,3}(?:,fm[12][ar]?_[A-Za-z0-9+/]{100,1000}={0,3}){0,3})(?![\w-])/y,
    validate: notPlaceholder,
  },
  {
    id: 'vercel-token',
    title: 'Vercel token',
    category: 'cloud',
    anchors: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'],
    pattern: prefixed('vc[pcikar]_', '[A-Za-z0-9]{24,64}'),
    validate: notPlaceholder,
  },
  {
    id: 'scalingo-token',
    title: 'Scalingo API token',
    category: 'cloud',
    anchors: ['tk-us-'],
    pattern: prefixed('tk-us-', '[\\w-]{48}'),
    validate: notPlaceholder,
  },
  {
    id: 'hashicorp-vault-token',
    title: 'HashiCorp Vault token',
    category: 'cloud',
    anchors: ['hvs.', 'hvb.', 'hvr.', 's.'],
    pattern: /(?<v>hv[sbr]\.[\w-]{24,400}|s\.[A-Za-z0-9]{24})(?![\w.-])/y,
    validate: (v) => !isPlaceholder(v) && /[a-z]/.test(v.slice(2)) && /[A-Z]/.test(v.slice(2)) && /\d/.test(v) && entropy(v) >= 3.5,
  },
  {
    id: 'terraform-cloud-token',
    title: 'Terraform Cloud API token',
    category: 'cloud',
    anchors: ['.atlasv1.'],
    back: [14],
    pattern: /(?<v>[A-Za-z0-9]{14}\.atlasv1\.[\w=-]{60,70})(?![\w=-])/y,
    validate: notPlaceholder,
  },
  {
    id: 'pulumi-token',
    title: 'Pulumi access token',
    category: 'cloud',
    anchors: ['pul-'],
    pattern: prefixed('pul-', '[a-f0-9]{40}'),
    validate: notPlaceholder,
  },
  {
    id: 'doppler-token',
    title: 'Doppler token',
    category: 'cloud',
    anchors: ['dp.pt.', 'dp.st.', 'dp.ct.', 'dp.sa.', 'dp.scim.', 'dp.audit.'],
    pattern: prefixed('dp\\.(?:pt|st|ct|sa|scim|audit)\\.', '[A-Za-z0-9]{40,44}'),
    validate: notPlaceholder,
  },
  {
    id: 'cloudflare-token',
    title: 'Cloudflare API token or key',
    category: 'cloud',
    anchors: ['cloudflare', 'cfat_', 'cfut_', 'v1.0-'],
    ignoreCase: true,
    claimsKeys: true,
    pattern: new RegExp(
      String.raw`(?:(?<v2>cf[au]t_[A-Za-z0-9]{40}[a-f0-9]{8})|(?<v3>v1\.0-[a-f0-9]{24}-[a-f0-9]{146})|cloudflare${KEY_TAIL}${SEP}(?<v>[A-Za-z0-9_-]{40}|[a-f0-9]{37}))(?![\w-])`,
      'iy',
    ),
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 3,
  },
  // --- VCS / CI -------------------------------------------------------------------------------
  {
    id: 'github-token',
    title: 'GitHub token',
    category: 'vcs-ci',
    anchors: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    pattern: /(?<v>gh[pousr]_[A-Za-z0-9]{36,255}|ghs_\d{1,12}_eyJ[\w-]{10,2000}\.[\w-]{10,4000}\.[\w-]{10,2000})(?![\w-])/y,
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 3,
  },
  {
    id: 'github-fine-grained-pat',
    title: 'GitHub fine-grained personal access token',
    category: 'vcs-ci',
    anchors: ['github_pat_'],
    pattern: prefixed('github_pat_', '[A-Za-z0-9_]{82}'),
    validate: notPlaceholder,
  },
  {
    id: 'gitlab-token',
    title: 'GitLab token',
    category: 'vcs-ci',
    anchors: ['glpat-', 'gldt-', 'glsoat-', 'glcbt-', 'glimt-', 'glptt-', 'glagent-', 'gloas-', 'glrt-', 'glft-', 'glffct-', 'glwt-', 'GR1348941'],
    pattern:
      /(?<v>glpat-[\w-]{20}(?:\.[\w-]{2}\.[\w]{9})?|gldt-[\w-]{20}|glsoat-[\w-]{20,50}|glcbt-(?:[0-9a-fA-F]{1,5}_)?[\w-]{20}|glimt-[\w-]{25}|glptt-[0-9a-f]{40}|glptt-[\w-]{40}|glagent-[\w-]{50,1024}|gloas-[\w-]{64}|glrt-[\w-]{20,40}(?:\.[\w-]{2}\.[\w]{9})?|glft-[\w-]{20}|glffct-[\w-]{20}|glwt-[\w-]{20}|GR1348941[\w-]{20,50})(?![\w-])/y,
    validate: (v) => !isPlaceholder(v) && new Set(v.slice(v.search(/[-_]|(?<=GR1348941)/) + 1)).size >= 5,
  },
  {
    id: 'bitbucket-token',
    title: 'Bitbucket / Atlassian API token',
    category: 'vcs-ci',
    anchors: ['ATBB', 'ATATT3', 'ATCTT3'],
    pattern: /(?<v>ATBB[A-Za-z0-9_=.-]{32,100}|AT[AC]TT3[A-Za-z0-9_=-]{150,300})(?![\w=-])/y,
    validate: notPlaceholder,
  },
  {
    id: 'atlassian-api-token',
    title: 'Atlassian (Jira/Confluence) API token',
    category: 'vcs-ci',
    anchors: ['jira', 'confluence', 'atlassian'],
    ignoreCase: true,
    claimsKeys: true,
    pattern: assigned('jira|confluence|atlassian', '[A-Za-z0-9]{24}'),
    validate: tokenLike(24),
  },
  {
    id: 'sourcegraph-token',
    title: 'Sourcegraph access token',
    category: 'vcs-ci',
    anchors: ['sgp_', 'sourcegraph'],
    ignoreCase: true,
    claimsKeys: true,
    pattern: new RegExp(String.raw`(?:(?<v2>sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40})|sourcegraph${KEY_TAIL}${SEP}(?<v>[a-fA-F0-9]{40}))(?![\w-])`, 'iy'),
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 3.2,
  },
  {
    id: 'sonar-token',
    title: 'SonarQube/SonarCloud token',
    category: 'vcs-ci',
    anchors: ['squ_', 'sqp_', 'sqa_', 'sonar'],
    ignoreCase: true,
    claimsKeys: true,
    pattern: new RegExp(String.raw`(?:(?<v2>sq[upa]_[a-fA-F0-9]{40})|sonar${KEY_TAIL}${SEP}(?<v>(?:sq[upa]_)?[A-Za-z0-9]{40}))(?![\w-])`, 'iy'),
    validate: notPlaceholder,
  },
  {
    id: 'snyk-token',
    title: 'Snyk API token',
    category: 'vcs-ci',
    anchors: ['snyk'],
    ignoreCase: true,
    claimsKeys: true,
    pattern: assigned('snyk', UUIDV),
    validate: notPlaceholder,
  },
  {
    id: 'octopus-deploy-key',
    title: 'Octopus Deploy API key',
    category: 'vcs-ci',
    anchors: ['API-'],
    pattern: prefixed('API-', '[A-Z0-9]{26}', '(?![A-Za-z0-9-])'),
    validate: (v) => !isPlaceholder(v) && /\d/.test(v) && entropy(v) >= 3.5,
  },
  {
    id: 'infracost-token',
    title: 'Infracost API token',
    category: 'vcs-ci',
    anchors: ['ico-'],
    pattern: prefixed('ico-', '[A-Za-z0-9]{32}'),
    validate: (v) => !isPlaceholder(v) && /[A-Z]/.test(v) && /[a-z]/.test(v.slice(4)),
  },
  {
    id: 'databricks-token',
    title: 'Databricks access token',
    category: 'vcs-ci',
    anchors: ['dapi'],
    pattern: prefixed('dapi', '[a-fA-F0-9]{32}(?:-\\d)?', '(?![\\w-])'),
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 3,
  },
  // --- chat and webhooks ----------------------------------------------------------------------
  {
    id: 'slack-token',
    title: 'Slack token',
    category: 'chat-webhook',
    anchors: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxo-', 'xoxs-', 'xoxr-', 'xoxe-', 'xoxe.', 'xapp-'],
    pattern:
      /(?<v>xoxe\.xox[bp]-\d-[A-Za-z0-9]{100,300}|xoxe-\d-[A-Za-z0-9]{100,300}|xapp-\d-[A-Z0-9]{9,12}-\d{10,14}-[a-z0-9]{40,80}|xox[bpaosre]-(?:\d-)?\d{6,15}(?:-\d{6,15}){0,3}(?:-[A-Za-z0-9]{6,64})?|xox[bp]-\d{8,15}-[A-Za-z0-9]{16,40})(?![\w-])/y,
    validate: (v) => {
      if (isPlaceholder(v)) return false;
      if (/^(?:xoxe[.-]|xapp-)/.test(v)) return true;
      // Legacy forms: digit groups and a random tail (`xoxb-1234-abcd` is a sample).
      return /-\d{6,}/.test(v) && /-[A-Za-z0-9]{6,}$/.test(v) && !/^xox.-\d+$/.test(v) && (/[a-zA-Z]/.test(v.slice(5)) || (v.match(/-/g) ?? []).length >= 3);
    },
  },
  {
    id: 'slack-webhook',
    title: 'Slack webhook URL',
    category: 'chat-webhook',
    anchors: ['hooks.slack.com/'],
    ignoreCase: true,
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<v>[A-Za-z0-9_]{6,14}\/[A-Za-z0-9_]{6,14}\/(?:\d{10,20}\/)?[A-Za-z0-9_]{16,64})/iy,
    validate: notPlaceholder,
  },
  {
    id: 'discord-webhook',
    title: 'Discord webhook URL',
    category: 'chat-webhook',
    anchors: ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'],
    ignoreCase: true,
    pattern: /discord(?:app)?\.com\/api\/webhooks\/\d{5,30}\/(?<v>[\w-]{60,80})/iy,
    validate: notPlaceholder,
  },
  {
    id: 'teams-webhook',
    title: 'Microsoft Teams webhook URL',
    category: 'chat-webhook',
    anchors: ['.webhook.office.com/', 'outlook.office.com/webhook'],
    ignoreCase: true,
    pattern: /(?:[\w-]{1,60}\.webhook\.office\.com\/webhookb2|outlook\.office\.com\/webhook)\/(?<v>[\w@./-]{40,400})/iy,
    validate: notPlaceholder,
  },
  {
    id: 'telegram-bot-token',
    title: 'Telegram bot token',
    category: 'chat-webhook',
    anchors: [':AA'],
    back: [10, 9, 8],
    pattern: /(?<v>\d{8,10}:AA[\w-]{33})(?![\w-])/y,
    validate: notPlaceholder,
  },
  {
    id: 'twilio-key',
    title: 'Twilio API key',
    category: 'chat-webhook',
    anchors: ['SK', 'AC'],
    pattern: /(?<v>(?:SK|AC)[0-9a-f]{32})(?![A-Za-z0-9])/y,
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 3,
  },
  {
    id: 'sendgrid-key',
    title: 'SendGrid API key',
    category: 'chat-webhook',
    anchors: ['SG.'],
    pattern: prefixed('SG\\.', '[\\w-]{22}\\.[\\w-]{43}'),
    validate: notPlaceholder,
  },
  {
    id: 'mailchimp-key',
    title: 'Mailchimp API key',
    category: 'chat-webhook',
    anchors: ['-us'],
    back: [32],
    pattern: /(?<v>[0-9a-f]{32}-us\d{1,2})(?![\w-])/y,
    validate: notPlaceholder,
  },
  {
    id: 'mailgun-key',
    title: 'Mailgun API key',
    category: 'chat-webhook',
    anchors: ['key-'],
    pattern: prefixed('key-', '[0-9a-f]{32}'),
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 3.2,
  },
  {
    id: 'messagebird-key',
    title: 'MessageBird key',
    category: 'chat-webhook',
    anchors: ['messagebird', 'message_bird', 'message-bird'],
    ignoreCase: true,
    claimsKeys: true,
    pattern: assigned('messagebird|message[_-]bird', `${UUIDV}|[A-Za-z0-9]{25}`),
    validate: notPlaceholder,
  },
  // --- payment --------------------------------------------------------------------------------
  {
    id: 'stripe-key',
    title: 'Stripe secret or restricted key',
    category: 'payment',
    anchors: ['sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_'],
    pattern: prefixed('[sr]k_(?:live|test|prod)_', '[A-Za-z0-9]{24,247}'),
    validate: notPlaceholder,
  },
  {
    id: 'square-token',
    title: 'Square access token or secret',
    category: 'payment',
    anchors: ['sq0atp-', 'sq0csp-', 'EAAA'],
    pattern: /(?<v>sq0atp-[\w-]{22}|sq0csp-[\w-]{43}|EAAA[\w+=-]{60})(?![\w+=-])/y,
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 3,
  },
  {
    id: 'paypal-braintree-token',
    title: 'PayPal/Braintree access token',
    category: 'payment',
    anchors: ['access_token$production$', 'access_token$sandbox$'],
    pattern: /(?<v>access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32})/y,
  },
  {
    id: 'shopify-token',
    title: 'Shopify token',
    category: 'payment',
    anchors: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    pattern: prefixed('shp(?:at|ca|pa|ss)_', '[a-fA-F0-9]{32}|shp(?:at|ca|pa|ss)_[A-Za-z0-9]{32,64}'),
    validate: notPlaceholder,
  },
  // --- package registries ---------------------------------------------------------------------
  {
    id: 'npm-token',
    title: 'npm access token',
    category: 'package-registry',
    anchors: ['npm_', ':_authToken='],
    pattern: /(?:(?<v2>npm_[A-Za-z0-9]{36})|:_authToken=[ \t]{0,4}(?<v>[\w-]{10,100}))(?![\w-])/y,
    validate: (v, m) => {
      if (isPlaceholder(v)) return false;
      if (m.match.groups?.['v'] === undefined) return true;
      // `.npmrc` registry line: `//host/:_authToken=…`
      const line = m.text.slice(Math.max(0, m.text.lastIndexOf('\n', m.start) + 1), m.start);
      return /\/\/[^\s/]+\/$/.test(line) || /\/\/[^\s]+\/$/.test(line);
    },
  },
  {
    id: 'pypi-token',
    title: 'PyPI upload token',
    category: 'package-registry',
    anchors: ['pypi-AgE'],
    pattern: prefixed('pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)', '[\\w-]{85,1000}'),
  },
  {
    id: 'rubygems-key',
    title: 'RubyGems API key',
    category: 'package-registry',
    anchors: ['rubygems_'],
    pattern: prefixed('rubygems_', '[a-f0-9]{48}'),
  },
  {
    id: 'nuget-key',
    title: 'NuGet API key',
    category: 'package-registry',
    anchors: ['oy2'],
    pattern: prefixed('oy2', '[a-z0-9]{43}'),
    validate: (v) => entropy(v) >= 3.5,
  },
  {
    id: 'nuget-config-password',
    title: 'NuGet config password',
    category: 'package-registry',
    contextual: true,
    anchors: ['key="ClearTextPassword"', 'key="Password"'],
    ignoreCase: true,
    pattern: /key="(?:ClearText)?Password"[ \t]{1,4}value="(?<v>[^"\r\n]{4,200})"/iy,
    // NuGet feeds authenticate with PATs/API keys; short values are sample passwords.
    validate: (v) => !isPlaceholder(v) && !/^%[^%]+%$/.test(v) && v.length >= 16,
  },
  {
    id: 'docker-hub-token',
    title: 'Docker Hub access token',
    category: 'package-registry',
    anchors: ['dckr_pat_', 'dckr_oat_'],
    pattern: prefixed('dckr_(?:pat|oat)_', '[\\w-]{27,40}'),
    validate: notPlaceholder,
  },
  {
    id: 'artifactory-token',
    title: 'JFrog Artifactory key',
    category: 'package-registry',
    anchors: ['AKCp', 'cmVmd', 'AP'],
    pattern: /(?<v>AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59}|AP[0-9A-F][A-Za-z0-9]{8,})(?![A-Za-z0-9])/y,
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 3.5 && /\d/.test(v.slice(3)),
  },
  {
    id: 'sidekiq-secret',
    title: 'Sidekiq Enterprise credentials',
    category: 'package-registry',
    contextual: true,
    anchors: ['__CONTRIBSYS__COM'],
    ignoreCase: true,
    boundary: false,
    pattern: /__CONTRIBSYS__COM["']?[ \t]{0,4}[:=][ \t]{0,4}["']?(?<v>[a-f0-9]{8}:[a-f0-9]{8})/iy,
  },
  // --- observability vendors ------------------------------------------------------------------
  {
    id: 'grafana-token',
    title: 'Grafana token',
    category: 'observability',
    anchors: ['glc_', 'glsa_', 'eyJrIjoi'],
    pattern: /(?<v>glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|eyJrIjoi[A-Za-z0-9]{70,400}={0,2})(?![\w+/=-])/y,
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 3,
  },
  {
    id: 'datadog-key',
    title: 'Datadog API/application key',
    category: 'observability',
    anchors: ['datadog', 'dd_api', 'dd-api', 'dd_app', 'dd-app', 'ddapi'],
    ignoreCase: true,
    claimsKeys: true,
    pattern: assigned('datadog|dd_api|dd-api|dd_app|dd-app|ddapi', '[a-f0-9]{40}|[a-f0-9]{32}'),
    validate: notPlaceholder,
  },
  {
    id: 'newrelic-key',
    title: 'New Relic key',
    category: 'observability',
    anchors: ['NRAK-', 'NRJS-', 'NRII-', 'NRAA-'],
    pattern: /(?<v>NRAK-[A-Z0-9]{27}|NRJS-[a-f0-9]{19}|NRII-[\w-]{32}|NRAA-[a-f0-9]{27})(?![\w-])/y,
  },
  {
    id: 'sentry-token',
    title: 'Sentry token',
    category: 'observability',
    anchors: ['sntrys_', 'sntryu_'],
    pattern: /(?<v>sntrys_eyJ[A-Za-z0-9+/=]{20,1000}_[A-Za-z0-9+/]{43}|sntryu_[a-f0-9]{64})(?![\w+/=-])/y,
  },
  {
    id: 'dynatrace-token',
    title: 'Dynatrace API token',
    category: 'observability',
    anchors: ['dt0c01.', 'dt0s01.'],
    pattern: /(?<v>dt0[cs]\d{2}\.[A-Z0-9]{24}\.[A-Z0-9]{64})(?![\w-])/y,
  },
  {
    id: 'sumologic-key',
    title: 'Sumo Logic access id or key',
    category: 'observability',
    anchors: ['sumologic', 'sumo_', 'sumo-', 'sumo.'],
    ignoreCase: true,
    claimsKeys: true,
    pattern: assigned('sumologic|sumo[_.-]', '[A-Za-z0-9]{64}|su[A-Za-z0-9]{12}'),
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 3 && /\d/.test(v) || /^su[A-Za-z]{12}$/.test(v) && /[A-Z].*[a-z]|[a-z].*[A-Z]/.test(v),
  },
  {
    id: 'splunk-hec-token',
    title: 'Splunk / PagerDuty / Opsgenie key',
    category: 'observability',
    anchors: ['splunk', 'pagerduty', 'opsgenie', 'honeycomb', 'newrelic', 'new_relic'],
    ignoreCase: true,
    claimsKeys: true,
    pattern: assigned('splunk|pagerduty|opsgenie|honeycomb|new_?relic', `${UUIDV}|[A-Za-z0-9_+-]{20,64}`),
    validate: (v) => !isPlaceholder(v) && (/^[0-9a-f-]{36}$/i.test(v) || looksLikeToken(v, 20)),
  },
  // --- AI and SaaS platforms ------------------------------------------------------------------
  {
    id: 'openai-key',
    title: 'OpenAI API key',
    category: 'ai',
    anchors: ['sk-'],
    // Project, service-account, admin and legacy keys all carry the `T3BlbkFJ` marker.
    pattern: /(?<v>sk-[A-Za-z0-9_-]{20,400})(?![\w-])/y,
    validate: (v) => {
      const marker = v.indexOf('T3BlbkFJ');
      return marker >= 13 && v.length - marker - 8 >= 10 && !isPlaceholder(v);
    },
  },
  {
    id: 'anthropic-key',
    title: 'Anthropic API key',
    category: 'ai',
    anchors: ['sk-ant-'],
    pattern: /(?<v>sk-ant-(?:api03|admin01)-[\w-]{93}AA)(?![\w-])/y,
    validate: notPlaceholder,
  },
  {
    id: 'huggingface-token',
    title: 'Hugging Face token',
    category: 'ai',
    anchors: ['hf_', 'api_org_'],
    pattern: /(?<v>hf_[A-Za-z]{34}|api_org_[A-Za-z]{34})(?![A-Za-z0-9])/y,
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 3.5,
  },
  {
    id: 'groq-key',
    title: 'Groq API key',
    category: 'ai',
    anchors: ['gsk_'],
    pattern: prefixed('gsk_', '[A-Za-z0-9]{52}', '(?![\\w-])'),
  },
  {
    id: 'perplexity-key',
    title: 'Perplexity / Cohere / other AI API key',
    category: 'ai',
    anchors: ['pplx-', 'co_api_key', 'cohere'],
    ignoreCase: true,
    pattern: new RegExp(String.raw`(?:(?<v2>pplx-[a-zA-Z0-9]{48})|(?:co_api_key|cohere)${KEY_TAIL}${SEP}(?<v>[A-Za-z0-9]{40}))(?![\w-])`, 'iy'),
    validate: tokenLike(40),
  },
  {
    id: 'notion-token',
    title: 'Notion integration token',
    category: 'saas',
    anchors: ['ntn_'],
    pattern: /(?<v>ntn_\d{11}[A-Za-z0-9]{35})(?![A-Za-z0-9])/y,
  },
  {
    id: 'linear-key',
    title: 'Linear API key',
    category: 'saas',
    anchors: ['lin_api_'],
    pattern: prefixed('lin_api_', '[A-Za-z0-9]{40}'),
  },
  {
    id: 'figma-token',
    title: 'Figma token',
    category: 'saas',
    anchors: ['figd_'],
    pattern: prefixed('figd_', '[\\w-]{40,80}'),
  },
  {
    id: 'tailscale-key',
    title: 'Tailscale key',
    category: 'saas',
    anchors: ['tskey-'],
    pattern: /(?<v>tskey-[a-z]{3,10}-[A-Za-z0-9]{8,16}-[A-Za-z0-9]{20,40})(?![\w-])/y,
    boundary: true,
  },
  {
    id: 'onepassword-token',
    title: '1Password service account token or secret key',
    category: 'saas',
    anchors: ['ops_eyJ', 'A3-'],
    pattern: /(?<v>ops_eyJ[A-Za-z0-9+/]{250,2000}={0,3}|A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})(?![\w+/=-])/y,
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 3.5,
  },
  {
    id: 'okta-token',
    title: 'Okta API token',
    category: 'saas',
    anchors: ['okta'],
    ignoreCase: true,
    claimsKeys: true,
    pattern: assigned('okta', '00[\\w-]{40}'),
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 4,
  },
  {
    id: 'hubspot-key',
    title: 'HubSpot key',
    category: 'saas',
    anchors: ['hubspot', 'pat-na1-', 'pat-eu1-'],
    ignoreCase: true,
    claimsKeys: true,
    pattern: new RegExp(String.raw`(?:(?<v2>pat-(?:na|eu)1-${UUIDV})|hubspot${KEY_TAIL}${SEP}(?<v>${UUIDV}))(?![\w-])`, 'iy'),
    validate: notPlaceholder,
  },
  {
    id: 'facebook-token',
    title: 'Facebook access token',
    category: 'saas',
    anchors: ['EAAC', 'EAAM', 'EAAG', 'EAAB', 'EAAJ', 'EAAE'],
    pattern: /(?<v>EAA[A-Z][A-Za-z0-9]{80,400})(?![A-Za-z0-9])/y,
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 4,
  },
  {
    id: 'facebook-secret',
    title: 'Facebook app secret or app token',
    category: 'saas',
    anchors: ['facebook'],
    ignoreCase: true,
    claimsKeys: true,
    pattern: /facebook[\w.-]{0,40}["'\]]?[ \t]{0,4}(?:(?:=>|:{0,3}=|:)[ \t]{0,4}["']?(?<v>[a-f0-9]{32})|["']?[:= \t]{1,4}["']?(?<w>\d{15,16}\|[\w-]{27}))(?![\w-])/iy,
    validate: notPlaceholder,
  },
  {
    id: 'intra42-secret',
    title: '42 Intra client secret',
    category: 'saas',
    anchors: ['s-s4t2'],
    pattern: /(?<v>s-s4t2(?:ud|af)-[a-f0-9]{64})(?![\w-])/y,
  },
  {
    id: 'freemius-secret',
    title: 'Freemius secret key',
    category: 'saas',
    anchors: ['"secret_key"'],
    ignoreCase: true,
    pattern: /"secret_key"[ \t]{0,4}=>[ \t]{0,4}"(?<v>sk_[\S]{29})"/iy,
  },
  {
    id: 'openshift-token',
    title: 'OpenShift user token',
    category: 'auth',
    anchors: ['sha256~'],
    pattern: /(?<v>sha256~[\w-]{43})(?![\w-])/y,
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 3.5,
  },
  // --- auth material --------------------------------------------------------------------------
  {
    id: 'jwt',
    title: 'JSON Web Token',
    category: 'auth',
    anchors: ['eyJ'],
    // Headers are short (alg/typ/kid): a tight bound keeps failed attempts cheap.
    pattern: /(?<v>eyJ[A-Za-z0-9_-]{8,600}\.eyJ[A-Za-z0-9_-]{2,8000}(?:\.[A-Za-z0-9_-]{0,4000})?)(?![\w-])/y,
    validate: (v) => jwtValidate(v),
  },
  {
    id: 'url-password',
    title: 'password in a URL or connection string',
    category: 'auth',
    contextual: true,
    anchors: ['://'],
    pattern: /:\/\/(?<user>[^\s:@/?#"'<>`|\\]{0,128}):(?<v>[^\s@/?#"'<>`|\\]{1,256})@(?=[\w[$%{.-])/y,
    boundary: false,
    validate: urlPasswordValidate,
  },
  {
    id: 'connection-string-password',
    title: 'password in a connection string',
    category: 'auth',
    contextual: true,
    anchors: [';password=', ';pwd=', ';Password ='],
    ignoreCase: true,
    pattern: /;[ \t]{0,2}(?:password|pwd)[ \t]{0,2}=[ \t]{0,2}(?<v>[^;"'\r\n]{4,200})/iy,
    boundary: false,
    validate: (v) => !isPlaceholder(v) && !isReference(v) && looksLikePassword(v.trim()),
  },
  {
    id: 'authorization-header',
    title: 'Authorization header credential',
    category: 'auth',
    anchors: ['authorization', 'proxy-authorization'],
    ignoreCase: true,
    pattern:
      /(?:proxy-)?authorization["']?[ \t]{0,4}[:=][ \t]{0,4}["']?[ \t]{0,4}(?:(?<scheme>bearer|basic|token|api-token|apikey|digest|negotiate|ntlm|sso-key|key|splunk|gitlab|oauth)[ \t]{1,4})?(?<v>[A-Za-z0-9._~+/=:@$!%*#&-]{4,4000})/iy,
    generic: true,
    validate: authHeaderValidate,
  },
  {
    id: 'api-key-header',
    title: 'API key header',
    category: 'auth',
    anchors: ['x-api-key', 'x-auth-token', 'private-token', 'x-apikey', 'api-token:', 'x-octopus-apikey', 'x-jfrog-art-api', 'x-vault-token', 'token:', 'apikey:', 'api-key:'],
    ignoreCase: true,
    pattern: /(?:x-api-key|x-auth-token|private-token|x-apikey|api-token|x-octopus-apikey|x-jfrog-art-api|x-vault-token|token|apikey|api-key)["']?[ \t]{0,4}:[ \t]{0,4}["']?(?<v>[A-Za-z0-9._~+/=-]{8,400})/iy,
    generic: true,
    validate: (v, m) => {
      // Only HTTP header shapes: `-H "Token: …"`, `--header 'X-Api-Key: …'`.
      const before = m.text.slice(Math.max(0, m.start - 12), m.start);
      if (!/(?:-H|--header|^|\n)[ \t]{0,4}["']?$/.test(before) && !/^x-/i.test(m.match[0])) return false;
      return !isPlaceholder(v) && !isReference(v) && (looksLikeToken(v, 8) || /^[0-9a-f-]{32,36}$/i.test(v));
    },
  },
  {
    id: 'curl-user-password',
    title: 'password in a curl --user argument',
    category: 'auth',
    contextual: true,
    anchors: [' -u ', ' -u"', " -u'", ' --user ', ' --user=', '  --user '],
    pattern: /[ \t](?:-u|--user)(?:[ \t]{1,4}|=|(?=["']))(?<cred>(?<v>"[^"\r\n]{1,200}"(?::"[^"\r\n]{1,200}")?|'[^'\r\n]{1,200}'|[^\s"'][^\s]{0,200}))/y,
    boundary: false,
    validate: curlUserValidate,
  },
  {
    id: 'signed-url',
    title: 'signature in a signed URL',
    category: 'auth',
    contextual: true,
    anchors: ['X-Amz-Signature=', 'X-Goog-Signature=', '&sig=', '?sig=', 'Signature=', 'X-Amz-Security-Token='],
    ignoreCase: true,
    pattern: /(?:[?&](?:X-Amz-Signature|X-Goog-Signature|sig|Signature|X-Amz-Security-Token)|(?<=[?&])(?:X-Amz-Signature|X-Goog-Signature|Signature|X-Amz-Security-Token))=(?<v>[A-Za-z0-9%+/=_~.-]{20,2000})/iy,
    boundary: false,
    back: [1, 0],
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 3.5,
  },
  {
    id: 'kubernetes-secret',
    title: 'Kubernetes Secret data value',
    category: 'auth',
    contextual: true,
    anchors: ['kind:'],
    ignoreCase: true,
    scan: k8sSecretScan,
  },
  {
    id: 'discord-bot-token',
    title: 'Discord bot token',
    category: 'chat-webhook',
    // The first part is the bot's numeric id in base64: it starts M/N/O then D/T/j/z.
    anchors: ['MD', 'MT', 'Mj', 'Mz', 'ND', 'NT', 'Nj', 'Nz', 'OD', 'OT', 'Oj', 'Oz'],
    pattern: /(?<v>[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.(?:[A-Za-z0-9_-]{38}|[A-Za-z0-9_-]{27}))(?![\w-])/y,
    validate: (v) => !isPlaceholder(v) && entropy(v) >= 4,
  },
  {
    id: 'high-entropy-string',
    title: 'high-entropy quoted string',
    category: 'generic',
    anchors: ['"', "'"],
    next: 'abcdefghijklmnopqrstuvwxyz0123456789+/_-',
    pattern: /(?<q>["'])(?<v>[A-Za-z0-9+/_-]{20,1000}={0,2})\k<q>/y,
    // Most quotes open prose or short values: look at 20 characters before running the pattern.
    quick: (text, start) => {
      for (let j = start + 1; j <= start + 20; j++) {
        const c = text.charCodeAt(j);
        if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 95 || c === 45)) return false;
      }
      return true;
    },
    boundary: false,
    generic: true,
    validate: (v, m) => {
      if (isPlaceholder(v) || hasAlphabetRun(v) || (v.match(/\d/g) ?? []).length < 3 || !/[A-Za-z]/.test(v)) return false;
      // What the line says about it: public keys, checksums, CSRF/HTML form tokens are not secrets.
      const lineStart = m.text.lastIndexOf('\n', m.start) + 1;
      if (NOT_SECRET_CONTEXT.test(m.text.slice(Math.max(lineStart, m.start - 200), m.start))) return false;
      if (/^[0-9a-f]+$/i.test(v)) return v.length >= 32 && v.length !== 40 && v.length !== 64 && entropy(v) >= 3.0;
      return v.length >= 32 && /[A-Z]/.test(v) && /[a-z]/.test(v) && entropy(v) >= 4.5;
    },
  },
  {
    id: 'generic-assignment',
    title: 'password/secret/token assignment',
    category: 'generic',
    anchors: ['password', 'passwd', 'passphrase', 'pwd', 'pass', 'secret', 'token', 'api_key', 'api-key', 'apikey', 'access_key', 'access-key', 'accesskey', 'private_key', 'private-key', 'privatekey', 'auth_key', 'authkey', 'credential', 'session_id', 'sessionid', 'session-id', 'session_key', 'session_token'],
    ignoreCase: true,
    pattern: GENERIC,
    boundary: false,
    generic: true,
    validate: genericValidate,
  },
];
