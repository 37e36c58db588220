// RB505 in static-site repositories: page links resolve to their sources (`x.html` ->
// `x.html.md.erb`, `x/` -> `x.md` or `x/index.md`), pretty URLs resolve against the page's own
// folder, root-relative links against the detected or configured site root; images are checked;
// explicit anchors count. A link nothing can read stays reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../server/src/core/check.js';
import { parseConfig, resolveConfig } from '../../server/src/core/config.js';
import { linkCandidates, siteOf, defaultLinksConfig } from '../../server/src/core/links.js';
import type { RawConfig } from '../../server/src/core/config.js';
import type { WorkspaceFacts } from '../../server/src/core/types.js';

function workspace(files: string[]): WorkspaceFacts {
  const all = new Set<string>();
  for (const f of files) {
    const parts = f.split('/');
    for (let i = 1; i <= parts.length; i++) all.add(parts.slice(0, i).join('/'));
  }
  return { runbooks: [], alerts: [], exists: (p) => all.has(p.replace(/\/$/, '')) };
}

function rb505(path: string, body: string, files: string[], raw: RawConfig = {}): string[] {
  const config = resolveConfig({ include: ['**/*'], ...raw });
  const r = check({ text: `# T\n\n${body}\n`, path, config, workspace: workspace([path, ...files]), only: ['RB505'] });
  return r.findings.map((f) => f.message);
}

test('Middleman tech-docs (config/tech-docs.yml): x.html and /x.html resolve to x.html.md.erb under source/', () => {
  const files = ['config/tech-docs.yml', 'source/infra/secrets.html.md.erb', 'source/incidents/pagerduty.html.md.erb', 'source/infra/index.html.md.erb'];
  const p = 'source/infra/debug.html.md.erb';
  assert.deepEqual(rb505(p, '[a](secrets.html) [b](/incidents/pagerduty.html) [c](/infra/#learn) [d](../infra/)', files), []);
  assert.equal(siteOf(p, workspace(files), defaultLinksConfig()).generator, 'middleman');
  const broken = rb505(p, '[a](/secrets.html)', files);
  assert.equal(broken.length, 1);
  assert.match(broken[0]!, /"secrets\.html" does not exist/);
});

test('Hugo (hugo.toml): pretty URLs resolve against the page own folder; x/ names x.md; /img is under static/', () => {
  const files = ['hugo.toml', 'content/kb/other-article.md', 'content/kb/bundle/index.md', 'static/img/a.png'];
  const p = 'content/kb/article.md';
  assert.deepEqual(rb505(p, '[a](../other-article) [b](../other-article/) [c](../bundle/) ![d](/img/a.png)', files), []);
  assert.equal(rb505(p, '[a](../missing-article/)', files).length, 1);
});

test('without config files, the conventional source folder (content/, source/, docs/) is the site root', () => {
  const files = ['content/kb/other.md'];
  assert.deepEqual(rb505('content/kb/a.md', '[a](../other) [b](/kb/other/)', files), []);
  assert.equal(siteOf('content/kb/a.md', workspace(files), defaultLinksConfig()).generator, 'hugo');
  assert.equal(siteOf('runbooks/platform/a.md', workspace(files), defaultLinksConfig()).generator, 'none');
});

test('links: siteRoot and extensions from the config; detect: false keeps the literal reading for root links', () => {
  const files = ['site/pages/guide.page.md'];
  assert.deepEqual(rb505('site/pages/a.md', '[a](/pages/guide.html)', files, { links: { siteRoot: 'site', extensions: ['.page.md'] } }), []);
  assert.equal(rb505('site/pages/a.md', '[a](/pages/guide.html)', files, { links: { extensions: ['.page.md'] } }).length, 1);
  assert.equal(rb505('content/kb/a.md', '[a](/kb/other/)', ['content/kb/other.md'], { links: { detect: false } }).length, 1);
  const { errors } = parseConfig('links:\n  siteRoot: source\n  extensions: [".html.md.erb"]\n  detect: false\n');
  assert.deepEqual(errors, []);
  assert.ok(parseConfig('links:\n  extensions: ["md"]\n').errors.length > 0, 'an extension starts with a dot');
  assert.ok(parseConfig('links:\n  root: x\n').errors.length > 0, 'unknown keys are errors');
});

test('a repository link to a .md file stays literal (GitHub shows it so); a missing image is reported as an image', () => {
  const files = ['runbooks/platform/b.md', 'runbooks/platform/img/ok.png'];
  assert.deepEqual(rb505('runbooks/platform/a.md', '[b](b.md) ![ok](img/ok.png)', files), []);
  const c = linkCandidates('runbooks/platform/a.md', 'a/b.md', siteOf('runbooks/platform/a.md', workspace(files), defaultLinksConfig()), defaultLinksConfig());
  assert.deepEqual(c, ['runbooks/platform/a/b.md']);
  const m = rb505('runbooks/platform/a.md', '![gone](img/missing.png)', files);
  assert.equal(m.length, 1);
  assert.match(m[0]!, /^The image "runbooks\/platform\/img\/missing\.png" does not exist/);
});

test('explicit anchors (<a name>, id="…", {#id}) are link targets like heading slugs', () => {
  const body = '## <a name="announcing-incidents"></a>Announcing incidents\n\n## Maintenance {#maint}\n\n<div id="Box"></div>\n\n[a](#announcing-incidents) [b](#maint) [c](#box) [d](#maintenance) [e](#nowhere)';
  const m = rb505('docs/a.md', body, []);
  assert.equal(m.length, 1);
  assert.match(m[0]!, /"#nowhere"/);
});
