// Custom requests for the pictures (types only: the VS Code client imports them too). Any LSP
// client may use them: `runbooks/stepGraph` for a runbook's step graph drawn as SVG, and
// `runbooks/healthReport` for the health report of many runbooks as one HTML page.
import type { NodeMark } from '../../core/graph/model.js';

/** `runbooks/stepGraph`: the step graph of one document as it is now (open text, else the file). */
export const STEP_GRAPH = 'runbooks/stepGraph';
export interface StepGraphParams {
  uri: string;
}
export interface StepGraphResult {
  uri: string;
  /** The document version drawn (open documents). */
  version?: number;
  title: string;
  /** SVG markup without a <style> (the viewer styles `.rb-graph`, see core/graph/style.ts); texts are escaped and secrets redacted. */
  svg: string;
  nodes: { id: string; line: number; marks: NodeMark[] }[];
  steps: number;
}

/** `runbooks/healthReport`: the health report of the given runbooks as one HTML page. */
export const HEALTH_REPORT = 'runbooks/healthReport';
export interface HealthReportParams {
  uris: string[];
  /** Nonce for the page's inline <style> and <script> (its CSP allows nothing else). */
  nonce: string;
}
export interface HealthReportResult {
  html: string;
  runbooks: number;
}
