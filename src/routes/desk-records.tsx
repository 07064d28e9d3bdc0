/**
 * The desk's screens for the records claims rest on: parties, sources, stories and a story's
 * questions (mounted at /desk, behind requireUser). Each handler checks the permission, parses
 * the form, and calls the record's service in src/parties/, src/sources/ or src/stories/; the service saves in one transaction
 * with its revision. A refused save re-renders the form with the input kept — 422 with a message
 * by each field, 409 with the other person's version beside yours — as the whole page, or as the
 * form alone for an htmx request. A save answers 303 to the record's desk page. Parties, sources
 * and stories are served by the same handlers (recordScreens), each kind described by a table of
 * its form, record, service and page; a story's questions have their own.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { HtmlEscapedString } from 'hono/utils/html';
import { redirect } from '../auth/middleware.js';
import type { Actor } from '../auth/permissions.js';
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
import { listRevisions, type RevisionRow } from '../revisions/store.js';
import type { SessionUser } from '../auth/sessions.js';
import { PartyDeskPage, PartyForm, PartyFormPage, PartyListPage, RoleRowFields, type PartyFormProps } from '../../views/desk/records/parties.js';
import { QuestionDeskPage, QuestionForm, QuestionFormPage, type QuestionFormProps } from '../../views/desk/records/questions.js';
import { SourceDeskPage, SourceForm, SourceFormPage, SourceListPage, type SourceFormProps } from '../../views/desk/records/sources.js';
import type { RecordFormBase } from '../../views/desk/records/shared.js';
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

type FormProps<V> = RecordFormBase & { values: V };
type MaybeActor = Actor | null | undefined;

/**
 * One kind of record's desk screens, as recordScreens serves them: its form, how a record is read
 * into it, the service's permission checks and saves, and its desk page.
 */
type RecordScreens<V extends { comment: string }, I, R> = {
  form: {
    render: (c: AppContext, title: string, props: FormProps<V>, status: Status) => Response | Promise<Response>;
    empty: () => V;
    read: (form: FormData) => V;
    validate: (values: V) => { input: I; errors: FieldErrors };
  };
  record: { require: (db: Db, id: number) => R; values: (record: R) => V; version: (record: R) => number; editTitle: (record: R) => string };
  service: {
    assertMayCreate: (actor: MaybeActor) => void;
    assertMayEdit: (db: Db, actor: MaybeActor, id: number) => void;
    create: (db: Db, actor: Actor, input: I, comment: string) => SaveOutcome;
    update: (db: Db, actor: Actor, id: number, expectedVersion: number | null, input: I, comment: string) => SaveOutcome;
  };
  /** A post that only redraws the form (a party's "Add a role", a story's "Preview"): its answer, or undefined to save. */
  redraw?: (c: AppContext, title: string, props: FormProps<V>, form: FormData) => Response | Promise<Response> | undefined;
  /** The record's desk page: whether readers see it, whether this user may edit it, and the page. */
  page: {
    isPublic: (db: Db, id: number) => boolean;
    mayEdit: (db: Db, actor: MaybeActor, id: number) => boolean;
    render: (props: DeskPageProps<R>) => HtmlEscapedString | Promise<HtmlEscapedString>;
  };
};

type DeskPageProps<R> = { user: SessionUser; record: R; isPublic: boolean; mayEdit: boolean; revisions: RevisionRow[] };

