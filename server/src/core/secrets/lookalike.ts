// Look-alike filter: values that are shaped like a credential but are not one. Placeholders
// (`<TOKEN>`, `${VAR}`, `$(cmd)`, `{{ .x }}`, `%VAR%`, REDACTED, xxxx, ****, changeme),
// vendors' documented example keys, and, for the generic kinds, identifiers that merely look
// random: UUIDs, git SHAs, digests, data URIs. Every function here is pure and linear.

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  if (!s) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Number of distinct characters. */
function distinct(s: string): number {
  return new Set(s).size;
}

// Whole template expressions and placeholders, removed before judging what is left.
const TEMPLATE_PIECES = /\$\{\{[^{}\n]{0,200}\}\}|\$\{[^{}\n]{0,200}\}|\{\{[^{}\n]{0,200}\}\}|\$\([^()\n]{0,200}\)|<%[^%\n]{0,200}%>|<[^<>\n]{1,120}>|%[A-Za-z_][\w-]{0,60}%|\$[A-Za-z_]\w{0,60}|\{[A-Za-z_][\w.-]{0,60}\}|\[[A-Z][A-Z0-9_ -]{1,60}\]|@[A-Z_]{2,60}@/g;

// Placeholder words, as whole words (`YOUR_TOKEN`, `a-fake-key`; not `…lFaKe…` inside a token).
const PLACEHOLDER_WORDS = new RegExp(
  String.raw`(?<![A-Za-z])(?:redacted|changeme|change[_-]?me|change[_-]?it|placeholder|your[_-]?(?:own[_-]?)?\w{0,20}|replace[_-]?(?:me|with|this)|insert[_-]\w{0,20}|put[_-]your|example|dummy|fake|sample|notreal|not[_-]a[_-]real)(?![a-z])` +
    String.raw`|<[^>]*>|(?<![A-Za-z])here$|xx{3}|\*{3}|\.{3}|…|#{4}` +
    String.raw`|^(?:none|null|nil|true|false|undefined|empty|secret|password|passwd|pass|pwd|token|apikey|api[_-]key|mypassword|username|user|admin|test|todo|tbd|string|value|xxx)$`,
  'i',
);

/** Documented vendor example credentials (AWS docs keys and similar). */
const DOCUMENTED_EXAMPLES = [
  'AKIAIOSFODNN7EXAMPLE',
  'ASIAIOSFODNN7EXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
];

/**
 * Fingerprints (see hash.ts) of vendor-published public keys that appear in SDK samples and docs
 * (the Firebase/Google client keys gitleaks allow-lists as known public examples). Kept as
 * fingerprints so this file carries no key-shaped literal.
 */
export const KNOWN_PUBLIC_FINGERPRINTS: ReadonlySet<string> = new Set([
  'b7d61096898c', 'f3082ce9d699', 'f56e323494a6', '2037abcaffb2', '3f370c9dd822', 'e4a5542bb7fd',
  'a19f89ab3555', '0b476bdf9acf', 'eb540d2b6ee2', '37f8f09bdf12', '8731261cb72d', '49f777db995e',
  '27a9a42931df', 'dc0fcf046c61', '4c98242dcadc', 'ea9bb1082cf9', '3a8b61d0f636', 'a6c814bc555a',
]);

/** A run of 10+ letters in alphabet order (`abcdefghij…`): a made-up sample, not a key. */
export function hasAlphabetRun(v: string): boolean {
  let run = 1;
  for (let i = 1; i < v.length; i++) {
    const a = v.charCodeAt(i - 1) | 0x20;
    const b = v.charCodeAt(i) | 0x20;
    run = b === a + 1 && b >= 0x61 && b <= 0x7a ? run + 1 : 1;
    if (run >= 10) return true;
  }
  return false;
}

