/**
 * The desk's screens for the records claims rest on: parties, sources, stories and a story's
 * questions (mounted at /desk, behind requireUser). Each handler checks the permission, parses
 * the form, and calls the record's service in src/parties/, src/sources/ or src/stories/; the service saves in one transaction
 * with its revision. A refused save re-renders the form with the input kept — 422 with a message
 * by each field, 409 with the other person's version beside yours — as the whole page, or as the
 * form alone for an htmx request. A save answers 303 to the record's desk page.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { redirect } from '../auth/middleware.js';
import type { Db } from '../db.js';
import type { AppContext, AppEnv } from '../http/env.js';
import { one, readForm, many, type FormData } from '../http/form.js';
import { parseId } from '../http/params.js';
import { fragmentOrPage } from '../http/htmx.js';
import type { SaveOutcome, StaleInfo } from '../revisions/conflict.js';
import { mergeValues } from '../revisions/merge.js';
import { checkComment, parseVersion, type FieldErrors } from '../lib/fields.js';
import * as parties from '../parties/service.js';
import { blankRole, emptyPartyForm, readPartyForm, validateParty, type PartyFormValues } from '../parties/form.js';
import { emptyQuestionForm, readQuestionForm, validateQuestion } from '../stories/question-form.js';
import * as questions from '../stories/questions-service.js';
import { emptySourceForm, readSourceForm, validateSource } from '../sources/form.js';
import * as sources from '../sources/service.js';
import * as stories from '../stories/service.js';
import { emptyStoryForm, readStoryForm, validateStory } from '../stories/form.js';
import { isPartyPublic, isSourcePublic, isStoryPublic } from '../publication/visibility.js';
import { listRevisions } from '../revisions/store.js';
import { PartyDeskPage, PartyForm, PartyFormPage, PartyListPage, RoleRowFields, type PartyFormProps } from '../../views/desk/records/parties.js';
import { QuestionDeskPage, QuestionForm, QuestionFormPage, type QuestionFormProps } from '../../views/desk/records/questions.js';
import { SourceDeskPage, SourceForm, SourceFormPage, SourceListPage, type SourceFormProps } from '../../views/desk/records/sources.js';
import { MarkdownPreview, StoryDeskPage, StoryForm, StoryFormPage, StoryListPage, type StoryFormProps } from '../../views/desk/records/stories.js';

type Status = 200 | 409 | 422;
type FormState<V> = { values: V; errors: FieldErrors; version?: number; stale?: StaleInfo };

/** Validate, save, and answer: 303 to the record, or the form again with 422 or 409. */
function saveFlow<V extends { comment: string }, I>(
  c: AppContext,
  values: V,
  spec: {
    validate: (values: V) => { input: I; errors: FieldErrors };
    save: (input: I, comment: string) => SaveOutcome;
    render: (state: FormState<V>, status: Status) => Response | Promise<Response>;
    location: (id: number) => string;
    /** For an edit: the form as saved now, and a stored snapshot as a form, to merge a stale save. */
    merge?: { current: () => V; fromSnapshot: (snapshot: unknown) => V };
  },
) {
  const { input, errors } = spec.validate(values);
  const comment = checkComment(errors, values.comment);
  if (Object.keys(errors).length > 0) return spec.render({ values, errors }, 422);
  const outcome = spec.save(input, comment);
  switch (outcome.kind) {
    case 'saved':
      return redirect(c, spec.location(outcome.id));
    case 'invalid':
      return spec.render({ values, errors: outcome.errors }, 422);
    case 'stale': {
      // Merged three ways where the opened version is on record: their changes come into the
      // form, the user's stay, and the notice asks only about fields both changed. The form
      // carries the current version, so saving again saves the merge.
      const merged = mergeStale(values, outcome.stale, spec.merge);
      return spec.render({ values: merged.values, errors: {}, stale: { ...outcome.stale, merged: merged.done }, version: outcome.stale.version }, 409);
    }
  }
}

