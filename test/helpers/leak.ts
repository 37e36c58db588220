// Leak check shared by the core, server and CLI tests: does an output reveal any part of a
// secret longer than 4 characters (the spec's limit)?
//
//   leakedSubstring(output, secret)               -> the first leaked 5-character window, or undefined
//   leakedSubstring(output, secret, { boilerplate }) ignores windows that the product's fixed
//   wording also contains (a value such as "TestSourcePassword" shares "asswo" with the word
//   "password" in a kind's title; that is not a leak of the value).
export interface LeakOptions {
  /** Shortest substring that counts as a leak (default 5: "not even a prefix longer than 4"). */
  minLength?: number;
  /** Fixed product text (kind titles, message templates): windows it contains are not leaks. */
  boilerplate?: string;
}

export function leakedSubstring(output: string, secret: string, opts: LeakOptions = {}): string | undefined {
  const n = opts.minLength ?? 5;
  if (secret.length < n) return undefined; // nothing longer than n-1 characters to leak
  // Any leaked substring of length >= n contains a leaked window of exactly n characters.
  for (let i = 0; i + n <= secret.length; i++) {
    const w = secret.slice(i, i + n);
    if (!output.includes(w)) continue;
    if (opts.boilerplate && opts.boilerplate.includes(w)) continue;
    return w;
  }
  return undefined;
}