/** True for placeholders and documented examples: never a secret, whatever the kind. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  for (const ex of DOCUMENTED_EXAMPLES) if (v.includes(ex)) return true;
  if (/EXAMPLE(?:KEY)?$|wJalrXUtnFEMI\/K7MDENG\/bPxRfiCYEXAMPLEK/.test(v)) return true;
  if (PLACEHOLDER_WORDS.test(v)) return true;
  // What is left once template expressions are removed: nothing substantial means a template.
  const rest = v.replace(TEMPLATE_PIECES, '').replace(/[\s"'`:;,/@._=+-]/g, '');
  if (rest.length < 4 && rest.length < v.length) return true;
  // One character repeated, or almost (AAAA…, 0000…, x-runs), and short alphabets.
  if (v.length >= 8 && distinct(v.replace(/[-_.:/]/g, '')) <= 2) return true;
  if (isSequential(v)) return true;
  return false;
}

// Alphabets written out (`abcdef…`, `0123456789`, `ABC…xyz0123…+/`): not keys.
const ALPHABETS = [
  'abcdefghijklmnopqrstuvwxyz0123456789',
  '0123456789abcdefghijklmnopqrstuvwxyz',
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/',
  '1234567890',
  'qwertyuiopasdfghjklzxcvbnm',
];

function isSequential(v: string): boolean {
  if (v.length < 6) return false;
  return ALPHABETS.some((a) => a.includes(v) || a.toLowerCase().includes(v));
}

const UUID = /^[{"']?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[}"']?$/i;
const HEX_DIGEST = /^(?:[0-9a-f]{7,12}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})$/;

/** Identifiers that look random but are not credentials (used by the generic kinds). */
export function isIdentifierLike(v: string): boolean {
  if (UUID.test(v)) return true;
  if (HEX_DIGEST.test(v)) return true;
  if (/^(?:sha(?:1|256|384|512)|md5)[:-]/i.test(v)) return true;
  if (/^data:[\w/+.-]+;base64,/i.test(v)) return true;
  return false;
}

/** `$VAR`, `get_secret()`, `config.secret`, `os.environ["X"]`: a reference, not a value. */
export function isReference(v: string): boolean {
  if (/^[$%@&*]/.test(v)) return true;
  if (/^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+(?:\(\))?$/.test(v)) return true;
  if (/^[A-Za-z_][\w.]*(?:\(|\[)/.test(v)) return true;
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v)) return true; // ENV_VAR_NAME
  if (/^(?:[a-z][a-z0-9+.-]*:)?\/\/|^\.{0,2}\//i.test(v)) return true; // URL or path
  if (/^[\w.-]+\.(?:pem|key|crt|cer|p12|pfx|jks|json|ya?ml|txt|keytab|env|conf|cfg|ini|gpg|asc)$/i.test(v)) return true;
  return false;
}

/** A value that plausibly is a real password: not a plain word, some variety. */
export function looksLikePassword(v: string): boolean {
  if (v.length < 6 || v.length > 200) return false;
  if (/\s/.test(v)) return false;
  const classes = (/[a-z]/.test(v) ? 1 : 0) + (/[A-Z]/.test(v) ? 1 : 0) + (/\d/.test(v) ? 1 : 0) + (/[^A-Za-z0-9]/.test(v) ? 1 : 0);
  if (classes < 2) return v.length >= 16 && entropy(v) >= 3.5;
  if (/^[A-Za-z]+[-_][A-Za-z]+(?:[-_][A-Za-z]+)*$/.test(v)) return false; // kebab/snake words
  if (/^\d+(?:\.\d+)*$/.test(v)) return false; // numbers, versions
  return entropy(v) >= 2.5;
}

/**
 * A lower-case name made of words and short tags (`iam_access_key_v2`, `db-creds-2024`): a resource
 * or entry name. Generated tokens do not split into words of letters.
 */
export function isWordIdentifier(v: string): boolean {
  const parts = v.split(/[-_.]/);
  if (parts.length < 2 || v !== v.toLowerCase()) return false;
  let words = 0;
  for (const p of parts) {
    if (/^[a-z]{2,}$/.test(p)) words++;
    else if (p.length > 4) return false;
  }
  return words >= parts.length - 1 && words >= 2;
}

/** A value that plausibly is a machine-generated token or key. */
export function looksLikeToken(v: string, minLen = 12): boolean {
  if (v.length < minLen || v.length > 2000) return false;
  if (/\s/.test(v)) return false;
  if (/^[A-Za-z]+(?:[-_ .][A-Za-z]+)*$/.test(v)) return false; // words
  if (/^\d+(?:\.\d+)*$/.test(v)) return false;
  if (isWordIdentifier(v)) return false;
  const classes = (/[a-z]/.test(v) ? 1 : 0) + (/[A-Z]/.test(v) ? 1 : 0) + (/\d/.test(v) ? 1 : 0);
  if (classes < 2) return false;
  return entropy(v) >= 3.0;
}

/** Every fixed regex of this module (the ReDoS test checks each). */
export const LOOKALIKE_PATTERNS: readonly RegExp[] = [TEMPLATE_PIECES, PLACEHOLDER_WORDS, UUID, HEX_DIGEST];
