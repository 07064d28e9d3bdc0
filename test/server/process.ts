/**
 * Running Claimdesk as a supervisor does, for the tests of start-up and stopping: a command in
 * its own process group (so a test can always clean up everything it started, orphans included),
 * its output collected, its exit awaited.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SERVER = ['--import', 'tsx', path.join(root, 'src', 'server.ts')];

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type Spawned = {
  child: ChildProcess;
  output: () => string;
  stderr: () => string;
  exited: Promise<Exit>;
  /** SIGKILL to the whole process group: whatever is left of what this started. */
  killGroup: () => void;
};

export function spawnProcess(command: string, args: string[], env: Record<string, string>): Spawned {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', ...env };
  delete childEnv.NODE_TEST_CONTEXT;
  const child = spawn(command, args, { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return {
    child,
    output: () => output,
    stderr: () => stderr,
    exited,
    killGroup: () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // The group is gone already.
      }
    },
  };
}

/** `node --import tsx src/server.ts`, what a systemd unit or a container runs. */
export function spawnServer(env: Record<string, string>): Spawned {
  return spawnProcess(process.execPath, SERVER, env);
}

/** Resolves once /healthz answers 200; rejects if the process exits first or after `ms`. */
export async function waitUntilServing(url: string, spawned: Spawned, ms = 30_000): Promise<void> {
  let gone = false;
  void spawned.exited.then(() => (gone = true));
  const deadline = Date.now() + ms;
  for (;;) {
    if (gone) throw new Error(`exited while starting:\n${spawned.output().slice(-2000)}`);
    try {
      const response = await fetch(`${url}/healthz`);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`no answer from ${url}/healthz within ${ms} ms:\n${spawned.output().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Resolves with the exit, or rejects after `ms`. */
export function exitWithin(spawned: Spawned, ms: number): Promise<Exit> {
  return Promise.race([
    spawned.exited,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running after ${ms} ms:\n${spawned.output().slice(-2000)}`)), ms).unref()),
  ]);
}