function mergeStale<V extends { comment: string }>(mine: V, stale: StaleInfo, merge?: { current: () => V; fromSnapshot: (snapshot: unknown) => V }) {
  if (!merge || stale.baseSnapshot === undefined) return { values: mine, done: false };
  try {
    return { values: mergeValues(merge.fromSnapshot(stale.baseSnapshot), merge.current(), mine).values, done: true };
  } catch {
    return { values: mine, done: false }; // a snapshot in a shape the form does not know
  }
}

function submittedVersion(form: FormData): number | null {
  return parseVersion(one(form, 'version'));
}

export function recordRoutes(db: Db) {
  const routes = new Hono<AppEnv>();

  // ---------------------------------------------------------------- parties

  const partyForm = (c: AppContext, title: string, props: PartyFormProps, status: Status) =>
    fragmentOrPage(c, () => <PartyForm {...props} />, () => <PartyFormPage {...props} user={c.var.user!} title={title} />, status);

  /** Blank rows to show after "Add a role" without JavaScript: as many as were sent, plus one. */
  const blankRowsAfterAdd = (form: FormData, values: PartyFormValues) =>
    Math.max(0, many(form, 'role_title').length - values.roles.length) + 1;

  routes.get('/parties', (c) => {
    const q = c.req.query('q') ?? '';
    return c.html(<PartyListPage user={c.var.user!} rows={parties.listParties(db, q)} q={q} />);
  });

  routes.get('/parties/role-row', (c) => {
    return c.html(<RoleRowFields row={blankRole()} rowKey={`n${randomUUID().slice(0, 8)}`} legend="New role" />);
  });

  routes.get('/parties/new', (c) => {
    parties.assertMayCreateParty(c.var.user);
    const props = { action: '/desk/parties', values: emptyPartyForm(), errors: {}, blankRows: 1, cancelHref: '/desk/parties', saveLabel: 'Create party' };
    return partyForm(c, 'New party', props, 200);
  });

  routes.post('/parties', async (c) => {
    const user = c.var.user!;
    parties.assertMayCreateParty(user);
    const form = await readForm(c);
    const values = readPartyForm(form);
    const base = { action: '/desk/parties', cancelHref: '/desk/parties', saveLabel: 'Create party' };
    if (one(form, 'intent') === 'add-role') {
      return partyForm(c, 'New party', { ...base, values, errors: {}, blankRows: blankRowsAfterAdd(form, values) }, 200);
    }
    return saveFlow(c, values, {
      validate: validateParty,
      save: (input, comment) => parties.createParty(db, user, input, comment),
      render: (state, status) => partyForm(c, 'New party', { ...base, ...state, blankRows: 1 }, status),
      location: (id) => `/desk/parties/${id}`,
    });
  });

  routes.get('/parties/:id', (c) => {
    const record = parties.requireParty(db, parseId(c.req.param('id')));
    const id = record.party.id;
    return c.html(
      <PartyDeskPage
        user={c.var.user!}
        record={record}
        isPublic={isPartyPublic(db, id)}
        mayEdit={parties.mayEditParty(db, c.var.user, id)}
        revisions={listRevisions(db, 'party', id)}
      />,
    );
  });

  routes.get('/parties/:id/edit', (c) => {
    const record = parties.requireParty(db, parseId(c.req.param('id')));
    parties.assertMayEditParty(db, c.var.user, record.party.id);
    const id = record.party.id;
    const props = {
      action: `/desk/parties/${id}/edit`,
      values: parties.partyFormValues(record),
      errors: {},
      blankRows: 1,
      version: record.party.version,
      cancelHref: `/desk/parties/${id}`,
      saveLabel: 'Save party',
    };
    return partyForm(c, `Edit ${record.party.name}`, props, 200);
  });

  routes.post('/parties/:id/edit', async (c) => {
    const user = c.var.user!;
    const record = parties.requireParty(db, parseId(c.req.param('id')));
    const id = record.party.id;
    parties.assertMayEditParty(db, user, id);
    const form = await readForm(c);
    const values = readPartyForm(form);
    const version = submittedVersion(form);
    const base = { action: `/desk/parties/${id}/edit`, cancelHref: `/desk/parties/${id}`, saveLabel: 'Save party', version: version ?? undefined };
    const title = `Edit ${record.party.name}`;
    if (one(form, 'intent') === 'add-role') {
      return partyForm(c, title, { ...base, values, errors: {}, blankRows: blankRowsAfterAdd(form, values) }, 200);
    }
    return saveFlow(c, values, {
      validate: validateParty,
      save: (input, comment) => parties.updateParty(db, user, id, version, input, comment),
      render: (state, status) => partyForm(c, title, { ...base, ...state, version: state.version ?? base.version, blankRows: 1 }, status),
      location: (savedId) => `/desk/parties/${savedId}`,
      merge: { current: () => parties.partyFormValues(parties.requireParty(db, id)), fromSnapshot: (s) => parties.partyFormValues(s as parties.PartyRecord) },
    });
  });

  // ---------------------------------------------------------------- sources

  const sourceForm = (c: AppContext, title: string, props: SourceFormProps, status: Status) =>
    fragmentOrPage(c, () => <SourceForm {...props} />, () => <SourceFormPage {...props} user={c.var.user!} title={title} />, status);

  routes.get('/sources', (c) => {
    const q = c.req.query('q') ?? '';
    return c.html(<SourceListPage user={c.var.user!} rows={sources.listSources(db, q)} q={q} />);
  });

  routes.get('/sources/new', (c) => {
    sources.assertMayCreateSource(c.var.user);
    const props = { action: '/desk/sources', values: emptySourceForm(), errors: {}, cancelHref: '/desk/sources', saveLabel: 'Create source' };
    return sourceForm(c, 'New source', props, 200);
  });

  routes.post('/sources', async (c) => {
    const user = c.var.user!;
    sources.assertMayCreateSource(user);
    const values = readSourceForm(await readForm(c));
    const base = { action: '/desk/sources', cancelHref: '/desk/sources', saveLabel: 'Create source' };
    return saveFlow(c, values, {
      validate: validateSource,
      save: (input, comment) => sources.createSource(db, user, input, comment),
      render: (state, status) => sourceForm(c, 'New source', { ...base, ...state }, status),
      location: (id) => `/desk/sources/${id}`,
    });
  });

  routes.get('/sources/:id', (c) => {
    const record = sources.requireSource(db, parseId(c.req.param('id')));
    const id = record.source.id;
    return c.html(
      <SourceDeskPage
        user={c.var.user!}
        record={record}
        isPublic={isSourcePublic(db, id)}
        mayEdit={sources.mayEditSource(db, c.var.user, id)}
        revisions={listRevisions(db, 'source', id)}
      />,
    );
  });

  routes.get('/sources/:id/edit', (c) => {
    const record = sources.requireSource(db, parseId(c.req.param('id')));
    const id = record.source.id;
    sources.assertMayEditSource(db, c.var.user, id);
    const props = {
      action: `/desk/sources/${id}/edit`,
      values: sources.sourceFormValues(record),
      errors: {},
      version: record.source.version,
      cancelHref: `/desk/sources/${id}`,
      saveLabel: 'Save source',
    };
    return sourceForm(c, `Edit ${record.source.title}`, props, 200);
  });

  routes.post('/sources/:id/edit', async (c) => {
    const user = c.var.user!;
    const record = sources.requireSource(db, parseId(c.req.param('id')));
    const id = record.source.id;
    sources.assertMayEditSource(db, user, id);
    const form = await readForm(c);
    const values = readSourceForm(form);
    const version = submittedVersion(form);
    const base = { action: `/desk/sources/${id}/edit`, cancelHref: `/desk/sources/${id}`, saveLabel: 'Save source', version: version ?? undefined };
    return saveFlow(c, values, {
      validate: validateSource,
      save: (input, comment) => sources.updateSource(db, user, id, version, input, comment),
      render: (state, status) => sourceForm(c, `Edit ${record.source.title}`, { ...base, ...state, version: state.version ?? base.version }, status),
      location: (savedId) => `/desk/sources/${savedId}`,
      merge: { current: () => sources.sourceFormValues(sources.requireSource(db, id)), fromSnapshot: (s) => sources.sourceFormValues(s as sources.SourceRecord) },
    });
  });

  // ---------------------------------------------------------------- stories

  const storyForm = (c: AppContext, title: string, props: StoryFormProps, status: Status) =>
    fragmentOrPage(c, () => <StoryForm {...props} />, () => <StoryFormPage {...props} user={c.var.user!} title={title} />, status);

  routes.get('/stories', (c) => {
    return c.html(<StoryListPage user={c.var.user!} rows={stories.listStories(db)} mayEdit={stories.mayEditStories(c.var.user)} />);
  });

  /** The summary as readers will see it (sanitised), for the form's live preview. */
  routes.post('/stories/preview', async (c) => {
    const markdown = one(await readForm(c), 'summary_md');
    return c.html(<MarkdownPreview markdown={markdown} />);
  });

  routes.get('/stories/new', (c) => {
    stories.assertMayEditStories(c.var.user);
    const props = { action: '/desk/stories', values: emptyStoryForm(), errors: {}, cancelHref: '/desk/stories', saveLabel: 'Create story' };
    return storyForm(c, 'New story', props, 200);
  });

  routes.post('/stories', async (c) => {
    const user = c.var.user!;
    stories.assertMayEditStories(user);
    const form = await readForm(c);
    const values = readStoryForm(form);
    const base = { action: '/desk/stories', cancelHref: '/desk/stories', saveLabel: 'Create story' };
    if (one(form, 'intent') === 'preview') return storyForm(c, 'New story', { ...base, values, errors: {} }, 200);
    return saveFlow(c, values, {
      validate: validateStory,
      save: (input, comment) => stories.createStory(db, user, input, comment),
      render: (state, status) => storyForm(c, 'New story', { ...base, ...state }, status),
      location: (id) => `/desk/stories/${id}`,
    });
  });

  routes.get('/stories/:id', (c) => {
    const record = stories.requireStory(db, parseId(c.req.param('id')));
    const id = record.story.id;
    return c.html(
      <StoryDeskPage
        user={c.var.user!}
        record={record}
        questions={questions.questionsOfStory(db, id)}
        isPublic={isStoryPublic(db, id)}
        mayEdit={stories.mayEditStories(c.var.user)}
        revisions={listRevisions(db, 'story', id)}
      />,
    );
  });

  routes.get('/stories/:id/edit', (c) => {
    const record = stories.requireStory(db, parseId(c.req.param('id')));
    stories.assertMayEditStories(c.var.user);
    const id = record.story.id;
    const props = {
      action: `/desk/stories/${id}/edit`,
      values: stories.storyFormValues(record),
      errors: {},
      version: record.story.version,
      cancelHref: `/desk/stories/${id}`,
      saveLabel: 'Save story',
    };
    return storyForm(c, `Edit ${record.story.title}`, props, 200);
  });

  routes.post('/stories/:id/edit', async (c) => {
    const user = c.var.user!;
    const record = stories.requireStory(db, parseId(c.req.param('id')));
    stories.assertMayEditStories(user);
    const id = record.story.id;
    const form = await readForm(c);
    const values = readStoryForm(form);
    const version = submittedVersion(form);
    const base = { action: `/desk/stories/${id}/edit`, cancelHref: `/desk/stories/${id}`, saveLabel: 'Save story', version: version ?? undefined };
    const title = `Edit ${record.story.title}`;
    if (one(form, 'intent') === 'preview') return storyForm(c, title, { ...base, values, errors: {} }, 200);
    return saveFlow(c, values, {
      validate: validateStory,
      save: (input, comment) => stories.updateStory(db, user, id, version, input, comment),
      render: (state, status) => storyForm(c, title, { ...base, ...state, version: state.version ?? base.version }, status),
      location: (savedId) => `/desk/stories/${savedId}`,
      merge: { current: () => stories.storyFormValues(stories.requireStory(db, id)), fromSnapshot: (s) => stories.storyFormValues(s as stories.StoryRecord) },
    });
  });

  // ---------------------------------------------------------------- questions of a story

  const questionForm = (c: AppContext, story: stories.StoryRow, title: string, props: QuestionFormProps, status: Status) =>
    fragmentOrPage(c, () => <QuestionForm {...props} />, () => <QuestionFormPage {...props} user={c.var.user!} title={title} story={story} />, status);

  routes.get('/stories/:id/questions/new', (c) => {
    const { story } = stories.requireStory(db, parseId(c.req.param('id')));
    stories.assertMayEditStories(c.var.user);
    const props = {
      action: `/desk/stories/${story.id}/questions`,
      values: emptyQuestionForm(questions.nextQuestionPosition(db, story.id)),
      errors: {},
      cancelHref: `/desk/stories/${story.id}`,
      saveLabel: 'Add question',
    };
    return questionForm(c, story, 'New question', props, 200);
  });

  routes.post('/stories/:id/questions', async (c) => {
    const user = c.var.user!;
    const { story } = stories.requireStory(db, parseId(c.req.param('id')));
    stories.assertMayEditStories(user);
    const values = readQuestionForm(await readForm(c));
    const base = { action: `/desk/stories/${story.id}/questions`, cancelHref: `/desk/stories/${story.id}`, saveLabel: 'Add question' };
    return saveFlow(c, values, {
      validate: validateQuestion,
      save: (input, comment) => questions.createQuestion(db, user, story.id, input, comment),
      render: (state, status) => questionForm(c, story, 'New question', { ...base, ...state }, status),
      location: (qid) => `/desk/stories/${story.id}/questions/${qid}`,
    });
  });

  routes.get('/stories/:id/questions/:qid', (c) => {
    const { story } = stories.requireStory(db, parseId(c.req.param('id')));
    const record = questions.requireQuestion(db, story.id, parseId(c.req.param('qid')));
    return c.html(
      <QuestionDeskPage
        user={c.var.user!}
        story={story}
        record={record}
        mayEdit={stories.mayEditStories(c.var.user)}
        revisions={listRevisions(db, 'question', record.question.id)}
      />,
    );
  });

  routes.get('/stories/:id/questions/:qid/edit', (c) => {
    const { story } = stories.requireStory(db, parseId(c.req.param('id')));
    const record = questions.requireQuestion(db, story.id, parseId(c.req.param('qid')));
    stories.assertMayEditStories(c.var.user);
    const qid = record.question.id;
    const props = {
      action: `/desk/stories/${story.id}/questions/${qid}/edit`,
      values: questions.questionFormValues(record),
      errors: {},
      version: record.question.version,
      cancelHref: `/desk/stories/${story.id}/questions/${qid}`,
      saveLabel: 'Save question',
    };
    return questionForm(c, story, `Edit question: ${record.question.shortLabel}`, props, 200);
  });

  routes.post('/stories/:id/questions/:qid/edit', async (c) => {
    const user = c.var.user!;
    const { story } = stories.requireStory(db, parseId(c.req.param('id')));
    const record = questions.requireQuestion(db, story.id, parseId(c.req.param('qid')));
    stories.assertMayEditStories(user);
    const qid = record.question.id;
    const form = await readForm(c);
    const values = readQuestionForm(form);
    const version = submittedVersion(form);
    const base = {
      action: `/desk/stories/${story.id}/questions/${qid}/edit`,
      cancelHref: `/desk/stories/${story.id}/questions/${qid}`,
      saveLabel: 'Save question',
      version: version ?? undefined,
    };
    const title = `Edit question: ${record.question.shortLabel}`;
    return saveFlow(c, values, {
      validate: validateQuestion,
      save: (input, comment) => questions.updateQuestion(db, user, story.id, qid, version, input, comment),
      render: (state, status) => questionForm(c, story, title, { ...base, ...state, version: state.version ?? base.version }, status),
      location: (savedId) => `/desk/stories/${story.id}/questions/${savedId}`,
      merge: {
        current: () => questions.questionFormValues(questions.requireQuestion(db, story.id, qid)),
        fromSnapshot: (s) => questions.questionFormValues(s as questions.QuestionRecord),
      },
    });
  });

  // Records are created by posting to their collection, as claims are; a form still pointing at
  // the former address is sent on with its body (308 keeps the method).
  for (const collection of ['/parties', '/sources', '/stories']) {
    routes.post(`${collection}/new`, (c) => c.redirect(`/desk${collection}`, 308));
  }
  routes.post('/stories/:id/questions/new', (c) => c.redirect(`/desk/stories/${parseId(c.req.param('id'))}/questions`, 308));

  return routes;
}
