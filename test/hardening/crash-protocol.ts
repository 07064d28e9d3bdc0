/**
 * What the crash test's parent (crash-harness.ts) and child (crash-child.ts) agree on: the
 * journalist the child signs in as, the prefix that marks the claims it writes, the lines it
 * prints, and a small seeded random generator so that a failing run can be replayed with its seed.
 */

export const CRASH_EMAIL = 'crash-journalist@newsroom.test';
export const CRASH_STATEMENT_PREFIX = 'CRASH-TEST ';

export type ChildLine =
  | { kind: 'create'; id: number; marker: string }
  | { kind: 'submit'; id: number }
  | { kind: 'ready'; port: number }
  | { kind: 'pragmas'; values: Record<string, string> }
  | { kind: 'fixtures' }
  | { kind: 'done' }
  | { kind: 'other'; text: string };

export function parseChildLine(line: string): ChildLine {
  let match = /^ACK CREATE (\d+) (\S+)$/.exec(line);
  if (match) return { kind: 'create', id: Number(match[1]), marker: match[2]! };
  match = /^ACK SUBMIT (\d+)$/.exec(line);
  if (match) return { kind: 'submit', id: Number(match[1]) };
  match = /^READY (\d+)$/.exec(line);
  if (match) return { kind: 'ready', port: Number(match[1]) };
  if (line.startsWith('PRAGMAS ')) {
    const values = Object.fromEntries(
      line
        .slice('PRAGMAS '.length)
        .split(' ')
        .map((pair) => pair.split('=') as [string, string]),
    );
    return { kind: 'pragmas', values };
  }
  if (line === 'FIXTURES loaded') return { kind: 'fixtures' };
  if (line === 'DONE') return { kind: 'done' };
  return { kind: 'other', text: line };
}

/** mulberry32: a tiny, good-enough seeded generator of numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
