// RB403: private identifiers: personal email addresses, phone numbers, cloud account ids and
// IP addresses of hosts. Allow-lists: `allow.emails`, `allow.domains` (domains, IPs or CIDR
// ranges), documentation ranges (RFC 5737, RFC 3849, example.com) and role mailboxes.
import type { Rule } from '../types.js';
import { scanRegions, shiftSpan } from '../regions.js';
import { DisjointRanges } from '../secrets/index.js';
import { findUrls, trimUrl, splitUrl, parseIpv4, isDocumentationIpv4, isWellKnownIpv4, isLoopbackIpv4, isPrivateIpv4, isDocumentationDomain, domainMatches, ipAllowed } from '../secrets/network.js';

// Regular expressions at module level: a literal inside a function is a new RegExp object at every
// evaluation (~0.1 µs and ~56 bytes), and this one runs per character before each `@`.
const ALNUM = /[A-Za-z0-9]/;

const EMAIL = /(?<![\w.%+:/-])[A-Za-z0-9][\w.%+-]{0,63}@[A-Za-z0-9][A-Za-z0-9.-]{0,253}/g;
/**
 * What a mailbox's local part says about who reads it. Role words (whole tokens, or inside a long
 * token such as `itservicedesk`), the organisation's own name (`gsa-ir@gsa.gov`) and placeholder
 * people (`your-name@`, `first-name.last-name@`) are not a person's address.
 */
const ROLE_WORDS = new Set(['ir', 'it', 'hr', 'pr', 'ops', 'sre', 'noc', 'soc', 'csirt', 'cert', 'team', 'group', 'staff', 'desk', 'help', 'info', 'admin', 'admins', 'root', 'mail', 'postmaster', 'hostmaster', 'webmaster', 'abuse', 'security', 'secops', 'devops', 'devsecops', 'platform', 'infra', 'infrastructure', 'support', 'service', 'services', 'servicedesk', 'helpdesk', 'compliance', 'legal', 'privacy', 'billing', 'finance', 'accounts', 'payments', 'sales', 'marketing', 'press', 'media', 'jobs', 'careers', 'contact', 'feedback', 'enquiries', 'inquiries', 'office', 'operations', 'incident', 'incidents', 'response', 'alerts', 'alert', 'oncall', 'pager', 'notifications', 'notify', 'noreply', 'bot', 'bots', 'robot', 'ci', 'cd', 'build', 'deploy', 'release', 'releases', 'engineering', 'dev', 'developers', 'reply', 'donotreply', 'list', 'announce', 'all', 'everyone']);
const ROLE_INSIDE = /servicedesk|helpdesk|support|security|compliance|incident|operations|engineering|notification|noreply|donotreply|postmaster|webmaster|hostmaster/;
const PLACEHOLDER_PERSON = new Set(['your', 'my', 'their', 'someone', 'somebody', 'person', 'user', 'username', 'name', 'first', 'last', 'firstname', 'lastname', 'surname', 'given', 'family', 'fullname', 'full', 'example', 'test', 'email', 'address', 'foo', 'bar']);

function isRoleOrPlaceholder(local: string, domain: string): boolean {
  const tokens = local.toLowerCase().split(/[._+-]+/).filter(Boolean);
  if (!tokens.length) return false;
  if (tokens.some((t) => ROLE_WORDS.has(t) || ROLE_WORDS.has(t.replace(/s$/, '')) || (t.length >= 7 && ROLE_INSIDE.test(t)))) return true;
  const org = new Set(domain.toLowerCase().split('.').slice(0, -1).filter((l) => l.length >= 2));
  if (tokens.some((t) => org.has(t))) return true;
  return tokens[0] === 'your' || tokens.every((t) => PLACEHOLDER_PERSON.has(t));
}

/** Team and service mailboxes: not a person. */
const ROLE_LOCAL = /^(?:no-?reply|do-?not-?reply|oncall|on-call|support|security|secops|admin|administrator|team|ops|sre|devops|platform|alerts?|alertmanager|help|helpdesk|info|contact|abuse|postmaster|hostmaster|webmaster|root|git|noc|soc|incidents?|pager|notifications?|bot|ci|build|release|infra|it|dev|engineering|mailer-daemon)(?:[._+-][\w.-]*)?$/i;
const PHONE = /(?<![\w+.-])(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]\d{2,5}){1,4}|\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}|\d{3}[.-]\d{3}[.-]\d{4})(?![\w.-]?\d)/g;
const IPV4 = /(?<![\w.:/-])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]|\/\d)|(?<=\b(?:tcp|udp|ssl|tls):)(?:\d{1,3}\.){3}\d{1,3}(?![\w.]|\/\d)|(?<=\/)(?:\d{1,3}\.){3}\d{1,3}(?=[,:])/g;
const AWS_ARN_ACCOUNT = /\barn:aws[\w-]{0,20}:[\w-]{0,40}:[\w-]{0,40}:(\d{12}):/g;
const ACCOUNT_KEYED = /\b(?:aws[_-]?account[_-]?id|account[_-]?id|accountid|account[_ -]?number|subscription[_-]?id|tenant[_-]?id|project[_-]?number)["']?\s{0,3}[:=]\s{0,3}["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{12})(?![\w-])/gi;
const AZURE_SUBSCRIPTION = /\/subscriptions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![\w-])/gi;
/** AWS documentation account ids and obvious fillers. */
const DOC_ACCOUNT = /^(?:123456789012|111122223333|444455556666|000000000000|999999999999|00000000-0000-0000-0000-000000000000)$/;

