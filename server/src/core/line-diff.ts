// Line diff shared by the CLI's dry-run diffs and the editor's migrate action: lines split as LineIndex
// counts them, and Myers' shortest edit script between two line arrays. No dependency.

export type Op = { kind: ' ' | '-' | '+'; a: number; b: number };

/** Lines with their breaks: LF, CRLF and a lone CR each end a line (as LineIndex counts them). */
export function splitLines(text: string): string[] {
  if (!text) return [];
  return text.split(/(?<=\n|\r(?!\n))/);
}

/** Shortest edit script between two line arrays (Myers' O(ND) greedy algorithm with a trace). */
export function myers(a: string[], b: string[]): Op[] {
  // Trim the common prefix and suffix: fixes touch few lines of long files.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const n = A.length;
  const m = B.length;
  const max = n + m;
  const off = max;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = n === 0 && m === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Backtrack.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[off + k - 1]! < vd[off + k + 1]!) ? k + 1 : k - 1;
    const prevX = vd[off + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: ' ', a: x, b: y });
    }
    if (d === 0) break;
    if (x === prevX) {
      y--;
      ops.push({ kind: '+', a: x, b: y });
    } else {
      x--;
      ops.push({ kind: '-', a: x, b: y });
    }
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    ops.push({ kind: ' ', a: x, b: y });
  }
  ops.reverse();
  const out: Op[] = [];
  for (let i = 0; i < pre; i++) out.push({ kind: ' ', a: i, b: i });
  for (const o of ops) out.push({ kind: o.kind, a: o.a + pre, b: o.b + pre });
  for (let i = 0; i < suf; i++) out.push({ kind: ' ', a: a.length - suf + i, b: b.length - suf + i });
  return out;
}