export function recordRoutes(db: Db) {
  const routes = new Hono<AppEnv>();

  /** The desk page, new and edit screens of the records at /desk`path` (each a `kind`), and their saves. */
  function recordScreens<V extends { comment: string }, I, R>(path: string, kind: 'party' | 'source' | 'story', { form, record, service, redraw, page }: RecordScreens<V, I, R>) {
    const newTitle = `New ${kind}`;
    const newForm = { action: `/desk${path}`, cancelHref: `/desk${path}`, saveLabel: `Create ${kind}` };
    const editForm = (id: number) => ({ action: `/desk${path}/${id}/edit`, cancelHref: `/desk${path}/${id}`, saveLabel: `Save ${kind}` });

    routes.get(`${path}/new`, (c) => {
      service.assertMayCreate(c.var.user);
      return form.render(c, newTitle, { ...newForm, values: form.empty(), errors: {} }, 200);
    });

    routes.post(path, async (c) => {
      const user = c.var.user!;
      service.assertMayCreate(user);
      const submitted = await readForm(c);
      const values = form.read(submitted);
      const redrawn = redraw?.(c, newTitle, { ...newForm, values, errors: {} }, submitted);
      if (redrawn) return redrawn;
      return saveFlow(c, values, {
        validate: form.validate,
        save: (input, comment) => service.create(db, user, input, comment),
        render: (state, status) => form.render(c, newTitle, { ...newForm, ...state }, status),
        location: (id) => `/desk${path}/${id}`,
      });
    });

    routes.get(`${path}/:id`, (c) => {
      const id = parseId(c.req.param('id'));
      const current = record.require(db, id);
      const user = c.var.user!;
      return c.html(page.render({ user, record: current, isPublic: page.isPublic(db, id), mayEdit: page.mayEdit(db, user, id), revisions: listRevisions(db, kind, id) }));
    });

    routes.get(`${path}/:id/edit`, (c) => {
      const id = parseId(c.req.param('id'));
      const current = record.require(db, id);
      service.assertMayEdit(db, c.var.user, id);
      return form.render(c, record.editTitle(current), { ...editForm(id), values: record.values(current), errors: {}, version: record.version(current) }, 200);
    });

    routes.post(`${path}/:id/edit`, async (c) => {
      const user = c.var.user!;
      const id = parseId(c.req.param('id'));
      const current = record.require(db, id);
      service.assertMayEdit(db, user, id);
      const submitted = await readForm(c);
      const values = form.read(submitted);
      const version = submittedVersion(submitted);
      const base = { ...editForm(id), version: version ?? undefined };
      const title = record.editTitle(current);
      const redrawn = redraw?.(c, title, { ...base, values, errors: {} }, submitted);
      if (redrawn) return redrawn;
      return saveFlow(c, values, {
        validate: form.validate,
        save: (input, comment) => service.update(db, user, id, version, input, comment),
        render: (state, status) => form.render(c, title, { ...base, ...state, version: state.version ?? base.version }, status),
        location: (savedId) => `/desk${path}/${savedId}`,
        merge: { current: () => record.values(record.require(db, id)), fromSnapshot: (snapshot) => record.values(snapshot as R) },
      });
    });
  }

  // ---------------------------------------------------------------- parties

  /** The party form, with one blank role row unless more were asked for. */
  const partyForm = (c: AppContext, title: string, formProps: FormProps<PartyFormValues>, status: Status, blankRows = 1) => {
    const props: PartyFormProps = { ...formProps, blankRows };
    return fragmentOrPage(c, () => <PartyForm {...props} />, () => <PartyFormPage {...props} user={c.var.user!} title={title} />, status);
  };

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

  recordScreens('/parties', 'party', {
    form: { render: partyForm, empty: emptyPartyForm, read: readPartyForm, validate: validateParty },
    record: { require: parties.requireParty, values: parties.partyFormValues, version: (r) => r.party.version, editTitle: (r) => `Edit ${r.party.name}` },
    service: { assertMayCreate: parties.assertMayCreateParty, assertMayEdit: parties.assertMayEditParty, create: parties.createParty, update: parties.updateParty },
    redraw: (c, title, props, form) => (one(form, 'intent') === 'add-role' ? partyForm(c, title, props, 200, blankRowsAfterAdd(form, props.values)) : undefined),
    page: { isPublic: isPartyPublic, mayEdit: parties.mayEditParty, render: (props) => <PartyDeskPage {...props} /> },
  });


  // ---------------------------------------------------------------- sources

  const sourceForm = (c: AppContext, title: string, props: SourceFormProps, status: Status) =>
    fragmentOrPage(c, () => <SourceForm {...props} />, () => <SourceFormPage {...props} user={c.var.user!} title={title} />, status);

  routes.get('/sources', (c) => {
    const q = c.req.query('q') ?? '';
    return c.html(<SourceListPage user={c.var.user!} rows={sources.listSources(db, q)} q={q} />);
  });

  recordScreens('/sources', 'source', {
    form: { render: sourceForm, empty: emptySourceForm, read: readSourceForm, validate: validateSource },
    record: { require: sources.requireSource, values: sources.sourceFormValues, version: (r) => r.source.version, editTitle: (r) => `Edit ${r.source.title}` },
    service: { assertMayCreate: sources.assertMayCreateSource, assertMayEdit: sources.assertMayEditSource, create: sources.createSource, update: sources.updateSource },
    page: { isPublic: isSourcePublic, mayEdit: sources.mayEditSource, render: (props) => <SourceDeskPage {...props} /> },
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

  recordScreens('/stories', 'story', {
    form: { render: storyForm, empty: emptyStoryForm, read: readStoryForm, validate: validateStory },
    record: { require: stories.requireStory, values: stories.storyFormValues, version: (r) => r.story.version, editTitle: (r) => `Edit ${r.story.title}` },
    // Editors create and change every story (`edit:story`), public or not.
    service: { assertMayCreate: stories.assertMayEditStories, assertMayEdit: (_db, actor) => stories.assertMayEditStories(actor), create: stories.createStory, update: stories.updateStory },
    redraw: (c, title, props, form) => (one(form, 'intent') === 'preview' ? storyForm(c, title, props, 200) : undefined),
    page: {
      isPublic: isStoryPublic,
      mayEdit: (_db, actor) => stories.mayEditStories(actor),
      render: (props) => <StoryDeskPage {...props} questions={questions.questionsOfStory(db, props.record.story.id)} />,
    },
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
