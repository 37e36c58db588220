// `.runbook-lint.yaml`: parse + validate (schemas/runbook-lint.schema.json) + merge with defaults.
// Pure: the shells find the file and hand its text here. An invalid config is a positioned
// error, never a silent default.
import { parseDocument, isMap, isScalar, type Node } from 'yaml';
import type { ResolvedConfig, RuleConfig, RuleGroup, SeveritySetting } from './types.js';
import { LineIndex, lfForLoneCr, type Position } from './model/text.js';
import { yamlTooDeep } from './budget.js';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE } from './paths.js';
import { rules, ruleByIdOrName } from './rules/index.js';
import { compileSchema, describeSchemaError } from './schema.js';
import { presetSeverity, type PresetName } from './presets.js';
import { defaultLinksConfig } from './links.js';
import configSchema from '../../../schemas/runbook-lint.schema.json';
import runbookSchema from '../../../schemas/runbook.schema.json';

/** Top-level keys of the runbook front matter (the targets `aliases` may name). */
export const TEMPLATE_KEYS = Object.keys((runbookSchema as { properties: Record<string, unknown> }).properties);

export const DEFAULT_AREAS: Record<string, string> = {
  platform: 'PLAT',
  networking: 'NET',
  storage: 'STOR',
  gitops: 'GITOPS',
  cicd: 'CICD',
  security: 'SEC',
  'data-pipelines': 'DATA',
  observability: 'OBS',
  incidents: 'INC',
};

export { DEFAULT_INCLUDE, DEFAULT_EXCLUDE };

/** YAML files the editor checks as alert rules (besides `kind: PrometheusRule` documents). */
export const DEFAULT_ALERT_FILES = ['**/*.rules.y*ml', '**/*alerts*.y*ml'];

/** Alert `severity` label -> runbook severity offered first by "Create runbook for this alert". */
export const DEFAULT_SEVERITY_MAP: Record<string, string> = { critical: 'P1', page: 'P1', warning: 'P3', info: 'P4' };

export interface ConfigError {
  message: string;
  start: Position;
  end: Position;
}

export interface ConfigResult {
  config: ResolvedConfig;
  errors: ConfigError[];
}

export function defaultConfig(): ResolvedConfig {
  const r: Record<string, RuleConfig> = {};
  for (const rule of rules) r[rule.id] = { severity: rule.defaultSeverity, options: {} };
  return {
    include: [...DEFAULT_INCLUDE],
    exclude: [...DEFAULT_EXCLUDE],
    rules: r,
    review: { maxAgeDays: 180 },
    areas: { ...DEFAULT_AREAS },
    allow: { domains: [], emails: [], secrets: [] },
    codeowners: { requiredFor: ['security', 'storage', 'gitops'] },
    aliases: {},
    links: defaultLinksConfig(),
    urlTemplate: [],
    alerts: { files: [...DEFAULT_ALERT_FILES], severityMap: { ...DEFAULT_SEVERITY_MAP } },
  };
}

/** The user-facing shape of the config file (also the shape of VS Code `runbooks.*` settings). */
export interface RawConfig {
  extends?: PresetName;
  groups?: Partial<Record<RuleGroup, SeveritySetting>>;
  aliases?: Record<string, string>;
  include?: string[];
  exclude?: string[];
  rules?: Record<string, SeveritySetting | ({ severity?: SeveritySetting } & Record<string, unknown>)>;
  review?: { maxAgeDays?: number };
  areas?: Record<string, string>;
  allow?: { domains?: string[]; emails?: string[]; secrets?: string[] };
  codeowners?: { requiredFor?: string[] };
  links?: { extensions?: string[]; siteRoot?: string; detect?: boolean };
  urlTemplate?: string | string[];
  alerts?: { files?: string[]; repository?: string; severityMap?: Record<string, string> };
}

let validate: ReturnType<typeof compileSchema> | undefined;

