// Glob matching in linear time (issue 21 D8). picomatch compiles a glob to a backtracking regular
// expression: `*a*a*a*a*a*a*a*a*a*a*a*a*a*b` against a long file name takes minutes, and CODEOWNERS lines
// and config globs are ordinary repository content. Here a glob becomes a small NFA (Thompson), simulated
// as a lazily built DFA: every path character costs one table lookup once its state is cached, and at most
// (pattern states) steps otherwise, whatever the pattern.
//
// Syntax (picomatch's, for what runbook globs use): `*` (within a segment), `**` (a whole segment: any
// number of segments, also none), `?`, `[abc]` `[a-z]` `[!a]` `[^a]` (and `[[:alpha:]]`-style classes),
// `{a,b}` (nested), `\x` escapes, extglobs `@(a|b)` `?(…)` `+(…)` `*(…)`, and a leading `!` that negates
// the whole glob. `!(…)` is not supported (it is taken literally). Options: `dot` (whether `*`, `?` and `**`
// match names that start with `.`).
//
// Public API: globMatcher(glob | globs, { dot }) -> (path) => boolean

export interface GlobOptions {
  /** `*`, `?` and `**` also match names starting with `.` (default false). */
  dot?: boolean;
}

// ---------------------------------------------------------------------------------------------- AST

type Node =
  | { t: 'lit'; c: number }
  | { t: 'class'; test: (c: number) => boolean; segStart: boolean; explicit?: boolean } // one character, never `/` (explicit: a `[…]` class, which may name `.`)
  | { t: 'star'; segStart: boolean } // any run of non-`/` characters
  | { t: 'globstar'; slash: boolean } // any number of whole segments (`**/`: each followed by `/`)
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; items: Node[] }
  | { t: 'rep'; item: Node; min: 0 | 1; max: 1 | typeof Infinity };

const SLASH = 47;
const DOT = 46;

