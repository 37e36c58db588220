// Private addresses, internal host names, documentation ranges and allow-lists, shared by
// RB402 (private URLs) and RB403 (private identifiers). Pure and linear.

export interface Ipv4 {
  octets: [number, number, number, number];
  value: number;
}

/** Parses a dotted quad (no leading zeros, each 0-255). */
export function parseIpv4(s: string): Ipv4 | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const o = m.slice(1).map((x) => (x.length > 1 && x.startsWith('0') ? NaN : Number(x)));
  if (o.some((x) => !(x >= 0 && x <= 255))) return undefined;
  const octets = o as [number, number, number, number];
  return { octets, value: ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3] };
}

function inCidr(ip: Ipv4, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const b = parseIpv4(base!);
  const n = bits === undefined ? 32 : Number(bits);
  if (!b || !(n >= 0 && n <= 32)) return false;
  if (n === 0) return true;
  const mask = n === 32 ? 0xffffffff : ~((1 << (32 - n)) - 1) >>> 0;
  return ((ip.value & mask) >>> 0) === ((b.value & mask) >>> 0);
}

const PRIVATE_V4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16', '127.0.0.0/8'];
const LOOPBACK_V4 = ['127.0.0.0/8'];
/** RFC 5737 documentation ranges. */
const DOC_V4 = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'];
/** Addresses that identify no one's host: unspecified, broadcast, well-known metadata and public resolvers. */
const WELL_KNOWN_V4 = ['0.0.0.0/32', '255.255.255.255/32', '169.254.169.254/32', '8.8.8.8/32', '8.8.4.4/32', '1.1.1.1/32', '1.0.0.1/32', '9.9.9.9/32', '224.0.0.0/4', '240.0.0.0/4'];

export function isPrivateIpv4(ip: Ipv4): boolean {
  return PRIVATE_V4.some((c) => inCidr(ip, c));
}
export function isLoopbackIpv4(ip: Ipv4): boolean {
  return LOOPBACK_V4.some((c) => inCidr(ip, c));
}
export function isDocumentationIpv4(ip: Ipv4): boolean {
  return DOC_V4.some((c) => inCidr(ip, c));
}
export function isWellKnownIpv4(ip: Ipv4): boolean {
  return WELL_KNOWN_V4.some((c) => inCidr(ip, c));
}

/** IPv6 literal kinds we care about: loopback, link-local, unique-local, documentation (RFC 3849). */
export function ipv6Class(s: string): 'loopback' | 'link-local' | 'unique-local' | 'documentation' | 'other' | undefined {
  const h = s.toLowerCase();
  if (!/^[0-9a-f:.]+$/.test(h) || !h.includes(':')) return undefined;
  if (h === '::1') return 'loopback';
  if (/^fe[89ab][0-9a-f]?:/.test(h)) return 'link-local';
  if (/^f[cd][0-9a-f]{0,2}:/.test(h)) return 'unique-local';
  if (/^2001:0?db8:/.test(h)) return 'documentation';
  return 'other';
}

/** Host names that only resolve inside an organisation. */
export function isInternalHostname(host: string, internalDomains: readonly string[] = []): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  // Kubernetes' in-cluster names (`svc.cluster.local`) are the same in every cluster: they name a
  // service and namespace, not a host of anyone's network.
  if (h === 'cluster.local' || h.endsWith('.cluster.local')) return false;
  if (/\.(?:internal|local|corp|lan|intranet|intra|home\.arpa|localdomain)$/.test(h)) return true;
  return internalDomains.some((d) => domainMatches(h, d));
}

/** Documentation domains (RFC 2606 / 6761): never anyone's real host or mailbox. */
export function isDocumentationDomain(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return /(?:^|\.)example\.(?:com|org|net)$|\.(?:example|test|invalid)$|^(?:example|test|invalid)$/.test(h);
}