/** Parses and validates config text. Errors carry positions in that file. */
export function parseConfig(text: string): { raw: RawConfig; errors: ConfigError[] } {
  const lines = new LineIndex(text);
  const pos = (o: number): Position => lines.positionAt(o);
  // Nesting over the budget never reaches the YAML parser (it recurses per level: issue 21 D11).
  const deep = yamlTooDeep(text);
  if (deep) return { raw: {}, errors: [{ message: `The config ${deep.message}: not read (no config is that deep).`, start: pos(deep.offset), end: pos(deep.offset + 1) }] };
  const doc = parseDocument(lfForLoneCr(text), { prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const errors: ConfigError[] = [];
  for (const e of doc.errors) {
    const [s, en] = e.pos ?? [0, 1];
    errors.push({ message: `YAML error: ${e.message.split('\n')[0]}`, start: pos(s), end: pos(Math.max(en, s + 1)) });
  }
  if (errors.length) return { raw: {}, errors };
  let value: unknown;
  try {
    value = (doc.toJS({ maxAliasCount: 100 }) ?? {}) as unknown;
  } catch (e) {
    // An alias bomb (aliases of aliases expanding to millions of nodes): refused where the first alias is.
    const at = Math.max(0, text.search(/(?:^|[\s,[{])\*[^\s,\]}]/));
    return { raw: {}, errors: [{ message: `YAML error: ${e instanceof Error ? e.message.split('\n')[0] : String(e)} (aliases expand too far).`, start: pos(at), end: pos(at + 1) }] };
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { raw: {}, errors: [{ message: 'The config must be a mapping of keys (extends, groups, include, exclude, rules, review, areas, allow, aliases, links).', start: pos(0), end: pos(text.length) }] };
  }
  validate ??= compileSchema(configSchema as Record<string, unknown>);
  for (const e of validate(value)) {
    // Unknown rule names get their own sentence below; oneOf noise repeats the branch errors.
    if (e.instancePath === '/rules' && e.keyword === 'additionalProperties') continue;
    if (e.keyword === 'oneOf') continue;
    const path = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const r = nodeRange(doc.contents as Node | null, path, e.keyword === 'additionalProperties' ? String(e.params['additionalProperty']) : undefined);
    errors.push({ message: describeSchemaError(e, 'config'), start: pos(r[0]), end: pos(r[1]) });
  }
  const raw = value as RawConfig;
  for (const [key, r] of Object.entries(raw.rules ?? {})) {
    if (!ruleByIdOrName(key)) {
      const range = nodeRange(doc.contents as Node | null, ['rules'], key);
      errors.push({ message: `Unknown rule "${key}" in rules: use a rule id (RB101) or name (front-matter-missing).`, start: pos(range[0]), end: pos(range[1]) });
    } else if (r && typeof r === 'object') {
      const rule = ruleByIdOrName(key)!;
      const { severity: _s, ...opts } = r as Record<string, unknown>;
      const known = Object.keys((rule.optionsSchema?.['properties'] as Record<string, unknown> | undefined) ?? {});
      for (const k of Object.keys(opts)) {
        if (!known.includes(k)) {
          const range = nodeRange(doc.contents as Node | null, ['rules', key], k);
          errors.push({ message: `Rule ${rule.id} has no option "${k}"${known.length ? ` (options: ${known.join(', ')})` : ''}.`, start: pos(range[0]), end: pos(range[1]) });
        }
      }
    }
  }
  for (const key of Object.keys(raw.aliases ?? {})) {
    if (!TEMPLATE_KEYS.includes(key)) continue;
    const range = nodeRange(doc.contents as Node | null, ['aliases'], key);
    errors.push({ message: `\`${key}\` is a template key itself; an alias maps a key your runbooks use instead (e.g. last_reviewed_on: last_reviewed).`, start: pos(range[0]), end: pos(range[1]) });
  }
  errors.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
  return { raw: errors.length ? {} : raw, errors };
}

function nodeRange(root: Node | null, path: string[], key?: string): [number, number] {
  let node: Node | null = root;
  let best: [number, number] = root?.range ? [root.range[0], root.range[1]] : [0, 1];
  const steps = key !== undefined ? [...path, key] : path;
  for (let i = 0; i < steps.length; i++) {
    if (!node || !isMap(node)) break;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === steps[i]);
    if (!pair) break;
    const k = pair.key as Node;
    const isLastKey = key !== undefined && i === steps.length - 1;
    if (isLastKey && k.range) return [k.range[0], k.range[1]];
    node = pair.value as Node | null;
    if (node?.range) best = [node.range[0], node.range[1]];
    else if (k.range) best = [k.range[0], k.range[1]];
  }
  return best[1] > best[0] ? best : [best[0], best[0] + 1];
}

/**
 * Merges layers onto the defaults: later layers win (file, then editor settings). Within a layer
 * the preset (`extends`) sets every rule's severity, then `groups` set whole groups, then `rules`
 * set single rules.
 */
export function resolveConfig(...layers: (RawConfig | undefined)[]): ResolvedConfig {
  const c = defaultConfig();
  for (const raw of layers) {
    if (!raw) continue;
    if (raw.extends) for (const rule of rules) c.rules[rule.id]!.severity = presetSeverity(rule, raw.extends);
    for (const [group, severity] of Object.entries(raw.groups ?? {})) {
      for (const rule of rules) if (rule.group === group && severity) c.rules[rule.id]!.severity = severity;
    }
    if (raw.aliases) c.aliases = { ...c.aliases, ...raw.aliases };
    if (raw.include?.length) c.include = [...raw.include];
    if (raw.exclude) c.exclude = [...DEFAULT_EXCLUDE.filter((e) => !raw.exclude!.includes('!' + e)), ...raw.exclude.filter((e) => !e.startsWith('!'))];
    if (raw.review?.maxAgeDays !== undefined) c.review.maxAgeDays = raw.review.maxAgeDays;
    if (raw.areas) c.areas = { ...c.areas, ...raw.areas };
    if (raw.allow) {
      c.allow = {
        domains: [...c.allow.domains, ...(raw.allow.domains ?? [])],
        emails: [...c.allow.emails, ...(raw.allow.emails ?? [])],
        secrets: [...c.allow.secrets, ...(raw.allow.secrets ?? [])],
      };
    }
    if (raw.codeowners?.requiredFor) c.codeowners.requiredFor = [...raw.codeowners.requiredFor];
    if (raw.links) {
      if (raw.links.extensions) c.links.extensions = [...raw.links.extensions];
      if (raw.links.siteRoot !== undefined) c.links.siteRoot = raw.links.siteRoot;
      if (raw.links.detect !== undefined) c.links.detect = raw.links.detect;
    }
    if (raw.urlTemplate !== undefined) c.urlTemplate = (Array.isArray(raw.urlTemplate) ? raw.urlTemplate : [raw.urlTemplate]).filter((t) => typeof t === 'string' && t.trim());
    if (raw.alerts) {
      if (raw.alerts.files?.length) c.alerts.files = [...raw.alerts.files];
      if (raw.alerts.repository) c.alerts.repository = raw.alerts.repository;
      if (raw.alerts.severityMap) c.alerts.severityMap = { ...c.alerts.severityMap, ...raw.alerts.severityMap };
    }
    for (const [key, v] of Object.entries(raw.rules ?? {})) {
      const rule = ruleByIdOrName(key);
      if (!rule) continue;
      const cur = c.rules[rule.id]!;
      if (typeof v === 'string') c.rules[rule.id] = { severity: v, options: cur.options };
      else if (v && typeof v === 'object') {
        const { severity, ...opts } = v;
        c.rules[rule.id] = { severity: severity ?? cur.severity, options: { ...cur.options, ...opts } };
      }
    }
  }
  return c;
}
