/**
 * The narrative matrix: a story's questions as rows, its parties as columns, each cell the
 * stances that party's published claims take on that question; and, per question, where the
 * parties agree and where they conflict. Pure: it works on rows already read for one story.
 */
import type { ClaimSummary, StanceOfClaim } from '../claims/queries.js';

export type Position = StanceOfClaim['position'];
export type QuestionRow = { id: number; slug: string; proposition: string; shortLabel: string };
export type PartyColumn = { id: number; slug: string; name: string };

export type CellEntry = { claim: ClaimSummary; position: Position; note: string };

export type QuestionComparison = {
  /** Parties whose claims only assert, only deny, only qualify, or only decline on it. */
  asserts: PartyColumn[];
  denies: PartyColumn[];
  qualifies: PartyColumn[];
  declines: PartyColumn[];
  /** Parties whose claims both assert and deny it. */
  mixed: PartyColumn[];
  verdict: 'contested' | 'agreed' | 'disputed-by-none' | 'unanswered' | 'no-positions';
  summary: string;
};

export type MatrixRow = {
  question: QuestionRow;
  cells: { party: PartyColumn; entries: CellEntry[] }[];
  comparison: QuestionComparison;
};

export type Matrix = { parties: PartyColumn[]; rows: MatrixRow[] };

export type MatrixFilter = { parties?: string[]; questions?: string[] };

export function buildMatrix(input: {
  questions: QuestionRow[];
  claims: ClaimSummary[];
  stances: StanceOfClaim[];
  filter?: MatrixFilter;
}): Matrix {
  const claimsById = new Map(input.claims.map((c) => [c.id, c]));
  const partySet = new Map<number, PartyColumn>();
  const entriesByCell = new Map<string, CellEntry[]>();

  for (const stance of input.stances) {
    const claim = claimsById.get(stance.claimId);
    if (!claim) continue;
    partySet.set(claim.party.id, { id: claim.party.id, slug: claim.party.slug, name: claim.party.name });
    const key = `${stance.questionId}:${claim.party.id}`;
    const list = entriesByCell.get(key) ?? [];
    list.push({ claim, position: stance.position, note: stance.note });
    entriesByCell.set(key, list);
  }

  // Names that match nothing in this story are left out of the choice; no choice means all.
  const wantedParties = choice(input.filter?.parties, [...partySet.values()].map((p) => p.slug));
  const wantedQuestions = choice(input.filter?.questions, input.questions.map((q) => q.slug));

  const parties = [...partySet.values()]
    .filter((p) => !wantedParties || wantedParties.has(p.slug))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const rows = input.questions
    .filter((q) => !wantedQuestions || wantedQuestions.has(q.slug))
    .map((question) => {
      const cells = parties.map((party) => ({
        party,
        entries: (entriesByCell.get(`${question.id}:${party.id}`) ?? []).sort(byDateThenId),
      }));
      return { question, cells, comparison: compareOnQuestion(cells, { onlyChosenParties: wantedParties !== undefined }) };
    });
  return { parties, rows };
}

function choice(requested: string[] | undefined, known: string[]): Set<string> | undefined {
  const chosen = (requested ?? []).filter((slug) => known.includes(slug));
  return chosen.length ? new Set(chosen) : undefined;
}

function byDateThenId(a: CellEntry, b: CellEntry): number {
  return a.claim.saidOn.localeCompare(b.claim.saidOn) || a.claim.id - b.claim.id;
}

/**
 * Who asserts, denies, qualifies or declines, and the verdict. With `onlyChosenParties` (the
 * reader ticked some parties) the summary says that it speaks of those parties only.
 */
export function compareOnQuestion(
  cells: { party: PartyColumn; entries: CellEntry[] }[],
  options: { onlyChosenParties?: boolean } = {},
): QuestionComparison {
  const groups: Omit<QuestionComparison, 'verdict' | 'summary'> = {
    asserts: [],
    denies: [],
    qualifies: [],
    declines: [],
    mixed: [],
  };
  for (const { party, entries } of cells) {
    if (entries.length === 0) continue;
    const positions = new Set(entries.map((e) => e.position));
    if (positions.has('asserts') && positions.has('denies')) groups.mixed.push(party);
    else if (positions.has('asserts')) groups.asserts.push(party);
    else if (positions.has('denies')) groups.denies.push(party);
    else if (positions.has('qualifies')) groups.qualifies.push(party);
    else groups.declines.push(party);
  }
  const verdict = verdictOf(groups);
  return { ...groups, verdict, summary: summarise(groups, verdict, options.onlyChosenParties ?? false) };
}

function verdictOf(g: Omit<QuestionComparison, 'verdict' | 'summary'>): QuestionComparison['verdict'] {
  const taking = g.asserts.length + g.denies.length + g.qualifies.length + g.mixed.length;
  if (taking + g.declines.length === 0) return 'no-positions';
  if ((g.asserts.length > 0 && g.denies.length > 0) || g.mixed.length > 0) return 'contested';
  if (taking === 0) return 'unanswered';
  if (g.asserts.length + g.denies.length > 1 && (g.asserts.length === 0 || g.denies.length === 0)) return 'agreed';
  return 'disputed-by-none';
}

function names(parties: PartyColumn[]): string {
  const list = parties.map((p) => p.name);
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

function summarise(g: Omit<QuestionComparison, 'verdict' | 'summary'>, verdict: QuestionComparison['verdict'], onlyChosen: boolean): string {
  if (verdict === 'no-positions') {
    return onlyChosen ? 'None of the chosen parties takes a position on it.' : 'No published claim takes a position on it yet.';
  }
  const parts: string[] = [];
  if (g.asserts.length) parts.push(`${names(g.asserts)} ${g.asserts.length > 1 ? 'assert' : 'asserts'} it`);
  if (g.denies.length) parts.push(`${names(g.denies)} ${g.denies.length > 1 ? 'deny' : 'denies'} it`);
  if (g.mixed.length) parts.push(`${names(g.mixed)} both ${g.mixed.length > 1 ? 'assert and deny' : 'asserts and denies'} it`);
  if (g.qualifies.length) parts.push(`${names(g.qualifies)} ${g.qualifies.length > 1 ? 'qualify' : 'qualifies'} it`);
  if (g.declines.length) parts.push(`${names(g.declines)} ${g.declines.length > 1 ? 'decline' : 'declines'} to say`);
  const label = VERDICT_PHRASES[verdict];
  return `${label}${onlyChosen ? ' among the chosen parties' : ''}: ${parts.join('; ')}.`;
}

const VERDICT_PHRASES: Record<Exclude<QuestionComparison['verdict'], 'no-positions'>, string> = {
  contested: 'Contested',
  agreed: 'Agreed',
  'disputed-by-none': 'No party takes the other side',
  unanswered: 'Nobody answers it',
};