/** A version label right before a dotted quad. */
const VERSION_BEFORE = /\b(?:versions?|ver|release|build|tag|image|chart|app_?version)\b["']?\s*(?:[:=]\s*)?["']?$|(?:==|@)\s*["']?$|\/(?:download|releases?|tags?)\/$/i;
/** A line about networks or ranges (where x.y.z.0 is a network address). */
const NETWORK_CONTEXT = /\b(?:subnets?|networks?|cidrs?|ranges?|blocks?|netmask|broadcast|allocations?|pools?|vpc)\b|(?:\d{1,3}\.){3}\d{1,3}\s*(?:-|–|to)\s*(?:\d{1,3}\.){3}\d{1,3}/i;

/** Every regex of this rule (the ReDoS test checks each). */
export const patterns: readonly RegExp[] = [EMAIL, ROLE_LOCAL, PHONE, IPV4, AWS_ARN_ACCOUNT, ACCOUNT_KEYED, AZURE_SUBSCRIPTION, DOC_ACCOUNT, VERSION_BEFORE, NETWORK_CONTEXT];

const EMAIL_AT = new RegExp(EMAIL.source, 'y');
const LOCAL_CHAR = /[\w.%+-]/;

/** EMAIL's matches, found from each `@` (prose without `@` costs nothing). */
function findEmails(text: string): { 0: string; index: number }[] {
  const out: { 0: string; index: number }[] = [];
  let at = text.indexOf('@');
  let last = -1;
  while (at >= 0) {
    let s = at;
    while (s > 0 && at - s < 64 && LOCAL_CHAR.test(text[s - 1]!)) s--;
    while (s < at && !ALNUM.test(text[s]!)) s++;
    if (s < at && s > last) {
      EMAIL_AT.lastIndex = s;
      const m = EMAIL_AT.exec(text);
      if (m) {
        out.push({ 0: m[0], index: s });
        last = s + m[0].length;
      }
    }
    at = text.indexOf('@', at + 1);
  }
  return out;
}

type Kind = 'email' | 'phone' | 'account-id' | 'ip-address';

interface Found {
  start: number;
  end: number;
  kind: Kind;
  what: string;
  replacement: string;
}