/** `sub.team.example` matches the configured `team.example` (and `*.team.example`). */
export function domainMatches(host: string, domain: string): boolean {
  const d = domain.trim().toLowerCase().replace(/^\*\./, '').replace(/^@/, '').replace(/\.$/, '');
  if (!d) return false;
  const h = host.toLowerCase();
  return h === d || h.endsWith('.' + d);
}

/** An `allow.domains` entry may also be an IP or CIDR range (`10.20.0.0/16`). */
export function ipAllowed(ip: Ipv4, allow: readonly string[]): boolean {
  return allow.some((a) => /^\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?$/.test(a.trim()) && inCidr(ip, a.trim()));
}

export interface UrlParts {
  scheme: string;
  host: string;
  /** Offsets of the host inside the URL text. */
  hostStart: number;
  hostEnd: number;
  query: string;
}

/** Splits `scheme://[user[:pass]@]host[:port][/path][?query][#frag]` (no normalisation). */
export function splitUrl(url: string): UrlParts | undefined {
  const m = /^([a-z][a-z0-9+.-]{0,30}):\/\//i.exec(url);
  if (!m) return undefined;
  const afterScheme = m[0].length;
  const rest = url.slice(afterScheme);
  const authEnd = rest.search(/[/?#]/);
  const authority = authEnd < 0 ? rest : rest.slice(0, authEnd);
  const at = authority.lastIndexOf('@');
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  let host = hostPort;
  if (hostPort.startsWith('[')) host = hostPort.slice(1, Math.max(1, hostPort.indexOf(']')));
  else host = hostPort.replace(/:\d*$/, '');
  const hostStart = afterScheme + (at >= 0 ? at + 1 : 0) + (hostPort.startsWith('[') ? 1 : 0);
  const q = url.indexOf('?', afterScheme);
  const hash = url.indexOf('#', afterScheme);
  const query = q < 0 ? '' : url.slice(q + 1, hash > q ? hash : url.length);
  return { scheme: m[1]!.toLowerCase(), host, hostStart, hostEnd: hostStart + host.length, query };
}

/** URLs anywhere in text: scheme `://` up to whitespace, quotes, brackets or Markdown delimiters. */
export const URL_RE = /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{1,30}:\/\/[^\s<>"'`|\\{}^]{1,2048}/gi;

/** Trims sentence punctuation and an unbalanced closing bracket off a URL found in prose. */
export function trimUrl(u: string): string {
  let s = u.replace(/[.,;:!?*_~]+$/, '');
  while ((s.endsWith(')') && s.split('(').length < s.split(')').length) || (s.endsWith(']') && s.split('[').length < s.split(']').length)) {
    s = s.slice(0, -1).replace(/[.,;:!?*_~]+$/, '');
  }
  return s;
}

export const URL_AT = /[a-z][a-z0-9+.-]{1,30}:\/\/[^\s<>"'`|\\{}^]{1,2048}/iy;

function isSchemeChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 43 || c === 46 || c === 45;
}

/** Every URL in `text` (same matches as URL_RE), found from its `://` so prose costs nothing. */
export function findUrls(text: string): { index: number; url: string }[] {
  const out: { index: number; url: string }[] = [];
  let from = 0;
  for (;;) {
    const p = text.indexOf('://', from);
    if (p < 0) break;
    let s = p;
    while (s > 0 && p - s < 31 && isSchemeChar(text.charCodeAt(s - 1))) s--;
    // The scheme starts with a letter and is not glued to a longer run of scheme characters.
    while (s < p && !/[a-z]/i.test(text[s]!)) s++;
    from = p + 3;
    if (s >= p || p - s < 2 || (s > 0 && isSchemeChar(text.charCodeAt(s - 1)))) continue;
    URL_AT.lastIndex = s;
    const m = URL_AT.exec(text);
    if (!m) continue;
    out.push({ index: s, url: m[0] });
    from = s + m[0].length;
  }
  return out;
}
