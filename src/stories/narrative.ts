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

type MatrixCell = {
  party: PartyColumn;
  /** The cell's latest entries, newest first: at most a few, however many the party made. */
  entries: CellEntry[];
  /** How many published claims of the party take a position on the question. */
  total: number;
};

export type MatrixRow = {
  question: QuestionRow;
  cells: MatrixCell[];
  comparison: QuestionComparison;
};

export type Matrix = { parties: PartyColumn[]; rows: MatrixRow[] };

export type MatrixFilter = { parties?: string[]; questions?: string[] };

/** Which positions one party takes on one question: all the comparison needs of a party. */
type PartyOnQuestion = { questionId: number; party: PartyColumn; positions: Position[] };

/**
 * The matrix from bounded pieces: the questions shown, the parties shown as columns, the cells'
 * latest entries with their totals, and every party's positions (for the comparison, which
 * speaks of all parties, or of the chosen ones when `onlyChosenParties`).
 */
export function assembleMatrix(input: {
  questions: QuestionRow[];
  parties: PartyColumn[];
  cell: (questionId: number, partyId: number) => { entries: CellEntry[]; total: number } | undefined;
  positions: PartyOnQuestion[];
  onlyChosenParties?: boolean;
}): Matrix {
  const shown = new Set(input.parties.map((p) => p.id));
  const rows = input.questions.map((question) => {
    const cells = input.parties.map((party) => ({ party, ...(input.cell(question.id, party.id) ?? { entries: [], total: 0 }) }));
    const speaking = input.positions
      .filter((p) => p.questionId === question.id && (!input.onlyChosenParties || shown.has(p.party.id)))
      .map((p) => ({ party: p.party, entries: p.positions.map((position) => ({ position })) }));
    return { question, cells, comparison: compareOnQuestion(speaking, { onlyChosenParties: input.onlyChosenParties ?? false }) };
  });
  return { parties: input.parties, rows };
}

/**
 * Who asserts, denies, qualifies or declines, and the verdict. With `onlyChosenParties` (the
 * reader ticked some parties) the summary says that it speaks of those parties only.
 */
export function compareOnQuestion(
  cells: { party: PartyColumn; entries: { position: Position }[] }[],
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

/** Names a reader can take in: the first few (the most central come first), then a count. */
const NAMED_PER_GROUP = 4;

function names(parties: PartyColumn[]): string {
  const list = parties.slice(0, NAMED_PER_GROUP).map((p) => p.name);
  const others = parties.length - list.length;
  if (others > 0) return `${list.join(', ')} and ${others} ${others === 1 ? 'other' : 'others'}`;
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
