// RB501: a runbook marked DEPRECATED at the top links to its replacement, and the link resolves.
import type { Rule } from '../types.js';
import { codeCover } from '../steps.js';
import { existingTarget, knowsTarget, resolveLink } from './rb505-link-target.js';
import { siteOf } from '../links.js';

const rule: Rule = {
  id: 'RB501',
  name: 'deprecated-replacement',
  description: 'A runbook marked `DEPRECATED` at the top links to its replacement, and the link resolves.',
  rationale: 'The seed\'s deprecation rule: mark it DEPRECATED at the top, point to the replacement, keep it for historical auditability.',
  defaultSeverity: 'error',
  group: 'lifecycle',
  fixable: false,
  check(ctx) {
    const rb = ctx.runbook;
    const firstH2 = rb.headings.find((h) => h.depth >= 2);
    const top = { start: rb.bodyStart, end: firstH2 ? firstH2.range.start : rb.text.length };
    const skip = codeCover(rb);
    const re = /\bDEPRECATED\b/g;
    re.lastIndex = top.start;
    let m: RegExpExecArray | null;
    let mark: { start: number; end: number } | undefined;
    while ((m = re.exec(rb.text)) && m.index < top.end) {
      const at = m.index;
      if (!skip.has(at)) {
        mark = { start: at, end: at + m[0].length };
        break;
      }
    }
    const fmStatus = rb.frontMatter?.data?.['status'];
    if (!mark && !(typeof fmStatus === 'string' && /^deprecated$/i.test(fmStatus))) return;
    mark ??= rb.h1?.range ?? { start: rb.bodyStart, end: rb.bodyStart };
    const links = rb.links.filter((l) => !l.image && l.range.start >= top.start && l.range.start < top.end);
    // A bare URL (the parser does not turn literal URLs into links) names an external replacement.
    if (!links.length && bareUrlIn(rb.text, top, skip)) return;
    if (!links.length) {
      ctx.report({ range: mark, message: 'This runbook is marked DEPRECATED but links to no replacement: add "Replaced by [new runbook](../category/file.md)" at the top.' });
      return;
    }
    const ok = links.some((l) => {
      const t = resolveLink(rb.path, l.url, { site: siteOf(rb.path, ctx.workspace, ctx.config.links), links: ctx.config.links });
      if (!t) return true; // external or templated: cannot be checked here
      if (t.path === '') return false;
      return !knowsTarget(ctx.workspace, ctx.config, t.path) || existingTarget(ctx.workspace, t) !== undefined;
    });
    if (!ok) ctx.report({ range: links[0]!.range, message: 'The replacement link of this DEPRECATED runbook does not resolve: point it at the runbook that replaces this one.' });
  },
};

function bareUrlIn(text: string, range: { start: number; end: number }, skip: { has(o: number): boolean }): boolean {
  const re = /(?<![\w/])(?:https?:\/\/|www\.)[^\s<>()]/gi;
  re.lastIndex = range.start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < range.end) if (!skip.has(m.index)) return true;
  return false;
}

export default rule;
