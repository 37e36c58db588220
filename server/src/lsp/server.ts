// The language server: wiring only. Documents come in through TextDocuments (incremental sync),
// the pure core checks them, and findings go out as diagnostics that carry their fixes in `data`.
import { DiagnosticSeverity, type Connection, type Diagnostic, type InitializeParams, type TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { checkSteps, type CheckResult } from '../core/check.js';
import type { Runbook } from '../core/model/runbook.js';
import { resolveConfig, type RawConfig } from '../core/config.js';
import { isCheckedPath } from '../core/paths.js';
import type { ResolvedConfig, WorkspaceFacts } from '../core/types.js';
import { findConfigFile, forgetConfig, loadConfigFile } from '../node/config-file.js';
import { toDiagnostic, SOURCE } from './convert.js';
import { URI } from './uri.js';
import { Scheduler } from './scheduler.js';
import { registerFeatures } from './features/index.js';
import { WorkspaceFactsProvider } from './workspace-facts.js';
import { initializeResult } from './capabilities.js';
import { registerCodeActions } from './code-actions.js';
import type { EditSupport } from './migrate-action.js';
import { AlertFiles } from './alert-files.js';
import { processYoungGenerationPolicy } from './memory.js';
import { isSuppressedFile, SUPPRESSED_NOTE, suppressedFindings, type SuppressedDisplay } from './suppressions.js';
import { DocumentModels, inSlices } from './slices.js';

/** Editor settings under `runbooks.*` (VS Code pulls them per resource). */
export interface RunbooksSettings extends RawConfig {
  validate?: { onType?: boolean };
  /** Findings runbook-lint-suppressions.json lists: shown as hints (default) or hidden. */
  suppressedFindings?: SuppressedDisplay;
  defaultOwner?: string;
}

export interface ServerState {
  rootPaths: string[];
  rootUris: string[];
  settingsSupported: boolean;
  /** The client inserts snippets in completion items (`completionItem.snippetSupport`). */
  snippetSupport: boolean;
  /** Facts about the workspace (runbooks, CODEOWNERS, alerts); filled by the workspace index. */
  facts: (docPath: string | undefined) => WorkspaceFacts;
  lastResults: Map<string, { version: number; result: CheckResult }>;
  /** Effective config for a document (.runbook-lint.yaml found upward + `runbooks.*` settings). */
  configFor(uri: string): Promise<ResolvedConfig>;
  settingsFor(uri: string): Promise<RunbooksSettings>;
  /** Workspace-relative POSIX path of a document (absolute when outside every folder). */
  relPath(uri: string): string | undefined;
  /** Root folder (path) that holds a document. */
  rootOf(uri: string): string | undefined;
  /** Re-check every open document (after the index or settings changed). */
  revalidateAll(): void;
  /** The workspace index (runbooks, CODEOWNERS, alerts) behind `facts`. */
  workspace: WorkspaceFactsProvider;
  /** The parsed model of a document's current text: parsed once per version, shared with its check. */
  runbook(doc: TextDocument): Promise<Runbook>;
  /**
   * The stored check of an open document's current version; when a check is under way or due, waits
   * for the first stored check of this version or a later one (typing goes on meanwhile); undefined
   * when no check is coming (checking on type off, a document outside the runbook globs).
   */
  checked(doc: TextDocument): Promise<{ version: number; result: CheckResult } | undefined>;
  /** On close: publishes the saved version's findings instead of none, when Check All showed them (true). */
  republishOnClose?: (uri: string) => boolean;
  /** Alert rule files (YAML): their checks and editor features. */
  alerts: AlertFiles;
  /** What the client accepts in a workspace edit (versioned document changes, change annotations). */
  editSupport: EditSupport;
}

/** Most settings kept at once (one per URI; open documents are evicted on close anyway). */
const SETTINGS_CACHED = 1000;

/**
 * Registers every handler on `connection`. Without `initParams` it also answers `initialize` (in-process
 * use); dist/server.js answers `initialize` itself before loading this module and passes the params in
 * (see server/src/server.ts).
 */
export function startServer(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  hooks: { onInitialized?: (s: ServerState) => void } = {},
  initParams?: InitializeParams,
): ServerState {
  const state: ServerState = {
    rootPaths: [],
    rootUris: [],
    settingsSupported: false,
    snippetSupport: false,
    facts: (docPath) => state.workspace.facts(docPath && !docPath.startsWith('/') ? rootForRel(docPath) : undefined),
    lastResults: new Map(),
    configFor: (uri) => configFor(uri, URI.toPath(uri)),
    settingsFor: (uri) => settingsFor(uri),
    relPath: (uri) => {
      const p = URI.toPath(uri);
      return p ? URI.relativeTo(rootFor(p).root, p) : undefined;
    },
    rootOf: (uri) => rootFor(URI.toPath(uri)).root,
    revalidateAll: () => {
      for (const d of documents.all()) scheduler.schedule(d.uri, 0);
    },
    workspace: new WorkspaceFactsProvider(() => revalidateSoon()),
    runbook: (doc) => models.model(doc.uri, doc.getText(), state.relPath(doc.uri)),
    checked: async (doc) => {
      const version = doc.version;
      for (;;) {
        const last = state.lastResults.get(doc.uri);
        if (last && last.version >= version) return last;
        if (!scheduler.has(doc.uri)) return undefined;
        await new Promise<void>((resolve) => {
          const w = checkWaiters.get(doc.uri) ?? [];
          w.push(resolve);
          checkWaiters.set(doc.uri, w);
        });
      }
    },
    alerts: undefined as unknown as AlertFiles,
    editSupport: { documentChanges: false, changeAnnotations: false },
  };
  /** Requests waiting for the next check of a document to end (see `checked`). */
  const checkWaiters = new Map<string, (() => void)[]>();
  state.alerts = new AlertFiles(connection, documents, state);
  state.alerts.register();
  // Index changes (a new duplicate id, a new CODEOWNERS rule) re-check open documents, coalesced.
  let revalidateTimer: ReturnType<typeof setTimeout> | undefined;
  function revalidateSoon(): void {
    if (revalidateTimer) return;
    revalidateTimer = setTimeout(() => {
      revalidateTimer = undefined;
      state.revalidateAll();
    }, 200);
  }
  /** The root holding a workspace-relative path (for multi-root workspaces, the first that has it). */
  function rootForRel(rel: string): string | undefined {
    return state.rootPaths.find((r) => existsSync(`${r}/${rel}`)) ?? state.rootPaths[0];
  }
  /** Settings per document URI: dropped when the document closes (D16), and never more than SETTINGS_CACHED. */
  const settingsCache = new Map<string, Promise<RunbooksSettings>>();
  const configErrorsShown = new Set<string>();
  /** The client resolves a code action's edit lazily (codeAction/resolve). */
  let resolvesEdits = false;

  function initialize(params: InitializeParams): void {
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    state.rootUris = folders.map((f) => f.uri);
    state.rootPaths = folders.map((f) => URI.toPath(f.uri)).filter((p): p is string => !!p);
    state.settingsSupported = !!params.capabilities.workspace?.configuration;
    state.snippetSupport = !!params.capabilities.textDocument?.completion?.completionItem?.snippetSupport;
    resolvesEdits = !!params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
    const we = params.capabilities.workspace?.workspaceEdit;
    state.editSupport = { documentChanges: !!we?.documentChanges, changeAnnotations: !!we?.documentChanges && !!we.changeAnnotationSupport };
  }
  if (initParams) initialize(initParams);
  else
    connection.onInitialize((params) => {
      initialize(params);
      return initializeResult();
    });

  connection.onInitialized(() => {
    hooks.onInitialized?.(state);
    void state.workspace
      .start(state.rootPaths, (root) => configFor(URI.fromPath(join(root, 'runbooks', 'x.md')), join(root, 'runbooks', 'x.md')))
      .catch((e) => connection.console.error(`workspace index failed: ${e instanceof Error ? e.message : String(e)}`));
  });
  registerFeatures(connection, documents, state);
  registerCodeActions(connection, documents, state, () => resolvesEdits);

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    for (const d of documents.all()) scheduler.schedule(d.uri, 0);
  });

  connection.onDidChangeWatchedFiles((p) => {
    let configChanged = false;
    for (const c of p.changes) {
      const path = URI.toPath(c.uri);
      if (!path) continue;
      if (isSuppressedFile(path)) state.revalidateAll(); // re-read (by mtime) on the next check
      if (/\.runbook-lint\.ya?ml$/.test(path)) {
        configChanged = true;
        forgetConfig(path);
      }
      if (c.type === 3 /* Deleted */) state.workspace.remove(path);
      else if (!documents.get(c.uri)) void state.workspace.update(path); // open buffers are indexed from their text
    }
    if (configChanged) {
      for (const d of documents.all()) scheduler.schedule(d.uri, 0);
      void state.workspace.start(state.rootPaths, (root) => configFor(URI.fromPath(join(root, 'runbooks', 'x.md')), join(root, 'runbooks', 'x.md')));
    }
  });

  function rootFor(path: string | undefined): { root?: string; rootUri?: string } {
    if (!path) return {};
    let best = -1;
    for (let i = 0; i < state.rootPaths.length; i++) {
      const r = state.rootPaths[i]!;
      if ((path.startsWith(r + '/') || path === r) && (best < 0 || r.length > state.rootPaths[best]!.length)) best = i;
    }
    return best >= 0 ? { root: state.rootPaths[best], rootUri: state.rootUris[best] } : {};
  }

  async function settingsFor(uri: string): Promise<RunbooksSettings> {
    if (!state.settingsSupported) return {};
    let p = settingsCache.get(uri);
    if (!p) {
      p = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'runbooks' })
        .then((s: unknown) => (s && typeof s === 'object' ? (s as RunbooksSettings) : {}))
        .catch(() => ({}));
      // Documents never opened (custom requests about files on disk) are cached too: bound the map.
      if (settingsCache.size >= SETTINGS_CACHED) settingsCache.delete(settingsCache.keys().next().value!);
      settingsCache.set(uri, p);
    }
    return p;
  }

  async function configFor(uri: string, path: string | undefined): Promise<ResolvedConfig> {
    const settings = await settingsFor(uri);
    const editorLayer = settingsToRaw(settings);
    if (!path) return resolveConfig(editorLayer);
    const { root } = rootFor(path);
    const file = findConfigFile(dirname(path), root ? dirname(root) : undefined);
    if (!file) return resolveConfig(editorLayer);
    const loaded = loadConfigFile(file);
    if (loaded.errors.length) {
      // An invalid config is reported where it is wrong; checks go on with the defaults + editor settings.
      const cfgUri = URI.fromPath(file);
      void connection.sendDiagnostics({
        uri: cfgUri,
        diagnostics: loaded.errors.map((e) => ({ range: { start: e.start, end: e.end }, message: e.message, severity: 1, source: SOURCE, code: 'config' })),
      });
      if (!configErrorsShown.has(file)) {
        configErrorsShown.add(file);
        const first = loaded.errors[0]!;
        void connection.window.showErrorMessage(`runbook-lint: ${file}:${first.start.line + 1}:${first.start.character + 1}: ${first.message}`);
      }
    } else if (configErrorsShown.delete(file)) {
      void connection.sendDiagnostics({ uri: URI.fromPath(file), diagnostics: [] });
    }
    return resolveConfig(loaded.raw, editorLayer);
  }

  /** Per open document: the previous model, so an edit re-parses only the sections it touched. */
  const models = new DocumentModels();
  /** Unusable suppressions files already logged (once each). */
  const suppressionProblems = new Set<string>();
  const memory = processYoungGenerationPolicy();

  async function validate(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    if (state.alerts.handles(uri)) return state.alerts.validate(uri);
    const version = doc.version;
    const path = URI.toPath(uri);
    const { root, rootUri } = rootFor(path);
    const config = await configFor(uri, path);
    const rel = path ? URI.relativeTo(root, path) : undefined;
    // Other editors send every Markdown file: the server applies the include/exclude globs too.
    if (rel && !isCheckedPath(rel, config.include, config.exclude)) {
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const current = documents.get(uri);
    if (!current || current.version !== version) return; // a newer version is on its way
    const text = current.getText();
    memory.observe(uri, text.length);
    const t0 = performance.now();
    // In slices (see slices.ts): requests and edits are answered in between. The parse always ends (the
    // next version is parsed from it); the rules stop as soon as a newer version or a close makes the
    // result useless, so the next check never waits behind an abandoned one.
    const runbook = await models.model(uri, text, rel);
    const stale = () => documents.get(uri)?.version !== version;
    if (stale()) return;
    const result = await inSlices(checkSteps({ text, path: rel, config, workspace: state.facts(rel), runbook }), stale);
    if (!result || stale()) return; // never publish results for an older version
    scheduler.record(uri, performance.now() - t0);
    for (const e of result.internalErrors) connection.console.error(`rule ${e.ruleId} failed on ${rel ?? uri}: ${e.message}`);
    state.lastResults.set(uri, { version, result });
    // Each diagnostic names its finding in the stored result: code actions read the fix from there.
    const { suppressed, problem } = suppressedFindings(root, rel, result);
    if (problem && !suppressionProblems.has(problem)) {
      suppressionProblems.add(problem);
      connection.console.error(`bulk suppressions not applied: ${problem}`);
    }
    const hide = suppressed.size > 0 && (await settingsFor(uri)).suppressedFindings === 'hidden';
    const diagnostics: Diagnostic[] = [];
    result.findings.forEach((f, i) => {
      if (!suppressed.has(f)) diagnostics.push(toDiagnostic(f, result.runbook.lines, version, rootUri, uri, i));
      else if (!hide) diagnostics.push({ ...toDiagnostic(f, result.runbook.lines, version, rootUri, uri, i), severity: DiagnosticSeverity.Hint, message: f.message + SUPPRESSED_NOTE });
    });
    if (stale()) return;
    void connection.sendDiagnostics({ uri, version, diagnostics });
  }

  const scheduler = new Scheduler((uri) =>
    validate(uri)
      .catch((e) => connection.console.error(`check failed for ${uri}: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => wakeWaiters(uri)),
  );
  function wakeWaiters(uri: string): void {
    const w = checkWaiters.get(uri);
    checkWaiters.delete(uri);
    for (const resolve of w ?? []) resolve();
  }

  // The index follows the files on disk (saved state), not unsaved buffers: a half-typed id in
  // one editor must not flag every other runbook as a duplicate.
  const indexBuffer = (doc: TextDocument) => {
    const path = URI.toPath(doc.uri);
    if (path && rootFor(path).root && existsSync(path)) void state.workspace.update(path);
  };
  documents.onDidOpen((e) => {
    scheduler.schedule(e.document.uri, 0);
    indexBuffer(e.document);
  });
  documents.onDidChangeContent((e) => {
    void settingsFor(e.document.uri).then((s) => {
      if (s.validate?.onType !== false) scheduler.schedule(e.document.uri);
    });
  });
  documents.onDidSave((e) => {
    scheduler.schedule(e.document.uri, 0);
    indexBuffer(e.document);
  });
  documents.onDidClose((e) => {
    scheduler.cancel(e.document.uri);
    wakeWaiters(e.document.uri);
    memory.forget(e.document.uri);
    models.forget(e.document.uri);
    state.lastResults.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    state.alerts.forget(e.document.uri);
    if (!state.republishOnClose?.(e.document.uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  return state;
}

export function settingsToRaw(s: RunbooksSettings): RawConfig {
  const raw: RawConfig = {};
  if (Array.isArray(s.include) && s.include.length) raw.include = s.include;
  if (Array.isArray(s.exclude) && s.exclude.length) raw.exclude = s.exclude;
  if (s.rules && typeof s.rules === 'object') raw.rules = s.rules;
  if (s.review && typeof s.review.maxAgeDays === 'number') raw.review = { maxAgeDays: s.review.maxAgeDays };
  if (s.areas && typeof s.areas === 'object') raw.areas = s.areas;
  if (s.allow && typeof s.allow === 'object') raw.allow = s.allow;
  if (typeof s.urlTemplate === 'string' ? s.urlTemplate.trim() : Array.isArray(s.urlTemplate) && s.urlTemplate.length) raw.urlTemplate = s.urlTemplate;
  if (s.alerts && typeof s.alerts === 'object') {
    const a = s.alerts;
    raw.alerts = {
      ...(Array.isArray(a.files) && a.files.length ? { files: a.files } : {}),
      ...(typeof a.repository === 'string' && a.repository.trim() ? { repository: a.repository.trim() } : {}),
      ...(a.severityMap && typeof a.severityMap === 'object' && Object.keys(a.severityMap).length ? { severityMap: a.severityMap } : {}),
    };
  }
  return raw;
}
