// RB402: a URL to a private address or internal host, or a URL whose query carries a token.
// `allow.domains` lists hosts that may appear (team domains, shared dashboards); the rule option
// `internalDomains` lists the organisation's own internal zones, which count as internal hosts.
import type { ReportInput, Rule } from '../types.js';
import { scanRegions, shiftReport } from '../regions.js';
import { detectSecrets, isPlaceholder } from '../secrets/index.js';
import {
  findUrls, trimUrl, splitUrl, parseIpv4, isPrivateIpv4, isLoopbackIpv4, isDocumentationIpv4, ipv6Class,
  isInternalHostname, isDocumentationDomain, domainMatches, ipAllowed,
} from '../secrets/network.js';

const TOKEN_PARAM = /^(?:token|access_token|id_token|refresh_token|auth|auth_token|authtoken|api_?key|apikey|key|sig|signature|x-amz-signature|x-amz-security-token|x-amz-credential|x-goog-signature|x-goog-credential|secret|client_secret|password|passwd|pwd|session|sessionid|session_id|jsessionid|sid|ticket)$/i;

/** Every regex of this rule (the ReDoS test checks each). */
export const patterns: readonly RegExp[] = [TOKEN_PARAM];

/** The private URLs and query tokens in `text` (one region of a runbook, see core/regions.ts), offsets relative to it. */
function privateUrls(text: string, internal: readonly string[], allowLoopback: boolean, allow: readonly string[]): ReportInput[] {
  const out: ReportInput[] = [];
  const report = (r: ReportInput) => void out.push(r);
  for (const m of findUrls(text)) {
    const url = trimUrl(m.url);
    const start = m.index;
    const parts = splitUrl(url);
    if (!parts || !parts.host || isPlaceholder(parts.host)) continue;
    const host = parts.host;
    if (allow.some((d) => domainMatches(host, d)) || isDocumentationDomain(host)) continue;
    const ip = parseIpv4(host);
    if (ip && ipAllowed(ip, allow)) continue;
    let why: string | undefined;
    if (ip) {
      if (isDocumentationIpv4(ip)) why = undefined;
      else if (isLoopbackIpv4(ip)) why = allowLoopback ? undefined : 'a loopback address';
      else if (isPrivateIpv4(ip)) why = 'a private address';
    } else {
      const v6 = ipv6Class(host);
      if (v6 === 'loopback') why = allowLoopback ? undefined : 'a loopback address';
      else if (v6 === 'link-local' || v6 === 'unique-local') why = 'a private address';
      else if (!v6 && /^localhost$/i.test(host)) why = allowLoopback ? undefined : 'localhost';
      else if (!v6 && isInternalHostname(host, internal)) why = 'an internal host';
    }
    if (why) {
      const range = { start, end: start + url.length };
      report({
        range,
        message: `URL to ${why}: runbooks get shared outside the team. Describe the service instead (e.g. "the Grafana dashboard for the cluster") or add the domain to allow.domains if it may be shared.`,
        fix: { title: 'Generalize the URL to <internal-url>', safe: false, edits: [{ range, newText: '<internal-url>' }] },
        meta: { reason: why === 'an internal host' ? 'internal-host' : why === 'a private address' ? 'private-address' : 'loopback' },
      });
      continue;
    }
    // Tokens in the query string (RB401 already reports recognised credential formats).
    if (!parts.query) continue;
    const qStart = start + url.indexOf('?') + 1;
    let off = 0;
    for (const pair of parts.query.split('&')) {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? '' : pair.slice(eq + 1);
      if (TOKEN_PARAM.test(name) && value.length >= 8 && !isPlaceholder(value) && !/^[$%{<]/.test(value) && detectSecrets(value).length === 0 && detectSecrets(pair).length === 0) {
        const vs = qStart + off + eq + 1;
        const range = { start: vs, end: vs + value.length };
        report({
          range,
          message: `URL query parameter "${name}" carries a token or signature: remove it and retrieve access through your team's secret procedure.`,
          fix: { title: 'Replace the query value with <token>', edits: [{ range, newText: '<token>' }] },
          meta: { reason: 'query-token', param: name },
        });
      }
      off += pair.length + 1;
    }
  }
  return out;
}

const rule: Rule = {
  id: 'RB402',
  name: 'private-url',
  description:
    'No URL to a private address or internal host (RFC 1918, link-local, `*.internal`, `*.local`, `*.corp`, configured internal domains; loopback only with `allowLoopback: false`), and no URL whose query carries a token or signature.',
  rationale:
    'Runbooks travel into tickets and chats outside the operator team; internal URLs map the network and tokens in query strings grant access. ' +
    'Hosts listed in `allow.domains` (or IP ranges such as `10.20.0.0/16`) are accepted; the option `internalDomains` adds your own internal zones; loopback URLs (`localhost`, `127.0.0.0/8`, `::1`, e.g. after `kubectl port-forward`) reveal nothing and are accepted unless `allowLoopback: false`.',
  dod: 'no-sensitive-data',
  defaultSeverity: 'warning',
  group: 'sensitive-data',
  presets: { strict: 'error' },
  fixable: 'suggestion',
  optionsSchema: {
    type: 'object',
    properties: {
      internalDomains: { type: 'array', items: { type: 'string' }, description: 'Domains that only resolve inside the organisation (e.g. `corp.example.net`).' },
      allowLoopback: { type: 'boolean', description: 'Accept URLs to localhost / 127.0.0.0/8 / ::1 (default true; false reports them as before).' },
    },
    additionalProperties: false,
  },
  check(ctx) {
    const internal = (ctx.options['internalDomains'] as string[] | undefined) ?? [];
    const allowLoopback = ctx.options['allowLoopback'] !== false;
    const allow = ctx.config.allow.domains;
    const key = `RB402\0${JSON.stringify([internal, allowLoopback, allow])}`;
    for (const r of scanRegions(ctx.runbook, key, (text) => privateUrls(text, internal, allowLoopback, allow), shiftReport)) ctx.report(r);
  },
};

export default rule;