/** The identifiers in `text` (one region of a runbook, see core/regions.ts), offsets relative to it. */
function identifiers(text: string, allowDomains: readonly string[], allowEmails: readonly string[]): Found[] {
  const out: Found[] = [];
  const add = (start: number, end: number, kind: Kind, what: string, replacement: string) => void out.push({ start, end, kind, what, replacement });
  const taken = new DisjointRanges();
  const overlaps = (s: number, e: number) => taken.overlaps(s, e);

  // Hosts of URLs: RB402 judges private ones; public IP hosts are reported here.
  for (const m of findUrls(text)) {
    const url = trimUrl(m.url);
    const p = splitUrl(url);
    if (!p) continue;
    taken.add(m.index, m.index + url.length);
    const ip = parseIpv4(p.host);
    if (ip && !isDocumentationIpv4(ip) && !isWellKnownIpv4(ip) && !isPrivateIpv4(ip) && !ipAllowed(ip, allowDomains)) {
      add(m.index + p.hostStart, m.index + p.hostEnd, 'ip-address', 'IP address of a host', '<host-ip>');
    }
  }

  for (const m of findEmails(text)) {
    // The domain needs a dot and a letters-only TLD; an address followed by `@` is a path or ref.
    const addr = m[0].replace(/[.-]+$/, '');
    if (!/@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}$/.test(addr) || text[m.index + m[0].length] === '@') continue;
    const [local, domain] = [addr.slice(0, addr.lastIndexOf('@')), addr.slice(addr.lastIndexOf('@') + 1)];
    if (overlaps(m.index, m.index + addr.length)) continue;
    if (allowEmails.includes(addr.toLowerCase()) || allowDomains.some((d) => domainMatches(domain, d))) continue;
    if (isDocumentationDomain(domain) || ROLE_LOCAL.test(local) || isRoleOrPlaceholder(local, domain)) continue;
    if (/\.(?:png|jpe?g|gif|svg|webp)$/i.test(domain) || /^(?:sha\d+|v?\d)/i.test(domain)) continue; // image@2x.png, name@sha256
    if (/noreply|users\.noreply\.github\.com$/i.test(domain)) continue;
    add(m.index, m.index + addr.length, 'email', 'personal email address', '<team-email>');
  }

  for (const m of text.matchAll(PHONE)) {
    const s = m[0];
    const digits = s.replace(/\D/g, '');
    if (digits.length < 10 || digits.length > 15) continue;
    if (overlaps(m.index, m.index + s.length)) continue;
    if (/555[ .-]?01\d\d$/.test(s) || /^\+?1?[ .-]?\(?555\)?/.test(s.replace(/^\+1/, ''))) continue; // fictional numbers
    // Dates, versions and timestamps look numeric too: need phone-like grouping.
    if (/^\d{4}[.-]\d{2}[.-]\d{2}/.test(s)) continue;
    const line = text.slice(text.lastIndexOf('\n', m.index) + 1, m.index);
    if (/\b(?:version|v|id|port|pid|uid|sha|build|ts|time|timestamp)\s*[:=]?\s*$/i.test(line)) continue;
    add(m.index, m.index + s.length, 'phone', 'phone number', '<phone>');
  }

  const accounts: [RegExp, string][] = [[AWS_ARN_ACCOUNT, 'cloud account id'], [ACCOUNT_KEYED, 'cloud account id'], [AZURE_SUBSCRIPTION, 'cloud subscription id']];
  for (const [re, what] of accounts) {
    for (const m of text.matchAll(re)) {
      const id = m[1]!;
      const s = m.index + m[0].lastIndexOf(id);
      if (DOC_ACCOUNT.test(id) || /^(\d)\1+$/.test(id)) continue;
      if (!taken.add(s, s + id.length)) continue;
      add(s, s + id.length, 'account-id', what, '<account-id>');
    }
  }

  for (const m of text.matchAll(IPV4)) {
    const ip = parseIpv4(m[0]);
    if (!ip || overlaps(m.index, m.index + m[0].length)) continue;
    if (isDocumentationIpv4(ip) || isWellKnownIpv4(ip) || isLoopbackIpv4(ip) || ipAllowed(ip, allowDomains)) continue;
    // Netmasks and version-like quads (`255.255.255.0`, `v1.2.3.4`, `"version": "6.0.3.4"`).
    if (ip.octets[0] === 255 || ip.octets[0] === 0 || /v$/i.test(text.slice(Math.max(0, m.index - 1), m.index))) continue;
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    let lineEnd = text.indexOf('\n', m.index);
    if (lineEnd < 0) lineEnd = text.length;
    const before = text.slice(Math.max(lineStart, m.index - 40), m.index);
    if (VERSION_BEFORE.test(before)) continue;
    // Network bounds, not hosts: a broadcast address, or a network address where the line speaks of
    // networks or ranges (`10.164.0.0 - 10.167.255.255`, a subnet table).
    const last = ip.octets[3];
    if (last === 255 || (last === 0 && NETWORK_CONTEXT.test(text.slice(lineStart, lineEnd)))) continue;
    add(m.index, m.index + m[0].length, 'ip-address', 'IP address of a host', '<host-ip>');
  }
  return out;
}

const rule: Rule = {
  id: 'RB403',
  name: 'private-identifier',
  description: 'No personal email addresses, phone numbers, cloud account ids or IP addresses of hosts (team addresses, configured domains and documentation ranges are fine).',
  rationale:
    'Personal contact details and infrastructure identifiers do not belong in documents that travel into tickets and chats. ' +
    'Role mailboxes (oncall@, sre@, …), addresses in `allow.emails`, domains and IP ranges in `allow.domains`, example.com and the documentation ranges of RFC 5737 / RFC 3849 are accepted. ' +
    'IPs inside URLs to private hosts, and IPv6 literals (checked inside URLs), are left to RB402.',
  dod: 'no-sensitive-data',
  defaultSeverity: 'warning',
  group: 'sensitive-data',
  presets: { strict: 'error' },
  fixable: 'suggestion',
  check(ctx) {
    const allowDomains = ctx.config.allow.domains;
    const allowEmails = ctx.config.allow.emails.map((e) => e.trim().toLowerCase());
    const found = scanRegions(ctx.runbook, `RB403\0${JSON.stringify([allowDomains, allowEmails])}`, (text) => identifiers(text, allowDomains, allowEmails), shiftSpan);
    for (const { start, end, kind, what, replacement } of found) {
      const range = { start, end };
      ctx.report({
        range,
        message: `Private identifier (${what}): runbooks get shared outside the team. Name the role or system instead, or allow-list it in .runbook-lint.yaml (allow.emails / allow.domains).`,
        fix: { title: `Replace the ${what} with ${replacement}`, safe: false, edits: [{ range, newText: replacement }] },
        meta: { kind },
      });
    }
  },
};

export default rule;
