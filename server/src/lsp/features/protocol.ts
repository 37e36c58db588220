// Custom requests between the VS Code client and the server (types only: the client imports
// them too). Any LSP client may use them; none is needed for the standard features.
import type { Range } from 'vscode-languageserver-types';
import type { DodItem } from '../../core/types.js';
import type { RunbookPrefill } from '../../core/alert-features.js';

/** `runbooks/dodReport`: the seven Definition-of-Done items of one runbook. */
export const DOD_REPORT = 'runbooks/dodReport';
export interface DodReportParams {
  uri: string;
}
export interface DodFindingRef {
  ruleId: string;
  message: string;
  range: Range;
}
export interface DodItemResult {
  id: DodItem;
  label: string;
  pass: boolean;
  /** A human step (owner review) that nothing fails: counted, but a person still confirms it. */
  manual: boolean;
  /** Why it failed or is manual, when the findings alone do not say it. */
  note?: string;
  findings: DodFindingRef[];
}
export interface DodReportResult {
  uri: string;
  /** Items the tool saw pass (a manual item is not counted): the n of `DoD n/7`. */
  passed: number;
  total: number;
  items: DodItemResult[];
  /** `related_alerts` entries that name no alert rule of the workspace (RB506), where they are. */
  unknownAlerts?: { name: string; range: Range }[];
}

/** `runbooks/summaries`: front-matter facts + DoD score of many files (tree view, Check All). */
export const SUMMARIES = 'runbooks/summaries';
export interface SummariesParams {
  uris: string[];
  /** Also publish diagnostics for the files that are not open (Check All Runbooks). */
  publish?: boolean;
}
export interface RunbookSummary {
  uri: string;
  path?: string;
  /** Set when the file could not be read or checked. */
  error?: string;
  runbookId?: string;
  title?: string;
  owner?: string;
  severity?: string;
  lastReviewed?: string;
  category?: string;
  maxAgeDays: number;
  errors: number;
  warnings: number;
  dod: { passed: number; total: number };
  /** The step headings in document order, with their kind and the findings inside each. */
  steps?: StepSummary[];
}

export interface StepSummary {
  /** The heading text: `Step 2A — Diagnose <cause A>`. */
  title: string;
  /** `triage`, `diagnose`, `mitigation`, `verification`, `prevention`, or `step` when its name says none. */
  kind: string;
  /** 0-based line of the heading. */
  line: number;
  errors: number;
  warnings: number;
  /** Rule ids of the findings inside the step, each once. */
  ruleIds: string[];
}

/** `runbooks/nextId`: the next free id for a (new) file's category, from the server's config. */
export const NEXT_ID = 'runbooks/nextId';
export interface NextIdParams {
  /** Where the new file will be. */
  uri: string;
  /** Ids the client knows are taken (files the index may not hold yet). */
  usedIds: string[];
}

/** Client command "Create runbook for this alert": New Runbook… pre-filled from an alert rule. */
export const CREATE_RUNBOOK_FOR_ALERT = 'runbooks.createRunbookForAlert';
export interface CreateRunbookForAlertArgs extends RunbookPrefill {
  /** The rule file. */
  uri: string;
}

/** `runbooks/alertRunbookLink`: the edit that points an alert's runbook link at a runbook. */
export const ALERT_RUNBOOK_LINK = 'runbooks/alertRunbookLink';
export interface AlertRunbookLinkParams {
  uri: string;
  alert: string;
  /** The alert's line (0-based) when the command was offered. */
  line: number;
  runbookUri: string;
}
export type AlertRunbookLinkResult = { range: Range; newText: string } | { error: string };

/** `runbooks/alertsWithoutRunbooks`: alerts with no runbook or a dangling link (the Runbooks view). */
export const ALERTS_WITHOUT_RUNBOOKS = 'runbooks/alertsWithoutRunbooks';
export interface AlertWithoutRunbook {
  name: string;
  severity?: string;
  status: 'missing' | 'dangling';
  /** Its severity pages (RB602's severities). */
  paging: boolean;
  uri: string;
  line: number;
  /** Where a dangling link points (repository-relative), when known. */
  target?: string;
  create: CreateRunbookForAlertArgs;
}
