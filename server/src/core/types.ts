// Public types of the pure core: rules, findings, fixes, config and workspace facts.
import type { OffsetRange } from './model/text.js';
import type { Runbook } from './model/runbook.js';
import type { Suppression } from './suppress.js';
import type { Degradation } from './budget.js';
import type { AlertRule, AlertRulesFile } from './alert-rules.js';
import type { AlertCoverage } from './coverage.js';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** What a rule is about; `groups:` in the config sets a whole group at once (core/presets.ts). */
export type RuleGroup = 'meta' | 'structure' | 'lifecycle' | 'safety' | 'sensitive-data' | 'links';

/** The seven Definition-of-Done items of the seed README. */
export type DodItem = 'structure' | 'rollback' | 'no-sensitive-data' | 'verification' | 'audit' | 'owner-review' | 'last-reviewed';

export interface TextEdit {
  range: OffsetRange;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe fixes are applied by fix-all and `runbook-lint --fix`; unsafe ones only on request. */
  safe?: boolean;
}

export interface RelatedInfo {
  message: string;
  /** Workspace-relative path of another file; absent means this document. */
  path?: string;
  range?: OffsetRange;
  /** Line/character range in another file (when offsets of that file are not known). */
  lineRange?: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface Finding {
  ruleId: string;
  ruleName: string;
  severity: Severity;
  message: string;
  range: OffsetRange;
  fix?: Fix;
  related?: RelatedInfo[];
  /** Extra machine-readable facts (never a secret value): e.g. secret kind and fingerprint. */
  meta?: Record<string, string | number | boolean>;
}

export interface RuleMeta {
  id: string;
  name: string;
  description: string;
  /** A longer rationale for the docs page. */
  rationale?: string;
  dod?: DodItem;
  defaultSeverity: Severity;
  group: RuleGroup;
  /** Severity under the `strict` and `existing-repo` presets where it differs from the default
   *  (`recommended` is the default severity). */
  presets?: { strict?: SeveritySetting; 'existing-repo'?: SeveritySetting };
  /** `true`: safe fixes (fix-all and `--fix` apply them); `'suggestion'`: fixes only the author applies (quick fix, `--fix --rule <id>`). */
  fixable: boolean | 'suggestion';
  /** JSON schema of the rule's options (merged into the config schema). */
  optionsSchema?: Record<string, unknown>;
  /** Rules that still run on files over the size limit (secrets). */
  runsOnLargeFiles?: boolean;
  /** Rules that also run on templates (`_templates/`). */
  runsOnTemplates?: boolean;
  /** What a finding is about, for `runbook-lint --changed --filter-mode added`: `change` = the
   *  file's change as a whole (shown whenever the file changed). Default: its own lines. */
  subject?: 'change';
  /** Runs after suppressions were applied (the suppression rules themselves). */
  post?: boolean;
  /** Rules of alert rule files (YAML), run by core/alert-check.ts instead of on runbooks. */
  appliesTo?: 'alert-rules';
}

export interface ReportInput {
  range: OffsetRange;
  message: string;
  fix?: Fix;
  related?: RelatedInfo[];
  meta?: Record<string, string | number | boolean>;
  /** Overrides the configured severity (e.g. RB101 loose metadata is a warning). */
  severity?: Severity;
}

export interface RuleContext {
  runbook: Runbook;
  config: ResolvedConfig;
  options: Record<string, unknown>;
  workspace: WorkspaceFacts;
  /** Local date, `YYYY-MM-DD`. */
  today: string;
  /** Category folder of the file (first folder below `runbooks/`), if any. */
  category?: string;
  /** Set in changed-files mode: the file changed against the base. */
  changed?: { lastReviewedChanged: boolean };
  /** Parsed suppression comments, with use counts; set for `post` rules (RB001, RB002). */
  suppressions?: Suppression[];
  /** For a rule that `runsLast` (RB004): the findings the other rules left out over the findings budget. */
  leftOut?: Degradation[];
  report(f: ReportInput): void;
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
  /** For `appliesTo: 'alert-rules'`: checks one alert rule file. */
  checkAlerts?(ctx: AlertFileContext): void;
  /** Runs after every other rule that is not `post` (RB004: it reports what they left out, see `leftOut`). */
  runsLast?: boolean;
}

/** What a rule of alert rule files sees: the parsed file and each alert's coverage. */
export interface AlertFileContext {
  /** Repository-relative path of the rule file. */
  path: string;
  text: string;
  file: AlertRulesFile;
  config: ResolvedConfig;
  options: Record<string, unknown>;
  workspace: WorkspaceFacts;
  /** Where each alert of this file (as typed) leads. */
  coverage(alert: AlertRule): AlertCoverage;
  report(f: ReportInput): void;
}

export interface RuleConfig {
  severity: SeveritySetting;
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  include: string[];
  exclude: string[];
  rules: Record<string, RuleConfig>;
  review: { maxAgeDays: number };
  areas: Record<string, string>;
  allow: { domains: string[]; emails: string[]; secrets: string[] };
  codeowners: { requiredFor: string[] };
  /** Foreign front-matter key -> the template key it stands for (`last_reviewed_on: last_reviewed`). */
  aliases: Record<string, string>;
  /** How relative links resolve (RB505, RB501): static-site source extensions and site root. */
  links: { extensions: string[]; siteRoot?: string; detect: boolean };
  /** Site URLs of runbooks ↔ runbook files, e.g. `https://runbooks.example.com/{path}` (`{path}`, `{alert}`). */
  urlTemplate: string[];
  alerts: AlertsConfig;
}

/** Alert rule files and their links to runbooks (the `alerts` section of the config). */
export interface AlertsConfig {
  /** YAML files checked as alert rules (besides any `kind: PrometheusRule` document). */
  files: string[];
  /** This repository (`org/repo`) when git's `origin` does not say it. */
  repository?: string;
  /** Alert `severity` label -> runbook severity, for "Create runbook for this alert". */
  severityMap: Record<string, string>;
}

/** Facts about the rest of the workspace, gathered by the shell (server or CLI). */
export interface RunbookFact {
  path: string;
  runbookId?: string;
  title?: string;
  category?: string;
  owner?: string;
  systems?: string[];
  severity?: string;
  lastReviewed?: string;
  headings?: string[];
  /** Explicit anchors (`<a name="x">`, `id="x"`, `{#x}`), lower case. */
  anchors?: string[];
  /** Line of the `runbook_id` key (0-based), for related information. */
  idLine?: number;
  /** The `related_alerts` names (placeholders left out). */
  relatedAlerts?: string[];
}

export interface CodeownersRule {
  pattern: string;
  owners: string[];
  line: number;
}

export interface AlertFact {
  name: string;
  expr?: string;
  severity?: string;
  path: string;
  line: number;
  /** The runbook annotation (`runbook_url`, `runbook`, …: core/alert-rules.ts RUNBOOK_KEYS) and its key. */
  runbookUrl?: string;
  runbookKey?: string;
  /** Other annotation values that may link into the runbook tree. */
  links?: string[];
  /** `summary` and `description` annotations (cut to 300 characters). */
  summary?: string;
  description?: string;
  /** Read line by line from a file that did not parse: the name is known, the annotations are not. */
  unparsed?: boolean;
}

export interface WorkspaceFacts {
  runbooks: RunbookFact[];
  codeowners?: { path: string; rules: CodeownersRule[] };
  alerts: AlertFact[];
  /** This repository on GitHub/GitLab (`org/repo`, from git's `origin`), to map `runbook_url` links to files. */
  repository?: string;
  /** Whether a workspace-relative path exists (files and folders). */
  exists?(path: string): boolean;
}

export const EMPTY_WORKSPACE: WorkspaceFacts = { runbooks: [], alerts: [] };
