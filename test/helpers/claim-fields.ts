/** A valid claim form as the desk posts it, on the seeded story; override what a test changes. */
import type { TestDb } from './app.js';

export function claimFieldsFor(t: Pick<TestDb, 'db'>) {
  const sql = t.db.$client;
  const partyId = (slug: string) => sql.prepare('SELECT id FROM parties WHERE slug = ?').pluck().get(slug) as number;
  const questionId = (slug: string) => sql.prepare('SELECT id FROM questions WHERE slug = ?').pluck().get(slug) as number;
  return (overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
    story: '1',
    party: String(partyId('dmitry-peskov')),
    statement: 'The leak proved “the direct involvement of the collective West in the conflict in Ukraine”.',
    form: 'partial_quote',
    type: 'characterisation',
    said_on: '2024-03-05',
    date_precision: 'reported_by',
    venue: 'Remarks to reporters',
    rating: 'disputed',
    rating_explanation: 'Downing Street calls it *misinformation*.',
    stance_question: [String(questionId('leak-proves-western-involvement')), ''],
    stance_position: ['asserts', 'asserts'],
    stance_note: ['Proof of direct involvement.', ''],
    citation_source: ['1', ''],
    citation_role: ['reports', 'reports'],
    citation_passage: ['Kremlin spokesperson Dmitry Peskov said it proved “the direct involvement of the collective West in the conflict in Ukraine”.', ''],
    comment: 'First draft',
    ...overrides,
  });
}

/** The claim id a 303 after a claim save points to. */
export function claimIdOf(location: string | null): number {
  const match = /\/desk\/claims\/(\d+)/.exec(location ?? '');
  if (!match) throw new Error(`not a claim address: ${location}`);
  return Number(match[1]);
}
