/**
 * The benchmark's child processes: the server under test (the real `src/server.ts`), the bare
 * Hono hello server it is compared with, and the load client, each pinned to a core with
 * `taskset` when there is one. Every child is remembered by its PID and killed by it: at `stop()`,
 * and at the latest when the benchmark exits or is interrupted. The server's resident memory is
 * read from /proc/<pid>/status (VmRSS) while it runs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadJob, LoadResult } from './load-client.js';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const hasTaskset = spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;

const children = new Set<ChildProcess>();

function killAll() {
  for (const child of children) {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  children.clear();
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** `node --import tsx <script>` on one core (when taskset exists), from the project root. */
function spawnNode(script: string, core: number, options: { env?: Record<string, string>; ipc?: boolean; flags?: string[] }): ChildProcess {
  const node = [process.execPath, ...(options.flags ?? []), '--import', 'tsx', script];
  const [command, ...args] = hasTaskset ? ['taskset', '-c', String(core), ...node] : node;
  const child = spawn(command!, args, {
    cwd: projectRoot,
    env: { ...process.env, ...options.env },
    // A server's request log goes nowhere; its errors are kept to explain a failed start.
    stdio: options.ipc ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', 'ignore', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function rssMegabytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export type Served = {
  pid: number;
  port: number;
  url: string;
  /** The largest RSS seen since the last call (sampled every 50 ms), in MB. */
  takeMaxRss: () => number;
  stop: () => Promise<void>;
};

/**
 * Whether `pid` itself listens on `port` (Linux: its socket inodes against /proc/net/tcp). A
 * port found free may be taken by another test's server before the child binds it; then that
 * server, not the child, would answer the readiness check.
 */
function listensOn(pid: number, port: number): boolean {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const listening = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      // columns: sl, local address, remote address, state (0A: LISTEN), …, inode (10th)
      if (columns[1]?.endsWith(hex) && columns[3] === '0A' && columns[9]) listening.add(columns[9]);
    }
  }
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        const inode = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        return inode !== undefined && listening.has(inode);
      } catch {
        return false;
      }
    });
  } catch {
    // No /proc (not Linux): trust the answer.
    return true;
  }
}

async function serveScript(script: string, readyPath: string, env: Record<string, string>, flags: string[] = []): Promise<Served> {
  for (let attempt = 1; ; attempt++) {
    const served = await serveScriptOnce(script, readyPath, env, flags);
    if (served) return served;
    if (attempt === 3) throw new Error(`${script}: three free ports were taken by another process before it could listen`);
  }
}

/** Starts the script on a free port; undefined when another process answered on that port. */
async function serveScriptOnce(script: string, readyPath: string, env: Record<string, string>, flags: string[]): Promise<Served | undefined> {
  const port = await freePort();
  const child = spawnNode(script, 0, { env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, flags });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      if (/EADDRINUSE|port .* in use/i.test(stderr)) return undefined;
      throw new Error(`${script} exited with ${child.exitCode}:\n${stderr}`);
    }
    try {
      const response = await fetch(url + readyPath);
      await response.arrayBuffer();
      if (response.ok && listensOn(child.pid!, port)) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > until) throw new Error(`${script} did not answer ${readyPath} within 2 minutes:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const pid = child.pid!;
  let maxRss = rssMegabytes(pid);
  const sampler = setInterval(() => {
    maxRss = Math.max(maxRss, rssMegabytes(pid));
  }, 50);
  return {
    pid,
    port,
    url,
    takeMaxRss: () => {
      const seen = Math.max(maxRss, rssMegabytes(pid));
      maxRss = 0;
      return seen;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        clearInterval(sampler);
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => process.kill(pid, 'SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        process.kill(pid, 'SIGTERM');
      }),
  };
}

/** Node's flags of `npm start`, read from package.json, so the benchmark measures the deployed command. */
export const SERVER_NODE_FLAGS: string[] = (() => {
  const start: string = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).scripts.start;
  // node's own options: every `--…` word of the command but the loader's.
  return start.split(/\s+/).filter((word) => word.startsWith('--') && word !== '--import');
})();

/** The real server on `databasePath`, with or without the page cache, started as `npm start` does. */
export function startClaimdesk(databasePath: string, pageCache: boolean): Promise<Served> {
  return serveScript('src/server.ts', '/healthz', { DATABASE_PATH: databasePath, PAGE_CACHE: pageCache ? 'on' : 'off' }, SERVER_NODE_FLAGS);
}

/** A bare Hono route answering "Hello", served by the same runtime the same way. */
export function startHello(): Promise<Served> {
  return serveScript('test/bench/hello-server.ts', '/', {});
}

export type LoadClient = { run: (job: LoadJob) => Promise<LoadResult>; stop: () => void };

/** The load client, on the other core. */
export function startLoadClient(): LoadClient {
  const child = spawnNode('test/bench/load-client.ts', 1, { ipc: true });
  return {
    run: (job) =>
      new Promise((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`the load client exited (${code})`));
        child.once('exit', onExit);
        child.once('message', (result) => {
          child.off('exit', onExit);
          resolve(result as LoadResult);
        });
        child.send(job);
      }),
    stop: () => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGTERM');
    },
  };
}
