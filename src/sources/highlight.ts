/**
 * An archived text cut into paragraphs and segments for display: which segments a claim cites
 * (highlighted and linked to the claims), and which are page furniture set aside. Pure: offsets
 * in, segments out.
 */
export type Range = { start: number; end: number; claimId: number };
export type FurnitureRange = { start: number; end: number; reason: string };

export type Segment = {
  text: string;
  /** Claims whose cited passage covers this segment. */
  claimIds: number[];
  /** Claims whose passage ends with this segment: their links go after it. */
  endingClaimIds: number[];
  furniture: string | null;
};

export function highlightText(text: string, ranges: Range[], furniture: FurnitureRange[]): Segment[][] {
  const paragraphs: Segment[][] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const start = offset;
    const end = offset + line.length;
    offset = end + 1;
    if (!line.trim()) continue;
    const points = new Set([start, end]);
    for (const r of [...ranges, ...furniture]) {
      if (r.end <= start || r.start >= end) continue;
      points.add(Math.max(r.start, start));
      points.add(Math.min(r.end, end));
    }
    const sorted = [...points].sort((a, b) => a - b);
    const segments: Segment[] = [];
    for (let i = 0; i < sorted.length - 1; i++) {
      const a = sorted[i]!;
      const b = sorted[i + 1]!;
      if (a === b) continue;
      const covering = ranges.filter((r) => r.start <= a && r.end >= b);
      const ending = covering.filter((r) => r.end === b || (b === end && r.end > end));
      const furnitureHere = furniture.find((f) => f.start <= a && f.end >= b);
      segments.push({
        text: text.slice(a, b),
        claimIds: [...new Set(covering.map((r) => r.claimId))],
        endingClaimIds: [...new Set(ending.map((r) => r.claimId))],
        furniture: furnitureHere ? furnitureHere.reason : null,
      });
    }
    paragraphs.push(segments);
  }
  return paragraphs;
}
