// RB304: prose that widens exposure to unblock ("make it public", "temporarily open", "allow all",
// "disable auth"); the seed's fail-closed posture prefers rate limiting, narrowing access or rollback.
import type { Rule } from '../types.js';
import { codeCover } from '../steps.js';
import { scanRegions } from '../regions.js';

export const PHRASES: RegExp[] = [
  /\bmake (?:it|the [\w-]+(?: [\w-]+)?|them) public\b/gi,
  /\bmake public\b/gi,
  /\b(?:temporarily|briefly|just) (?:open|expose|widen|allow)\b/gi,
  /\bopen (?:it |the [\w-]+ )?(?:up )?to (?:the )?(?:world|internet|everyone|public|all)\b/gi,
  /\ballow[- ]all\b/gi,
  /\b(?:disable|turn off|switch off|remove|skip) (?:the )?(?:auth|authentication|authorization|authz|authn|tls verification|mtls)\b/gi,
  /\b(?:disable|turn off|remove|delete|bypass) (?:the )?(?:network ?polic(?:y|ies)|firewall|admission (?:webhook|controller)|(?:admission |validating |mutating )?webhook (?:polic(?:y|ies)|configuration)|policy (?:check|enforcement|boundary)|gatekeeper|kyverno|opa)\b/gi,
  /\bbypass (?:the )?(?:policy|policies|access (?:check|control)s?|trust membrane)\b/gi,
];

/** The first words of the phrases above (a test checks every phrase starts with one). */
const FIRST_WORD = /\b(?:make|temporarily|briefly|just|open|allow|disable|turn|switch|remove|skip|delete|bypass)\b/gi;
const STICKY = PHRASES.map((re) => new RegExp(re.source, 'iy'));

/**
 * Every match of every phrase, in phrase order then text order. Each phrase starts with a word of
 * FIRST_WORD: one scan finds where a phrase may start, then each phrase is tried there (sticky),
 * never inside its own previous match — the matches of a global scan per phrase, in one pass.
 */
export function phraseMatches(text: string): { at: number; text: string; i: number }[] {
  const found: { at: number; text: string; i: number }[] = [];
  const nextFrom = PHRASES.map(() => 0);
  const first = new RegExp(FIRST_WORD.source, FIRST_WORD.flags);
  let w: RegExpExecArray | null;
  while ((w = first.exec(text))) {
    const at = w.index;
    for (let i = 0; i < STICKY.length; i++) {
      if (at < nextFrom[i]!) continue;
      const re = STICKY[i]!;
      re.lastIndex = at;
      const m = re.exec(text);
      if (!m) continue;
      nextFrom[i] = at + m[0].length;
      found.push({ at, text: m[0], i });
    }
  }
  return found.sort((a, b) => a.i - b.i || a.at - b.at);
}

/**
 * Advice, not a description: the phrase starts its clause (an imperative: "Make it public",
 * "…, temporarily open the port"), or follows a modal or a connective ("you can temporarily open",
 * "update or remove the webhook policy", "and make the bucket public"). A subject and its verb
 * before it describe what is ("the ACL is configured to allow all traffic", "applications that
 * just expose an API").
 */
const ADVICE_LEAD = /(?:^|\b(?:you|we|they|one|operators?|admins?)?\s*(?:can|could|should|may|might|must|need to|needs to|have to|has to|try to|want to|will need to|is to|are to)\s*|\b(?:please|then|first|simply|just|or|and|try|consider|otherwise|instead)\s+|\bto unblock\s+)$/i;
const LIST_START = /^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/;

/** Where the clause holding the end of `line` starts: after a sentence end, colon, semicolon, comma or dash, else after a list marker. */
function clauseStart(line: string): number {
  for (let i = line.length - 2; i >= 0; i--) {
    const c = line[i]!;
    const next = line[i + 1]!;
    if ((c === '.' || c === '!' || c === '?' || c === ':' || c === ';' || c === ',') && (next === ' ' || next === '\t')) return i + 2;
    if ((c === '—' || c === '–' || c === '-') && next === ' ' && i > 0 && line[i - 1] === ' ') return i + 2;
  }
  return LIST_START.exec(line)?.[0].length ?? 0;
}

function isAdvice(lineBefore: string): boolean {
  const clause = lineBefore.slice(clauseStart(lineBefore)).replace(EMPHASIS, '').trimStart();
  return ADVICE_LEAD.test(clause);
}
const EMPHASIS = /\*\*|__|`/g;

/** Words before a phrase that make it advice against the action, not for it. */
const NEGATION = /\b(?:not|never|no|don'?t|do not|avoid|instead of|rather than|over|without|prohibited|forbidden|unacceptable|must not|should not|shouldn'?t)\b[^.!?\n]*$/i;

const rule: Rule = {
  id: 'RB304',
  name: 'fail-closed',
  description: 'Prose does not suggest widening exposure to unblock ("make it public", "temporarily open", "allow all", "disable auth").',
  rationale: 'The seed\'s fail-closed posture: when unsure, reduce exposure rather than widen it — prefer temporary rate limiting, narrowing access, or rolling back.',
  defaultSeverity: 'warning',
  group: 'safety',
  presets: { strict: 'error' },
  fixable: false,
  check(ctx) {
    const rb = ctx.runbook;
    const skip = codeCover(rb);
    // Phrases never span a line, so never a region cut (core/regions.ts): found section by section, memoized.
    const found = scanRegions(rb, 'RB304', phraseMatches, (m, by) => ({ ...m, at: m.at + by })).sort((a, b) => a.i - b.i || a.at - b.at);
    for (const { at, text } of found) {
      if (skip.has(at)) continue;
      const lineStart = rb.lines.lineStarts[rb.lines.positionAt(at).line]!;
      const before = rb.text.slice(lineStart, at);
      if (NEGATION.test(before) || !isAdvice(before)) continue;
      ctx.report({
        range: { start: at, end: at + text.length },
        message: `"${text}" widens exposure to unblock: prefer temporary rate limiting, narrowing access, or rolling back (fail-closed).`,
      });
    }
  },
};

export default rule;
