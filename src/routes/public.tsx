/**
 * The readers' pages. No login, the same for every reader, published claims only. Each handler
 * parses the request, asks a domain query, and renders a view; unknown things are NotFound.
 */
import { Hono, type Context } from 'hono';
import { claimReview, type Publisher } from '../claims/claim-review.js';
import { correctionsFeed } from '../claims/corrections-feed.js';
import { citationsByClaim, claimPage, correctionsListing } from '../claims/queries.js';
import type { Db } from '../db.js';
import { NotFound } from '../errors.js';
import { fragmentOrPage } from '../http/htmx.js';
import { pageShows } from '../http/page-cache.js';
import { parseId } from '../http/params.js';
import { isPartyPublic, partyPage } from '../parties/queries.js';
import { currentQuestionSlug, currentSlug } from '../publication/former-slugs.js';
import { claimKey, LISTING, partyKey, sourceKey, storyHeaderKey, storyKey } from '../publication/page-keys.js';
import { sourcePage } from '../sources/queries.js';
import { exportStory, toCsv } from '../stories/export.js';
import { speakingPartiesBySlug } from '../stories/central-parties.js';
import { latestClaims, publicStoryBySlug, questionPage, questionsOfStory, STORY_PAGE_LIMITS, storyCards, storyPage, storyTimeline } from '../stories/queries.js';
import { translationsPage } from '../stories/translations.js';
import { SLUG_PATTERN } from '../lib/fields.js';
import { parsePageNumber } from '../lib/paging.js';
import { ClaimHead } from '../../views/components/claim-head.js';
import { ClaimPage } from '../../views/pages/claim.js';
import { CorrectionsPage } from '../../views/pages/corrections.js';
import { HomePage } from '../../views/pages/home.js';
import { PartyPage } from '../../views/pages/party.js';
import { QuestionPage } from '../../views/pages/question.js';
import { SourcePage } from '../../views/pages/source.js';
import { MatrixSection, StoryPage, type MatrixSelection } from '../../views/pages/story.js';
import { TimelinePage } from '../../views/pages/timeline.js';
import { TranslationsPage } from '../../views/pages/translations.js';



function parseSlug(segment: string): string {
  if (!SLUG_PATTERN.test(segment)) throw new NotFound();
  return segment;
}

/** The `page` query parameter of a paginated page; a malformed one names no page. */
function pageParam(c: Context): number {
  const page = parsePageNumber(c.req.query('page'));
  if (page === undefined) throw new NotFound('There is no such page.');
  return page;
}

/** A permanent redirect to where a renamed page now lives, keeping the query string. */
function movedTo(c: Context, path: string) {
  const query = new URL(c.req.url).search;
  return c.redirect(`${path}${query}`, 301);
}