const POSIX: Record<string, (c: number) => boolean> = {
  alpha: (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  digit: (c) => c >= 48 && c <= 57,
  alnum: (c) => POSIX['alpha']!(c) || POSIX['digit']!(c),
  upper: (c) => c >= 65 && c <= 90,
  lower: (c) => c >= 97 && c <= 122,
  space: (c) => c === 32 || (c >= 9 && c <= 13),
  word: (c) => POSIX['alnum']!(c) || c === 95,
  xdigit: (c) => POSIX['digit']!(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
  punct: (c) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126),
};

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  /** A sequence up to one of `stops` (at depth 0) or the end. */
  seq(stops: string): Node {
    const items: Node[] = [];
    while (this.i < this.s.length && !stops.includes(this.s[this.i]!)) {
      const a = this.atom(items);
      const prev = items[items.length - 1];
      // `dir/**` also matches `dir` itself: the slash before a final globstar is optional.
      // (as picomatch: not after a `*`, where `*/**` still needs the slash)
      const before = items[items.length - 2];
      if (a.t === 'globstar' && !a.slash && prev?.t === 'lit' && prev.c === SLASH && before?.t !== 'star') items.splice(-1, 1, { t: 'rep', item: { t: 'seq', items: [prev, a] }, min: 0, max: 1 });
      else items.push(a);
    }
    return { t: 'seq', items };
  }

  private atStart(items: Node[]): boolean {
    const prev = items[items.length - 1];
    return !prev || (prev.t === 'lit' && prev.c === SLASH) || prev.t === 'globstar';
  }

  private atom(items: Node[]): Node {
    const s = this.s;
    const ch = s[this.i]!;
    const segStart = this.atStart(items);
    if (s[this.i + 1] === '(' && '@?+*'.includes(ch)) {
      const save = this.i;
      this.i += 2;
      const alts = this.group('|', ')');
      if (alts) {
        const item: Node = { t: 'alt', items: alts };
        if (ch === '@') return item;
        if (ch === '?') return { t: 'rep', item, min: 0, max: 1 };
        if (ch === '+') return { t: 'rep', item, min: 1, max: Infinity };
        return { t: 'rep', item, min: 0, max: Infinity };
      }
      this.i = save; // unclosed: the characters are literal (`*` keeps its meaning)
      if (ch !== '*' && ch !== '?') {
        this.i++;
        return { t: 'lit', c: ch.charCodeAt(0) };
      }
    }
    if (ch === '*') {
      let j = this.i;
      while (s[j] === '*') j++;
      const stars = j - this.i;
      this.i = j;
      // `**` is a globstar only as a whole segment.
      const segEnd = j === s.length || s[j] === '/' || s[j] === ')' || s[j] === '|' || s[j] === ',' || s[j] === '}';
      // picomatch reads a glob `**.ext` (`**.md`) as `**/*.md`.
      if (stars === 2 && this.i === 2 && /^\.[\w-]+$/.test(s.slice(j))) return { t: 'seq', items: [{ t: 'globstar', slash: true }, { t: 'star', segStart: true }] };
      if (stars === 2 && segStart && segEnd) {
        const slash = s[j] === '/';
        if (slash) this.i++; // `**/` also matches no segment at all
        return { t: 'globstar', slash };
      }
      return { t: 'star', segStart };
    }
    if (ch === '?') {
      this.i++;
      return { t: 'class', test: (c) => c !== SLASH, segStart };
    }
    if (ch === '[') {
      const cls = this.charClass();
      if (cls) return { ...cls, segStart, explicit: true };
    }
    if (ch === '{') {
      const save = this.i;
      this.i++;
      const alts = this.group(',', '}');
      if (alts && alts.length > 1) return { t: 'alt', items: alts };
      this.i = save + 1; // `{a}` and unclosed braces: `{` is literal
      return { t: 'lit', c: 123 };
    }
    if (ch === '\\' && this.i + 1 < s.length) {
      this.i += 2;
      return { t: 'lit', c: s.charCodeAt(this.i - 1) };
    }
    this.i++;
    return { t: 'lit', c: ch.charCodeAt(0) };
  }

  /** The alternatives of a group after its opening bracket, up to `close`; undefined when it is never closed. */
  private group(sep: string, close: string): Node[] | undefined {
    const items: Node[] = [];
    for (;;) {
      items.push(this.seq(sep + close));
      if (this.i >= this.s.length) return undefined;
      if (this.s[this.i++] === close) return items;
    }
  }

  private charClass(): { t: 'class'; test: (c: number) => boolean } | undefined {
    const s = this.s;
    let j = this.i + 1;
    const negate = s[j] === '!' || s[j] === '^';
    if (negate) j++;
    const tests: ((c: number) => boolean)[] = [];
    let first = true;
    while (j < s.length && (s[j] !== ']' || first)) {
      first = false;
      const posix = /^\[:([a-z]+):\]/.exec(s.slice(j, j + 12));
      if (posix && POSIX[posix[1]!]) {
        tests.push(POSIX[posix[1]!]!);
        j += posix[0].length;
        continue;
      }
      let a = s.charCodeAt(j);
      if (s[j] === '\\' && j + 1 < s.length) a = s.charCodeAt(++j);
      if (s[j + 1] === '-' && j + 2 < s.length && s[j + 2] !== ']') {
        let b = s.charCodeAt(j + 2);
        let k = j + 2;
        if (s[k] === '\\' && k + 1 < s.length) b = s.charCodeAt(++k);
        const lo = a;
        const hi = b;
        tests.push((c) => c >= lo && c <= hi);
        j = k + 1;
      } else {
        const x = a;
        tests.push((c) => c === x);
        j++;
      }
    }
    if (j >= s.length) return undefined; // unclosed: `[` is literal
    this.i = j + 1;
    return { t: 'class', test: (c) => c !== SLASH && tests.some((f) => f(c)) !== negate };
  }
}

// ---------------------------------------------------------------------------------------------- NFA

/**
 * NFA states: a character test with successors, or an epsilon state. A `guard` epsilon state says the next
 * character is not a `.` when it starts a segment (picomatch's `(?!\.)` before a wildcard with dot: false:
 * `*.md` does not match `.md`, even though `*` may be empty).
 */
