/**
 * Whether the last write to the database failed on storage (disk full, read-only, I/O error),
 * per connection: /healthz says `degraded` from that failure until a later write succeeds.
 */
import type Database from 'better-sqlite3';
import { now } from '../lib/dates.js';

export type WriteHealth = { writable: boolean; lastFailedWriteAt: string | null; lastFailure: string | null };

const states = new WeakMap<Database.Database, WriteHealth>();

function stateOf(sqlite: Database.Database): WriteHealth {
  let state = states.get(sqlite);
  if (!state) states.set(sqlite, (state = { writable: true, lastFailedWriteAt: null, lastFailure: null }));
  return state;
}

export function noteWriteFailed(sqlite: Database.Database, code: string): void {
  Object.assign(stateOf(sqlite), { writable: false, lastFailedWriteAt: now(), lastFailure: code });
}

export function noteWriteSucceeded(sqlite: Database.Database): void {
  const state = states.get(sqlite);
  if (state && !state.writable) state.writable = true;
}

export function writeHealth(sqlite: Database.Database): WriteHealth {
  return { ...stateOf(sqlite) };
}
