// Where a relative link points, in a plain repository and in a static site (RB505, RB501).
//
// A link to a Markdown file or an asset (`../x.md`, `img/a.png`) is a repository link: it resolves
// against the file's folder, as GitHub shows it. A link without an extension, to `x.html` or to a
// folder (`x/`) is a site URL: the page it names is built from a source file with another name
// (`x.html.md.erb`, `x.md`, `x/index.md`, `x/_index.md`), and generators with "pretty" URLs
// (Hugo, MkDocs, Jekyll permalinks) resolve it against the page's own URL (`kb/a.md` is served as
// `kb/a/`). Root-relative links (`/x`) resolve against the site root.
//
// The site comes from `links:` in the config (`siteRoot`, `extensions`), else from the generator's
// config file found above the runbook (Middleman tech-docs `config/tech-docs.yml` or `config.rb`:
// root `source/`; Hugo `hugo.toml|yaml|json` or `config.toml`: roots `content/` and `static/`;
// Jekyll `_config.yml`: its folder; MkDocs `mkdocs.yml`: `docs/`), else from the conventional
// folder names these generators use (`source/`, `content/`, `docs/`) above the runbook.
// A link is broken only when no reading finds its target.
import type { WorkspaceFacts } from './types.js';

export type Generator = 'middleman' | 'hugo' | 'jekyll' | 'mkdocs' | 'none';

export interface LinksConfig {
  /** Source extensions tried for a page link (`x.html`, `x/`, `x`). */
  extensions: string[];
  /** Workspace-relative folder root-relative links (`/x`) resolve against; unset: detected. */
  siteRoot?: string;
  /** Detect static-site generators by their config files and folders (default true). */
  detect: boolean;
}

export const DEFAULT_LINK_EXTENSIONS = ['.md', '.markdown', '.mdx', '.html.md', '.html.md.erb', '.md.erb', '.html.erb', '.html'];

export function defaultLinksConfig(): LinksConfig {
  return { extensions: [...DEFAULT_LINK_EXTENSIONS], detect: true };
}

export interface Site {
  generator: Generator;
  /** Folders root-relative links resolve against, workspace-relative ('' is the workspace root). */
  roots: string[];
  /** Relative site links may also resolve against the page's own URL (`kb/a.md` -> `kb/a/`). */
  pretty: boolean;
}

/** Config files of the generators, in the order they are looked for in each folder. */
const GENERATOR_FILES: readonly [string, Generator, (dir: string) => string[]][] = [
  ['config/tech-docs.yml', 'middleman', (d) => [join(d, 'source')]],
  ['config.rb', 'middleman', (d) => [join(d, 'source')]],
  ['hugo.toml', 'hugo', (d) => [join(d, 'content'), join(d, 'static')]],
  ['hugo.yaml', 'hugo', (d) => [join(d, 'content'), join(d, 'static')]],
  ['hugo.json', 'hugo', (d) => [join(d, 'content'), join(d, 'static')]],
  ['config.toml', 'hugo', (d) => [join(d, 'content'), join(d, 'static')]],
  ['mkdocs.yml', 'mkdocs', (d) => [join(d, 'docs')]],
  ['mkdocs.yaml', 'mkdocs', (d) => [join(d, 'docs')]],
  ['_config.yml', 'jekyll', (d) => [d]],
];

/** Conventional source folders, when no config file says which generator builds the site. */
const CONVENTIONAL_ROOTS: Readonly<Record<string, Generator>> = { source: 'middleman', content: 'hugo', docs: 'mkdocs' };

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

const sites = new WeakMap<WorkspaceFacts, Map<string, Site>>();

/** The site a file belongs to (cached per workspace facts and folder). */
export function siteOf(path: string | undefined, ws: WorkspaceFacts, links: LinksConfig): Site {
  const dir = path ? path.split('/').slice(0, -1).join('/') : '';
  const key = `${dir}\0${links.siteRoot ?? ''}\0${links.detect}`;
  let perWs = sites.get(ws);
  if (!perWs) sites.set(ws, (perWs = new Map()));
  let site = perWs.get(key);
  if (!site) perWs.set(key, (site = detectSite(dir, ws, links)));
  return site;
}

