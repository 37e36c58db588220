// RB304: prose that widens exposure to unblock ("make it public", "temporarily open", "allow all",
// "disable auth"); the seed's fail-closed posture prefers rate limiting, narrowing access or rollback.
import type { Rule } from '../types.js';
import { codeCover } from '../steps.js';

const PHRASES: RegExp[] = [
  /\bmake (?:it|the [\w-]+(?: [\w-]+)?|them) public\b/gi,
  /\bmake public\b/gi,
  /\b(?:temporarily|briefly|just) (?:open|expose|widen|allow)\b/gi,
  /\bopen (?:it |the [\w-]+ )?(?:up )?to (?:the )?(?:world|internet|everyone|public|all)\b/gi,
  /\ballow[- ]all\b/gi,
  /\b(?:disable|turn off|switch off|remove|skip) (?:the )?(?:auth|authentication|authorization|authz|authn|tls verification|mtls)\b/gi,
  /\b(?:disable|turn off|remove|delete|bypass) (?:the )?(?:network ?polic(?:y|ies)|firewall|admission (?:webhook|controller)|policy (?:check|enforcement|boundary)|gatekeeper|kyverno|opa)\b/gi,
  /\bbypass (?:the )?(?:policy|policies|access (?:check|control)s?|trust membrane)\b/gi,
];

/** Words before a phrase that make it advice against the action, not for it. */
const NEGATION = /\b(?:not|never|no|don'?t|do not|avoid|instead of|rather than|over|without|prohibited|forbidden|unacceptable|must not|should not|shouldn'?t)\b[^.!?\n]*$/i;

const rule: Rule = {
  id: 'RB304',
  name: 'fail-closed',
  description: 'Prose does not suggest widening exposure to unblock ("make it public", "temporarily open", "allow all", "disable auth").',
  rationale: 'The seed\'s fail-closed posture: when unsure, reduce exposure rather than widen it — prefer temporary rate limiting, narrowing access, or rolling back.',
  defaultSeverity: 'warning',
  fixable: false,
  check(ctx) {
    const rb = ctx.runbook;
    const skip = codeCover(rb);
    for (const re of PHRASES) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(rb.text))) {
        const at = m.index;
        if (skip.has(at)) continue;
        const lineStart = rb.lines.lineStarts[rb.lines.positionAt(at).line]!;
        if (NEGATION.test(rb.text.slice(lineStart, at))) continue;
        ctx.report({
          range: { start: at, end: at + m[0].length },
          message: `"${m[0]}" widens exposure to unblock: prefer temporary rate limiting, narrowing access, or rolling back (fail-closed).`,
        });
      }
    }
  },
};

export default rule;
