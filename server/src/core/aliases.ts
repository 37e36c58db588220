// `aliases:` of the config: front-matter keys a repository already uses for a template fact
// (`last_reviewed_on` for `last_reviewed`). The rules see the value under the template key and
// report it by that name; the finding's range is the author's own key, and the file keeps it.
import { isMap, isScalar, type Node } from 'yaml';
import type { FrontMatter } from './model/frontmatter.js';

const cache = new WeakMap<FrontMatter, { key: string; view: FrontMatter }>();

/**
 * The front matter as the rules see it: each aliased top-level key renamed to its template key
 * (same ranges), unless the template key is written too. The parsed model itself is not changed.
 */
export function withAliases(fm: FrontMatter | undefined, aliases: Record<string, string>): FrontMatter | undefined {
  if (!fm || !fm.data || !isMap(fm.doc.contents)) return fm;
  const present = Object.keys(aliases).filter((k) => k in fm.data!);
  if (!present.length) return fm;
  const key = JSON.stringify(present.map((k) => [k, aliases[k]]));
  const hit = cache.get(fm);
  if (hit?.key === key) return hit.view;
  const doc = fm.doc.clone() as FrontMatter['doc'];
  const data: Record<string, unknown> = { ...fm.data };
  for (const item of isMap(doc.contents) ? doc.contents.items : []) {
    const k = item.key as Node | null;
    if (!k || !isScalar(k)) continue;
    const from = String(k.value);
    const to = aliases[from];
    if (!to || to in data || !present.includes(from)) continue;
    k.value = to;
    data[to] = data[from];
    delete data[from];
  }
  const view: FrontMatter = { ...fm, doc, data };
  cache.set(fm, { key, view });
  return view;
}