function detectSite(dir: string, ws: WorkspaceFacts, links: LinksConfig): Site {
  const configured = links.siteRoot === undefined ? undefined : trimSlashes(links.siteRoot.startsWith('./') ? links.siteRoot.slice(2) : links.siteRoot);
  let found: Site | undefined;
  if (links.detect) {
    const parts = dir ? dir.split('/') : [];
    if (ws.exists) {
      for (let n = parts.length; n >= 0 && !found; n--) {
        const d = parts.slice(0, n).join('/');
        for (const [file, generator, roots] of GENERATOR_FILES) {
          if (generator === 'hugo' && file === 'config.toml' && !ws.exists(join(d, 'content'))) continue;
          if (ws.exists(join(d, file))) {
            found = { generator, roots: roots(d), pretty: generator !== 'middleman' };
            break;
          }
        }
      }
    }
    for (let n = parts.length; n > 0 && !found; n--) {
      const g = CONVENTIONAL_ROOTS[parts[n - 1]!];
      if (g) found = { generator: g, roots: [parts.slice(0, n).join('/')], pretty: g !== 'middleman' };
    }
  }
  const site = found ?? { generator: 'none', roots: [], pretty: true };
  const roots = configured !== undefined ? [configured] : [...site.roots, ''];
  return { ...site, roots: [...new Set(roots)] };
}

/** `a/b/` -> `a/b`, `/a` -> `a` (loops, not an end-anchored regex: linear on any input). */
function trimSlashes(p: string): string {
  let s = 0;
  let e = p.length;
  while (s < e && p[s] === '/') s++;
  while (e > s && p[e - 1] === '/') e--;
  return p.slice(s, e);
}

/** The folder a page is served as: `kb/a.html.md.erb` -> `kb/a`, `kb/b/index.md` -> `kb/b`. */
function pageFolder(file: string): string {
  const slash = file.lastIndexOf('/');
  const dot = file.indexOf('.', slash + 1);
  const stem = dot > slash + 1 ? file.slice(0, dot) : file;
  const name = stem.slice(slash + 1);
  return name === 'index' || name === '_index' ? stem.slice(0, Math.max(0, slash)) : stem;
}

const MARKDOWN_EXT = /\.(?:md|markdown|mdx)$/i;
const ANY_EXT = /\.[A-Za-z0-9]{1,8}$/;
const HTML_EXT = /\.html?$/i;

/** Normalizes `a/./b/../c` against a base folder; undefined when it climbs above the workspace. */
export function joinPath(base: string, rel: string): string | undefined {
  const parts = base ? base.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!parts.length) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

/**
 * Every workspace path a relative link may name, most literal first (the first is what messages
 * show). `pathPart` is the decoded link path without query or anchor.
 */
export function linkCandidates(from: string, pathPart: string, site: Site, links: LinksConfig): string[] {
  const dir = from.split('/').slice(0, -1).join('/');
  const rootRelative = pathPart.startsWith('/');
  const folder = pathPart.endsWith('/');
  const last = trimSlashes(pathPart).split('/').pop() ?? '';
  const siteLink = folder || HTML_EXT.test(last) || !ANY_EXT.test(last);
  const bases: string[] = rootRelative ? site.roots : [dir];
  // A page served at its own folder (`kb/a.md` as `kb/a/`): relative links start there.
  if (!rootRelative && site.pretty && (siteLink || !MARKDOWN_EXT.test(last))) bases.push(pageFolder(from));
  const out: string[] = [];
  const add = (p: string | undefined) => {
    if (p !== undefined && !out.includes(p)) out.push(p);
  };
  for (const b of bases) {
    const p = joinPath(b, pathPart);
    if (p === undefined) continue;
    add(p);
    if (!siteLink) continue;
    const stem = p.replace(HTML_EXT, '');
    // `x/` is the page of `x.md` (Hugo, MkDocs) or of `x/index.md`; `x.html` of `x.html.md.erb` or `x.md`.
    for (const ext of links.extensions) {
      add(stem + ext);
      if (HTML_EXT.test(p)) add(p + ext);
      for (const index of ['index', '_index', 'README']) add(join(stem, index + ext));
    }
  }
  return out;
}
