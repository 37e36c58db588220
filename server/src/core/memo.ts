// Results of pure text computations, carried from one check of a document to the next.
//
// A keystroke in a long runbook changes one small stretch of text; whatever depends only on an
// unchanged stretch (a code block's commands, a section's secrets) can be taken from the previous
// check instead of computed again. Each (namespace, document) keeps only the keys its last check
// used, and only the most recently checked few are kept, so memory follows the documents being edited.

/** How many (namespace, document) memos are kept: 4 namespaces (regions, three kinds of commands) × ~24 documents. */
const MEMOS_KEPT = 96;
const memos = new Map<string, Map<string, unknown>>();

export interface TextMemo<T> {
  /** The value for `key` from this check or the previous one of the same document, else `compute()`. */
  get(key: string, compute: () => T): T;
  /** Ends the check: this check's keys replace the previous ones. */
  done(): void;
}

export function textMemo<T>(namespace: string, path: string | undefined): TextMemo<T> {
  const id = `${namespace}\0${path ?? ''}`;
  const prev = memos.get(id) as Map<string, T> | undefined;
  const next = new Map<string, T>();
  return {
    get(key, compute) {
      let v = next.get(key) ?? prev?.get(key);
      if (v === undefined) v = compute();
      next.set(key, v);
      return v;
    },
    done() {
      memos.delete(id);
      memos.set(id, next);
      if (memos.size > MEMOS_KEPT) memos.delete(memos.keys().next().value!);
    },
  };
}
