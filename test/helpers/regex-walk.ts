// Finds every regular expression written in TypeScript sources: regex literals and `new RegExp(…)` /
// `RegExp(…)` calls with literal arguments (dynamic ones are listed separately), with the file and line.
import ts from 'typescript';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface FoundRegex {
  file: string;
  line: number;
  source: string;
  flags: string;
}

export interface RegexInventory {
  regexes: FoundRegex[];
  /** `new RegExp(expr)` whose pattern is built at run time. */
  dynamic: { file: string; line: number; text: string }[];
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (e.endsWith('.ts') && !e.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

export function findRegexes(dir: string, root = dir): RegexInventory {
  const inv: RegexInventory = { regexes: [], dynamic: [] };
  for (const file of tsFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const rel = relative(root, file);
    const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const lit = n.getText(sf);
        const slash = lit.lastIndexOf('/');
        inv.regexes.push({ file: rel, line: lineOf(n), source: lit.slice(1, slash), flags: lit.slice(slash + 1) });
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
        const [pat, flags] = n.arguments ?? [];
        const str = (a: ts.Expression | undefined) => (a && (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a)) ? a.text : undefined);
        const source = str(pat);
        const f = flags === undefined ? '' : str(flags);
        if (source !== undefined && f !== undefined) inv.regexes.push({ file: rel, line: lineOf(n), source, flags: f });
        else if (pat && !ts.isRegularExpressionLiteral(pat)) inv.dynamic.push({ file: rel, line: lineOf(n), text: n.getText(sf).slice(0, 120) });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return inv;
}
