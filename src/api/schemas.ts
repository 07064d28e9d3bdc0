/**
 * The public API's data, as zod schemas: the same objects validate and type the responses and
 * generate the OpenAPI document (`.openapi('Name')` makes a named component). Change a field
 * here and the document, the types and the test move together.
 */
import { z } from '@hono/zod-openapi';
import * as t from '../../db/schema/index.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).openapi({ example: '2024-03-01', description: 'An ISO 8601 calendar day.' });
const timestamp = z.string().openapi({ example: '2024-03-04T09:12:00.000Z', description: 'An ISO 8601 instant (UTC).' });
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/).openapi({ example: 'taurus-leak' });
const languageTag = z
  .string()
  .min(2)
  .max(35)
  .openapi({ example: 'de', description: 'A BCP 47 language tag, canonical (“de”, “en-GB”).' });
const path = z.string().startsWith('/').openapi({ description: 'The address of the public page, relative to the site.' });

export const ApiError = z
  .object({
    status: z.number().int().openapi({ example: 404 }),
    code: z.string().openapi({ example: 'not_found', description: 'A stable machine-readable name of the error.' }),
    message: z.string().openapi({ example: 'There is no published story at this address.' }),
  })
  .openapi('Error');

export const PartyRef = z.object({ slug, name: z.string(), url: path }).openapi('PartyRef');
export const StoryRef = z.object({ slug, title: z.string(), url: path }).openapi('StoryRef');

export const Question = z
  .object({
    slug,
    story: slug,
    proposition: z.string().openapi({ description: 'The contested point, phrased so that a party can assert or deny it.' }),
    shortLabel: z.string(),
    url: path,
  })
  .openapi('Question');

export const StorySummary = z
  .object({
    slug,
    title: z.string(),
    summaryMd: z.string().openapi({ description: 'The story summary in Markdown.' }),
    startsOn: day,
    endsOn: day.nullable(),
    claimCount: z.number().int().nonnegative(),
    url: path,
  })
  .openapi('StorySummary');

const Position = z.enum(t.STANCE_POSITIONS);

export const MatrixRow = z
  .object({
    question: slug,
    cells: z.array(
      z.object({
        party: slug,
        total: z.number().int().nonnegative().openapi({ description: 'Published claims of the party taking a position on the question.' }),
        latest: z.array(z.object({ claim: z.number().int(), position: Position, note: z.string() })),
      }),
    ),
    comparison: z.object({
      verdict: z.enum(['contested', 'agreed', 'disputed-by-none', 'unanswered', 'no-positions']),
      summary: z.string(),
      asserts: z.array(slug),
      denies: z.array(slug),
      qualifies: z.array(slug),
      declines: z.array(slug),
      mixed: z.array(slug),
    }),
  })
  .openapi('MatrixRow');

export const Story = StorySummary.extend({
  questions: z.array(Question),
  matrix: z
    .object({ parties: z.array(PartyRef), rows: z.array(MatrixRow) })
    .openapi({ description: 'Questions as rows, the most central speaking parties as columns, as on the story page.' }),
}).openapi('Story');

export const Party = z
  .object({
    slug,
    name: z.string(),
    kind: z.enum(t.PARTY_KINDS),
    description: z.string(),
    roles: z.array(z.string()).openapi({ description: 'Roles held, worded as the site shows them ("Former head of …").' }),
    aliases: z.array(z.string()),
    url: path,
  })
  .openapi('Party');

export const SourceRef = z
  .object({
    id: z.number().int(),
    title: z.string(),
    publisher: z.string(),
    kind: z.enum(t.SOURCE_KINDS),
    publishedOn: day.nullable(),
    url: z.string().nullable().openapi({ description: 'The original address of the source, when it has one.' }),
    language: languageTag.openapi({ description: 'The language the source is written in (BCP 47).' }),
    page: path,
  })
  .openapi('SourceRef');

export const Citation = z
  .object({
    source: SourceRef,
    role: z.enum(t.CITATION_ROLES),
    passage: z.string(),
    quoteCheck: z
      .object({
        outcome: z.enum(t.QUOTE_OUTCOMES),
        changes: z.string().openapi({ description: 'For an altered quote, the words it changes; otherwise empty.' }),
      })
      .nullable()
      .openapi({ description: 'Whether the quoted words were found in the archived text of the source; null when there is nothing to check.' }),
  })
  .openapi('Citation');

