// RB405: a pasted log longer than 40 lines ("Avoid pasting full logs when snippets suffice").
import type { Rule } from '../types.js';

// Regular expressions at module level: a literal inside a function is a new RegExp object at every
// evaluation (~0.1 µs and ~56 bytes), and these run per code block of every check.
const LINE_BREAK = /\r?\n/;
const LOG_LANG = /^(?:log|logs|console|output|text|plaintext|txt)$/;

// Lines that look like log output: timestamps, levels, klog/glog prefixes, JSON log records.
const LOG_LINE = new RegExp(
  [
    String.raw`^\s*\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}`, // ISO timestamp
    String.raw`^\s*\[?\d{2}:\d{2}:\d{2}`, // time of day
    String.raw`^\s*[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2}`, // syslog
    String.raw`^[IWEF]\d{4} \d{2}:\d{2}:\d{2}`, // klog
    String.raw`^\s*\[?(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|FATAL|CRIT|CRITICAL|PANIC)\]?[\s:|]`,
    String.raw`\b(?:level|lvl|severity)=["']?(?:trace|debug|info|warn|warning|error|fatal|crit)`,
    String.raw`^\s*\{.*"(?:level|severity|msg|message|ts|time|@timestamp)"\s*:`,
    String.raw`^\d+\.\d+ \w`, // uptime-prefixed (dmesg)
    String.raw`^\s*at [\w$.<>]+\(.*\)$`, // stack frames
  ].join('|'),
  'i',
);

/** Every regex of this rule (the ReDoS test checks each). */
export const patterns: readonly RegExp[] = [LOG_LINE];

const rule: Rule = {
  id: 'RB405',
  name: 'log-dump',
  description: 'No pasted log longer than 40 lines: a snippet of the lines that matter suffices.',
  rationale: 'The seed: "Avoid pasting full logs when snippets suffice." Long logs hide the signal and often carry identifiers, tokens or customer data. Keep the telling lines and reference the full log in the incident record.',
  dod: 'no-sensitive-data',
  defaultSeverity: 'info',
  group: 'sensitive-data',
  presets: { strict: 'warning' },
  fixable: false,
  optionsSchema: {
    type: 'object',
    properties: { maxLines: { type: 'integer', minimum: 1, description: 'Longest log excerpt accepted (default 40).' } },
    additionalProperties: false,
  },
  check(ctx) {
    const max = typeof ctx.options['maxLines'] === 'number' ? (ctx.options['maxLines'] as number) : 40;
    for (const cb of ctx.runbook.codeBlocks) {
      // No more lines than the limit at all (nearly every block): nothing to split and filter.
      if (lineBreaks(cb.value, max) < max) continue;
      const lines = cb.value.split(LINE_BREAK).filter((l) => l.trim() !== '');
      if (lines.length <= max) continue;
      const logLike = lines.filter((l) => LOG_LINE.test(l)).length;
      const lang = (cb.lang ?? '').toLowerCase();
      const declaredLog = LOG_LANG.test(lang);
      if (logLike < lines.length * 0.5 && !(declaredLog && logLike >= lines.length * 0.25)) continue;
      const firstLineEnd = ctx.runbook.text.indexOf('\n', cb.range.start);
      ctx.report({
        range: { start: cb.range.start, end: firstLineEnd < 0 || firstLineEnd > cb.range.end ? cb.range.end : firstLineEnd },
        message: `Pasted log of ${lines.length} lines (over ${max}): keep the few lines that show the problem and point to the full log in the incident record.`,
        meta: { lines: lines.length },
      });
    }
  },
};

export default rule;

/** Line feeds in `text`, counting stops past `limit`. */
function lineBreaks(text: string, limit: number): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at >= 0 && n <= limit; at = text.indexOf('\n', at + 1)) n++;
  return n;
}