interface State {
  test?: (c: number, atSegStart: boolean) => boolean;
  out: number[];
  guard?: boolean;
}

class Nfa {
  readonly states: State[] = [];
  add(s: State): number {
    this.states.push(s);
    return this.states.length - 1;
  }
}

/** Compiles `node` between `start` and a new end state; returns the end state. */
function build(nfa: Nfa, node: Node, start: number, dot: boolean): number {
  const eps = (from: number, to: number) => nfa.states[from]!.out.push(to);
  const fresh = () => nfa.add({ out: [] });
  switch (node.t) {
    case 'lit': {
      const end = fresh();
      const c = node.c;
      const s = nfa.add({ test: (x) => x === c, out: [end] });
      eps(start, s);
      return end;
    }
    case 'class': {
      const end = fresh();
      const guarded = node.segStart && !node.explicit && !dot;
      const t = node.test;
      const s = nfa.add({ test: (x, atSeg) => t(x) && (!guarded || !atSeg || x !== DOT), out: [end] });
      eps(start, s);
      return end;
    }
    case 'star': {
      // Any run of non-`/` characters; at a segment start (dot: false) the segment does not start with `.`.
      const end = fresh();
      const segStart = node.segStart;
      const loop = nfa.add({ test: (x) => x !== SLASH, out: [] });
      const from = segStart && !dot ? nfa.add({ out: [], guard: true }) : start;
      if (from !== start) eps(start, from);
      eps(from, loop);
      eps(from, end);
      nfa.states[loop]!.out.push(loop, end);
      // The loop state's successors are epsilon-like: stepping on a char leads to `loop` again or `end`.
      return end;
    }
    case 'globstar': {
      // `**/`: zero or more whole segments, each followed by `/`. `**` at the end: zero or more segments
      // separated by `/`. Names starting with `.` only with `dot`.
      const end = fresh();
      const seg = nfa.add({ test: (x, atSeg) => x !== SLASH && (dot || !atSeg || x !== DOT), out: [] });
      const slash = nfa.add({ test: (x) => x === SLASH, out: [] });
      eps(start, end);
      eps(start, seg);
      if (node.slash) {
        nfa.states[seg]!.out.push(seg, slash);
        nfa.states[slash]!.out.push(end, seg);
      } else {
        nfa.states[seg]!.out.push(seg, slash, end);
        nfa.states[slash]!.out.push(seg);
      }
      return end;
    }
    case 'seq': {
      let at = start;
      for (const it of node.items) at = build(nfa, it, at, dot);
      return at;
    }
    case 'alt': {
      const end = fresh();
      for (const it of node.items) {
        const s = fresh();
        eps(start, s);
        eps(build(nfa, it, s, dot), end);
      }
      return end;
    }
    case 'rep': {
      const end = fresh();
      const s = fresh();
      eps(start, s);
      if (node.min === 0) eps(start, end);
      const e = build(nfa, node.item, s, dot);
      eps(e, end);
      if (node.max === Infinity) eps(e, s);
      return end;
    }
  }
}

/**
 * The NFA simulated as a lazily built DFA (subset construction on demand, cached per character code):
 * O(path length) once warm, never more than O(path length × states).
 */
/** A state of the lazily built DFA: a set of NFA states and its transitions found so far. */
interface DState {
  set: number[];
  /** Transitions on ASCII characters: index c, or 128 + c at a segment start (an array read per character). */
  ascii: (DState | undefined)[];
  /** The others, keyed c, or -1 - c at a segment start. */
  next: Map<number, DState>;
  accepts: boolean;
}

class Machine {
  private readonly nfa = new Nfa();
  private readonly accept: number;
  /** Every DFA state by its NFA set (`1,4,~7`); transitions point at the state objects (no key lookups per character). */
  private readonly dfa = new Map<string, DState>();
  /** The state a list of seed states closes over, by the list. */
  private readonly bySeeds = new Map<string, DState>();
  private readonly start: DState;

