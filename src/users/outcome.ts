/**
 * What an account change returns (ADR 012): saved, or refused with a message by field. A refused
 * account change says why, for its status: the input is wrong (422), the accounts as they stand
 * forbid it (409: the last admin, one's own account), or too many guesses were made (429). An
 * account has no concurrent edits to compare, so there is no stale case.
 */
import type { Refused } from '../revisions/conflict.js';

type AccountRefusal = Refused & { reason: 'input' | 'conflict' | 'throttled' };

export type AccountOutcome<Saved = object> = ({ kind: 'saved' } & Saved) | AccountRefusal;

export function refused(field: string, message: string, reason: AccountRefusal['reason']): AccountRefusal {
  return { kind: 'invalid', errors: { [field]: message }, message, reason };
}

export const REFUSAL_STATUS = { input: 422, conflict: 409, throttled: 429 } as const satisfies Record<AccountRefusal['reason'], number>;