export const Rendering = z
  .object({
    text: z.string(),
    language: languageTag.openapi({ description: 'The language of this rendering (BCP 47).' }),
    sourceId: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'The source that published these words (one the claim cites, see `citations`); null for the newsroom’s own translation.' }),
    translated: z.boolean().openapi({ description: 'Whether it is a translation: its language differs from the one the claim was said in.' }),
    translatedBy: z
      .enum(t.TRANSLATORS)
      .nullable()
      .openapi({ description: 'Who translated it: the outlet that published it, the newsroom, or a named translator; null when it is not a translation or it is not recorded.' }),
    translatorName: z.string().openapi({ description: 'The translator’s name when `translatedBy` is `translator`; otherwise empty.' }),
    quoteCheck: z
      .enum(t.QUOTE_OUTCOMES)
      .nullable()
      .openapi({ description: 'How the quote check of the citation of its source came out; null when there is none (no source, or nothing to check).' }),
  })
  .openapi('Rendering', {
    description: 'The statement as one source published it, in that source’s language (ADR 027). The first is the lead rendering: its text is `statement`.',
  });

export const Correction = z
  .object({
    kind: z.enum(['correction', 'retraction']),
    claim: z.number().int(),
    note: z.string(),
    at: timestamp,
    url: path,
  })
  .openapi('Correction');

export const Claim = z
  .object({
    id: z.number().int(),
    url: path,
    state: z.enum(['published', 'retracted']),
    story: StoryRef,
    speaker: PartyRef.extend({ roles: z.array(z.string()).openapi({ description: 'The roles the speaker held on the day.' }) }),
    statement: z.string().openapi({ description: 'The claim’s words as the site shows them: the text of its first (lead) rendering.' }),
    language: languageTag.nullable().openapi({ description: 'The language the claim was said in (BCP 47); null when it is not recorded.' }),
    originalStatement: z
      .string()
      .nullable()
      .openapi({ description: 'The words as said, in `language`, when the newsroom has them; null otherwise.' }),
    renderings: z.array(Rendering).openapi({ description: 'The statement as each source published it, the lead rendering first.' }),
    form: z.enum(t.CLAIM_FORMS),
    type: z.enum(t.CLAIM_TYPES),
    saidOn: day,
    datePrecision: z.enum(t.DATE_PRECISIONS),
    venue: z.string(),
    rating: z.enum(t.RATINGS),
    ratingExplanationMd: z.string(),
    publishedAt: timestamp.nullable(),
    retractedAt: timestamp.nullable(),
    retractionNote: z.string(),
    stances: z.array(z.object({ question: slug, proposition: z.string(), position: Position, note: z.string() })),
    citations: z.array(Citation),
    corrections: z.array(z.object({ note: z.string(), at: timestamp })),
  })
  .openapi('Claim');

export const Source = SourceRef.extend({
  author: z.string().nullable(),
  accessedOn: day.nullable(),
  description: z.string(),
  capture: z
    .object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), capturedAt: timestamp })
    .nullable()
    .openapi({ description: 'The latest archived capture of the source text: its SHA-256 and when it was taken.' }),
  citedBy: z.number().int().nonnegative().openapi({ description: 'How many published claims cite it.' }),
}).openapi('Source');

/** A page of a list: `next` is the opaque cursor of the next page, null on the last one. */
export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({ items: z.array(item), next: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last page.' }) })
    .openapi(name);
}

export const StoryList = pageOf(StorySummary, 'StoryList');
export const QuestionList = pageOf(Question, 'QuestionList');
export const PartyList = pageOf(Party, 'PartyList');
export const ClaimList = pageOf(Claim, 'ClaimList');
export const SourceList = pageOf(Source, 'SourceList');
export const CorrectionList = pageOf(Correction, 'CorrectionList');

export const PageQuery = z.object({
  cursor: z
    .string()
    .max(200)
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: 'The `next` value of the previous page.' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(25)
    .openapi({ param: { name: 'limit', in: 'query' }, description: 'Items per page, 1 to 100 (25 by default).', example: 25 }),
});

export const ClaimQuery = PageQuery.extend({
  story: slug.optional().openapi({ param: { name: 'story', in: 'query' }, description: 'Only the claims of this story.' }),
  party: slug.optional().openapi({ param: { name: 'party', in: 'query' }, description: 'Only the claims of this speaker.' }),
});

export type ApiClaim = z.infer<typeof Claim>;
export type ApiStory = z.infer<typeof Story>;
export type ApiStorySummary = z.infer<typeof StorySummary>;
export type ApiParty = z.infer<typeof Party>;
export type ApiSource = z.infer<typeof Source>;
export type ApiQuestion = z.infer<typeof Question>;
export type ApiCorrection = z.infer<typeof Correction>;