  constructor(node: Node, dot: boolean) {
    const start = this.nfa.add({ out: [] });
    this.accept = build(this.nfa, node, start, dot);
    this.start = this.intern(this.closure([start]));
  }

  /**
   * The states reachable from `seeds` without reading a character (states with a test are kept, not
   * followed). A state reached only through a guard is kept as `~state`: it takes no `.` at a segment start.
   */
  private closure(seeds: number[]): number[] {
    const free = new Set<number>();
    const guarded = new Set<number>();
    const walk = (from: number[], set: Set<number>, viaGuard: boolean) => {
      const stack = [...from];
      while (stack.length) {
        const s = stack.pop()!;
        if (set.has(s) || (viaGuard && free.has(s))) continue;
        const st = this.nfa.states[s]!;
        if (st.guard && !viaGuard) {
          walk(st.out, guarded, true);
          continue;
        }
        set.add(s);
        if (!st.test) for (const o of st.out) stack.push(o);
      }
    };
    walk(seeds, free, false);
    for (const s of free) guarded.delete(s);
    return [...free, ...[...guarded].map((s) => ~s)].sort((a, b) => a - b);
  }

  private intern(set: number[]): DState {
    const key = set.join(',');
    let d = this.dfa.get(key);
    if (!d) this.dfa.set(key, (d = { set, ascii: new Array<DState | undefined>(256), next: new Map(), accepts: set.includes(this.accept) || set.includes(~this.accept) }));
    return d;
  }

  private step(d: DState, c: number, atSeg: boolean): DState {
    // The segment-start flag changes what `*`/`?` accept for `.`.
    const hit = c < 128 ? d.ascii[atSeg ? 128 + c : c] : d.next.get(atSeg ? -1 - c : c);
    if (hit !== undefined) return hit;
    const seeds: number[] = [];
    for (const x of d.set) {
      const guarded = x < 0;
      const st = this.nfa.states[guarded ? ~x : x]!;
      if (guarded && atSeg && c === DOT) continue;
      if (st.test && st.test(c, atSeg)) seeds.push(...st.out);
    }
    // Most characters lead from a state to the same seeds (every character that is no literal of the
    // pattern, say): their closure is computed once.
    const seedKey = seeds.join(',');
    let next = this.bySeeds.get(seedKey);
    if (next === undefined) {
      next = this.intern(this.closure(seeds));
      if (this.bySeeds.size < 4096) this.bySeeds.set(seedKey, next);
    }
    // Bound the cache: a pathological pattern cannot grow memory without limit.
    if (this.dfa.size < 4096) {
      if (c < 128) d.ascii[atSeg ? 128 + c : c] = next;
      else d.next.set(atSeg ? -1 - c : c, next);
    }
    return next;
  }

  match(path: string): boolean {
    let d = this.start;
    for (let i = 0; i < path.length; i++) {
      const c = path.charCodeAt(i);
      d = this.step(d, c, i === 0 || path.charCodeAt(i - 1) === SLASH);
      if (!d.set.length) return false; // no state left
    }
    return d.accepts;
  }
}

function compileOne(glob: string, dot: boolean): (path: string) => boolean {
  let g = glob.replace(/^(?:\.\/)+/, '');
  let negate = false;
  while (g.startsWith('!') && !g.startsWith('!(')) {
    negate = !negate;
    g = g.slice(1);
  }
  const ast = new Parser(g).seq('');
  const m = new Machine(ast, dot);
  return negate ? (p) => !m.match(p) : (p) => m.match(p);
}

/** A matcher for one glob or any of several (as picomatch(globs, opts)): paths are POSIX, relative, no leading `./`. */
export function globMatcher(globs: string | readonly string[], opts: GlobOptions = {}): (path: string) => boolean {
  const list = (typeof globs === 'string' ? [globs] : globs).map((g) => compileOne(g, !!opts.dot));
  return (path) => {
    const p = path.startsWith('./') ? path.slice(2) : path;
    return list.some((m) => m(p));
  };
}
