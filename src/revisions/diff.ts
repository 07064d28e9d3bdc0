/**
 * Readable differences between two versions of a record: field by field, and word by word inside
 * a changed text, so an editor sees exactly which words changed in a quote.
 */
type WordChange = { op: 'same' | 'added' | 'removed'; text: string };
export type FieldDiff = { label: string; before: string; after: string; changed: boolean; words: WordChange[] };

/** Cells of the quadratic table one comparison may fill; beyond it the change is shown whole. */
const MAX_TABLE_CELLS = 4_000_000;
/** What several comparisons may still spend together; each spends what it fills. */
type CellBudget = { cells: number };

/**
 * Longest-common-subsequence diff over any tokens; runs of one kind are merged with `join`.
 * A common beginning and end are matched first (the usual edit changes a few words in the middle),
 * so only the differing middle pays for the quadratic table.
 */
export function diffTokens(a: string[], b: string[], join = '', budget: CellBudget = { cells: MAX_TABLE_CELLS }): WordChange[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: WordChange[] = [];
  const push = (op: WordChange['op'], text: string) => {
    const last = out.at(-1);
    if (last && last.op === op) last.text += join + text;
    else out.push({ op, text });
  };
  for (const token of a.slice(0, start)) push('same', token);
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const cells = midA.length * midB.length;
  if (cells > Math.min(MAX_TABLE_CELLS, budget.cells)) {
    // Guard the quadratic table: beyond it, show the middle as one removal and one addition.
    if (midA.length) push('removed', midA.join(join));
    if (midB.length) push('added', midB.join(join));
  } else {
    budget.cells -= cells;
    lcsWalk(midA, midB, push);
  }
  for (const token of a.slice(endA)) push('same', token);
  return out;
}

function lcsWalk(a: string[], b: string[], push: (op: WordChange['op'], text: string) => void) {
  const width = b.length + 1;
  // One flat typed array: a 2 000 × 2 000 table of nested JS arrays costs far more memory.
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i]!);
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) push('removed', a[i++]!);
    else push('added', b[j++]!);
  }
  while (i < a.length) push('removed', a[i++]!);
  while (j < b.length) push('added', b[j++]!);
}

/** Word-level diff (over words and the spaces between them). */
export function diffWords(before: string, after: string, budget?: CellBudget): WordChange[] {
  return diffTokens(
    before.split(/(\s+)/).filter((w) => w !== ''),
    after.split(/(\s+)/).filter((w) => w !== ''),
    '',
    budget,
  );
}

export type ParagraphChange = { op: 'same' | 'added' | 'removed' | 'changed'; words: WordChange[] };

/**
 * Paragraph-level diff of two long texts (one paragraph per line); a paragraph removed and one
 * added in its place are shown as one changed paragraph, word by word. The word-level work for the
 * whole comparison shares one budget of table cells (the archive page runs this on every view of
 * two captures of up to a megabyte each): once spent, changed paragraphs are shown whole.
 */
export function diffParagraphs(before: string, after: string, budget: CellBudget = { cells: 2 * MAX_TABLE_CELLS }): ParagraphChange[] {
  const a = before.split('\n').filter((l) => l.trim());
  const b = after.split('\n').filter((l) => l.trim());
  const lines = diffTokens(a, b, '\n');
  const out: ParagraphChange[] = [];
  for (let k = 0; k < lines.length; k++) {
    const change = lines[k]!;
    const next = lines[k + 1];
    if (change.op === 'removed' && next?.op === 'added') {
      const removed = change.text.split('\n');
      const added = next.text.split('\n');
      const pairs = Math.min(removed.length, added.length);
      for (let p = 0; p < pairs; p++) out.push({ op: 'changed', words: diffWords(removed[p]!, added[p]!, budget) });
      for (const text of removed.slice(pairs)) out.push({ op: 'removed', words: [{ op: 'removed', text }] });
      for (const text of added.slice(pairs)) out.push({ op: 'added', words: [{ op: 'added', text }] });
      k++;
      continue;
    }
    for (const text of change.text.split('\n')) out.push({ op: change.op, words: [{ op: change.op, text }] });
  }
  return out;
}

/** Compare two records given as ordered label → text lists (the same labels on both sides). */
export function diffFields(before: [string, string][], after: [string, string][]): FieldDiff[] {
  const afterMap = new Map(after);
  const labels = [...new Set([...before.map(([l]) => l), ...after.map(([l]) => l)])];
  const beforeMap = new Map(before);
  return labels.map((label) => {
    const a = beforeMap.get(label) ?? '';
    const b = afterMap.get(label) ?? '';
    return { label, before: a, after: b, changed: a !== b, words: a === b ? [{ op: 'same', text: a }] : diffWords(a, b) };
  });
}
