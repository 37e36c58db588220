// Bundles the entry points with esbuild: dist/extension.js (vscode external), the language server in two
// parts — dist/server.js (LSP over stdio/IPC: vscode-languageserver and the initialize answer only, so it
// starts fast) and dist/server-core.js (everything else, required by server.js after initialize; see
// server/src/server.ts) — dist/cli.js (runbook-lint: a loader of dist/cli-main.js, see server/src/cli/entry.ts)
// and dist/webview/step-graph.js (the step-graph webview).
import { build } from 'esbuild';
import { chmodSync, mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');
mkdirSync('dist', { recursive: true });
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // remark/micromark ship ESM with `import.meta` unused in these paths; keep output CommonJS.
  mainFields: ['module', 'main'],
};
// dist/server-core.js uses the vscode-languageserver(-textdocument) modules of dist/server.js instead of
// bundling a second copy: server.js puts them on globalThis (key below) before requiring the core.
const SHARED = /^vscode-languageserver(\/node)?$|^vscode-languageserver-textdocument$/;
const fromServerEntry = {
  name: 'from-server-entry',
  setup(b) {
    b.onResolve({ filter: SHARED }, (a) => ({ path: a.path, namespace: 'server-entry' }));
    b.onLoad({ filter: /.*/, namespace: 'server-entry' }, (a) => ({
      contents: `const m = globalThis[Symbol.for('runbook-authoring.server-modules')]?.[${JSON.stringify(a.path)}];
if (!m) throw new Error('dist/server-core.js is loaded by dist/server.js, not on its own');
module.exports = m;`,
      loader: 'js',
    }));
  },
};
const [, serverBuild, coreBuild, cliEntryBuild] = await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', external: ['./server-core.js'], metafile: true }),
  build({ ...common, entryPoints: ['server/src/lsp/core-entry.ts'], outfile: 'dist/server-core.js', plugins: [fromServerEntry], metafile: true }),
  // dist/cli.js is a small loader (cli/entry.ts) of the CLI bundle dist/cli-main.js: with --cache it
  // compiles the bundle through a V8 code cache (cli/code-cache.ts).
  build({ ...common, entryPoints: ['server/src/cli/entry.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, metafile: true }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli-main.js' }),
  // The step-graph webview's script (browser, minified always: it is loaded into every graph panel).
  build({ entryPoints: ['client/webview/step-graph.ts'], outfile: 'dist/webview/step-graph.js', bundle: true, platform: 'browser', format: 'iife', target: 'es2020', minify: true, legalComments: 'none', logLevel: 'warning' }),
]);
// The startup bundle stays small: anything else it picks up delays every editor's initialize result.
const LSP_LIB = /node_modules\/(vscode-languageserver(-protocol|-types|-textdocument)?|vscode-jsonrpc)\//;
const STARTUP_OWN = new Set(['server/src/server.ts', 'server/src/lsp/capabilities.ts', 'server/src/lsp/ascii-json.ts', 'server/src/lsp/framing.ts']);
const heavy = Object.keys(serverBuild.metafile.inputs).filter((f) => !LSP_LIB.test(f) && !STARTUP_OWN.has(f));
const twice = Object.keys(coreBuild.metafile.inputs).filter((f) => LSP_LIB.test(f));
if (heavy.length || twice.length) {
  if (heavy.length) console.error(`dist/server.js must hold only vscode-languageserver, the initialize answer and its stdio writer; it also bundles:\n  ${heavy.join('\n  ')}`);
  if (twice.length) console.error(`dist/server-core.js must take vscode-languageserver from dist/server.js; it bundles:\n  ${twice.join('\n  ')}`);
  process.exit(1);
}
// The CLI's loader loads in no time only while it holds nothing but itself.
const CLI_ENTRY = new Set(['server/src/cli/entry.ts', 'server/src/cli/code-cache.ts', 'server/src/cli/worktree.ts', 'server/src/cli/run-record.ts', 'server/src/core/today.ts']);
const entryExtra = Object.keys(cliEntryBuild.metafile.inputs).filter((f) => !CLI_ENTRY.has(f));
if (entryExtra.length) {
  console.error(`dist/cli.js must hold only the loader (${[...CLI_ENTRY].join(', ')}); it also bundles:\n  ${entryExtra.join('\n  ')}`);
  process.exit(1);
}
chmodSync('dist/cli.js', 0o755);