export function publicRoutes(db: Db, options: { origin?: string; publisher?: Publisher } = {}) {
  const routes = new Hono();
  /** Absolute URLs in data and feeds: PUBLIC_ORIGIN behind a proxy, else the request's own. */
  // Absolute URLs come only from the configured origin, never from the request's Host header.
  const origin = (_c: Context) => options.origin ?? '';
  const publisher = options.publisher ?? { name: 'Claimdesk', url: `${options.origin ?? ''}/` };

  routes.get('/', (c) => {
    const page = pageParam(c);
    const stories = storyCards(db, page);
    if (!stories) throw new NotFound('There is no such page of stories.');
    pageShows(c, [LISTING]);
    return c.html(<HomePage stories={stories} latest={page === 1 ? latestClaims(db) : []} />);
  });

  routes.get('/stories/:story', (c) => {
    const slug = parseSlug(c.req.param('story'));
    const requestedParties = c.req.queries('party') ?? [];
    const requestedQuestions = c.req.queries('question') ?? [];
    let known: { parties: Set<string>; questions: Set<string> } = { parties: new Set(), questions: new Set() };
    // A comparison has a bounded number of columns: the first chosen, in the reader's order.
    let compared = new Set<string>();
    const data = storyPage(db, slug, (story) => {
      const parties = speakingPartiesBySlug(db, story.id, requestedParties);
      known = { parties: new Set(parties.map((p) => p.slug)), questions: new Set(questionsOfStory(db, story.id).map((q) => q.slug)) };
      compared = new Set([...new Set(requestedParties.filter((s) => known.parties.has(s)))].slice(0, STORY_PAGE_LIMITS.chosenColumns));
      return { parties: parties.filter((p) => compared.has(p.slug)), questionSlugs: requestedQuestions.filter((s) => known.questions.has(s)) };
    });
    if (!data) {
      const renamed = currentSlug(db, 'story', slug);
      if (renamed) return movedTo(c, `/stories/${renamed}`);
      throw new NotFound('There is no published story at this address.');
    }
    const { parties: knownParties, questions: knownQuestions } = known;
    // A saved comparison that names a renamed party or question: the same comparison, new names.
    const renamedParties = requestedParties.map((s) => (knownParties.has(s) ? s : (currentSlug(db, 'party', s) ?? s)));
    const renamedQuestions = requestedQuestions.map((s) => (knownQuestions.has(s) ? s : (currentQuestionSlug(db, data.story.id, s) ?? s)));
    if (renamedParties.some((s, i) => s !== requestedParties[i]) || renamedQuestions.some((s, i) => s !== requestedQuestions[i])) {
      const query = new URLSearchParams([...renamedParties.map((s) => ['party', s]), ...renamedQuestions.map((s) => ['question', s])]);
      return c.redirect(`/stories/${data.story.slug}?${query}`, 301);
    }
    const selection: MatrixSelection = {
      parties: [...compared],
      tooMany: new Set(requestedParties.filter((s) => knownParties.has(s))).size - compared.size,
      questions: requestedQuestions.filter((s) => knownQuestions.has(s)),
      ignored: [
        ...requestedParties.filter((s) => !knownParties.has(s)),
        ...requestedQuestions.filter((s) => !knownQuestions.has(s)),
      ].map((s) => (s.length > 80 ? `${s.slice(0, 80)}…` : s)),
    };
    // A comparison naming unknown parties or questions is not kept: random names would fill the cache.
    if (selection.ignored.length === 0 && !selection.tooMany) pageShows(c, [storyKey(data.story.id)]);
    return fragmentOrPage(
      c,
      () => <MatrixSection storySlug={data.story.slug} matrix={data.matrix} selection={selection} parting={data.partingClaimIds} />,
      () => <StoryPage data={data} selection={selection} />,
    );
  });

  // The story's published claims as data: JSON (nested) or CSV (a row per claim, for a spreadsheet).
  const exported = (c: Context) => {
    const slug = parseSlug(c.req.param('story') ?? '');
    const data = exportStory(db, slug, origin(c));
    const story = publicStoryBySlug(db, slug);
    if (!data || !story) throw new NotFound('There is no published story at this address.');
    pageShows(c, [storyKey(story.id), ...data.claims.flatMap((claim) => claim.sources.map((s) => sourceKey(s.id)))]);
    return data;
  };
  routes.get('/stories/:story/claims.json', (c) => c.json(exported(c)));
  routes.get('/stories/:story/claims.csv', (c) => c.body(toCsv(exported(c)), 200, { 'Content-Type': 'text/csv; charset=utf-8' }));

  routes.get('/stories/:story/questions/:question', (c) => {
    const storySlug = parseSlug(c.req.param('story'));
    const questionSlug = parseSlug(c.req.param('question'));
    const page = pageParam(c);
    const partySlug = c.req.query('party');
    const data = questionPage(db, storySlug, questionSlug, { page, partySlug });
    if (data && partySlug !== undefined && !data.party) {
      // A party that takes no position here: the question's own page, not an empty list.
      return c.redirect(`/stories/${data.story.slug}/questions/${data.question.slug}`, 302);
    }
    if (!data) {
      // The story or the question (or both) may have been renamed.
      const story = publicStoryBySlug(db, storySlug) ?? publicStoryBySlug(db, currentSlug(db, 'story', storySlug) ?? '');
      const question =
        story && questionsOfStory(db, story.id).some((q) => q.slug === questionSlug) ? questionSlug : story && currentQuestionSlug(db, story.id, questionSlug);
      if (story && question && (story.slug !== storySlug || question !== questionSlug)) {
        return movedTo(c, `/stories/${story.slug}/questions/${question}`);
      }
      throw new NotFound('There is no such question in a published story.');
    }
    const citations = citationsByClaim(db, data.parties!.items.flatMap((p) => p.entries.map((e) => e.claim.id)));
    pageShows(c, [storyKey(data.story.id), ...[...citations.values()].flat().map((citation) => sourceKey(citation.source.id))]);
    return c.html(<QuestionPage data={{ ...data, parties: data.parties! }} citations={citations} />);
  });

  routes.get('/stories/:story/timeline', (c) => {
    const slug = parseSlug(c.req.param('story'));
    const data = storyTimeline(db, slug, pageParam(c));
    if (!data) {
      const renamed = currentSlug(db, 'story', slug);
      if (renamed) return movedTo(c, `/stories/${renamed}/timeline`);
      throw new NotFound('There is no such page of this story’s timeline.');
    }
    pageShows(c, [storyKey(data.story.id)]);
    return c.html(<TimelinePage story={data.story} claims={data.claims} />);
  });

  // "Translations that part ways" (ADR 027): the statements whose renderings differ, compared.
  routes.get('/stories/:story/translations', (c) => {
    const slug = parseSlug(c.req.param('story'));
    const data = translationsPage(db, slug);
    if (!data) {
      const renamed = currentSlug(db, 'story', slug);
      if (renamed) return movedTo(c, `/stories/${renamed}/translations`);
      throw new NotFound('There is no published story at this address.');
    }
    pageShows(c, [
      storyKey(data.story.id),
      ...data.claims.flatMap((claim) => [claimKey(claim.id), ...claim.words.renderings.flatMap((r) => (r.sourceId !== null ? [sourceKey(r.sourceId)] : []))]),
    ]);
    return c.html(<TranslationsPage data={data} />);
  });

  routes.get('/parties/:party', (c) => {
    const slug = parseSlug(c.req.param('party'));
    const page = pageParam(c);
    const data = partyPage(db, slug, page);
    if (!data) {
      if (page > 1) throw new NotFound('There is no such page of this party’s claims.');
      const renamed = currentSlug(db, 'party', slug);
      if (renamed && partyPage(db, renamed)) return movedTo(c, `/parties/${renamed}`);
      throw new NotFound('There is no party with published claims at this address.');
    }
    pageShows(c, [
      partyKey(data.party.id),
      ...data.stories.map((s) => storyHeaderKey(s.story.id)),
      ...[...data.citations.values()].flat().map((citation) => sourceKey(citation.source.id)),
    ]);
    return c.html(<PartyPage data={data} />);
  });

  routes.get('/claims/:id', (c) => {
    const data = claimPage(db, parseId(c.req.param('id')));
    if (!data) throw new NotFound('There is no published claim with this number.');
    // A retracted claim may be its speaker's only one: then there is no party page to link to.
    const speakerLinked = data.claim.state === 'published' || isPartyPublic(db, data.claim.party.id);
    pageShows(c, [
      claimKey(data.claim.id),
      storyKey(data.story.id),
      partyKey(data.claim.party.id),
      ...data.citations.map((citation) => sourceKey(citation.source.id)),
    ]);
    const partyKind = db.$client.prepare('SELECT kind FROM parties WHERE id = ?').pluck().get(data.claim.party.id) as Parameters<typeof claimReview>[1];
    const review = claimReview(data, partyKind, origin(c), publisher);
    const head = <ClaimHead claimId={data.claim.id} origin={origin(c)} review={review} title={`${data.claim.party.name}: ${data.claim.statement.slice(0, 80)}`} />;
    return c.html(<ClaimPage data={data} speakerLinked={speakerLinked} origin={origin(c)} head={head} />);
  });

  routes.get('/sources/:id', (c) => {
    const data = sourcePage(db, parseId(c.req.param('id')), pageParam(c));
    if (!data) throw new NotFound('There is no published source with this number.');
    pageShows(c, [
      sourceKey(data.source.id),
      ...data.citing.items.flatMap((claim) => [claimKey(claim.id), partyKey(claim.party.id), storyHeaderKey(claim.story.id)]),
    ]);
    return c.html(<SourcePage data={data} />);
  });

  routes.get('/corrections', (c) => {
    pageShows(c, [LISTING]);
    return c.html(<CorrectionsPage entries={correctionsListing(db)} />);
  });
  routes.get('/corrections.atom', (c) => {
    pageShows(c, [LISTING]);
    return c.body(correctionsFeed(correctionsListing(db, 50), origin(c), publisher.name), 200, {
      'Content-Type': 'application/atom+xml; charset=utf-8',
    });
  });

  return routes;
}
