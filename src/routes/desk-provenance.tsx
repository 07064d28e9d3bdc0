/**
 * Provenance on the desk: capturing a source's text (paste or upload), comparing captures, and
 * drafting claims from the suggester's reading of the newest capture. Mounted at /desk.
 */
import { Hono } from 'hono';
import { redirect } from '../auth/middleware.js';
import { can } from '../auth/permissions.js';
import type { Db } from '../db.js';
import { Forbidden, Invalid, NotFound } from '../errors.js';
import type { AppContext, AppEnv } from '../http/env.js';
import { many, one, readForm, readFormWithFiles } from '../http/form.js';
import { dismissedKeys, draftSeveral, setDismissed, suggestionKey } from '../sources/dismissals.js';
import { parseId } from '../http/params.js';
import { captureNumber, captureSnapshot, readUpload, snapshotById, snapshotsOf, type CaptureInput } from '../sources/archive.js';
import { draftFromSuggestion, suggestionsForSource } from '../suggest/suggestions.js';
import { renderingCandidates } from '../claims/rendering-service.js';
import { assertMayCapture, sourceHeader, storyChoices, storyCitingSource } from '../sources/provenance.js';
import { diffParagraphs } from '../revisions/diff.js';
import { parsePassageRange } from '../review/cited-passages.js';
import { ArchivePage, SuggestionsPage } from '../../views/desk/provenance.js';
import { ClaimEditPage } from '../../views/desk/claim.js';
import { claimFormOptions } from '../claims/describe.js';
import { suggestionForm } from '../claims/form.js';


/** A refused capture that still carries what was pasted, so the form can give it back. */
class CaptureRefused extends Invalid {
  constructor(
    message: string,
    readonly pasted: string,
  ) {
    super(message);
  }
}

/** Pasted text or an uploaded file: the one form reader, asked for files too. */
async function readCapture(c: AppContext): Promise<CaptureInput & { pasted: string }> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type)) throw new Invalid('Send the capture with the form on this page.');
  const { form, files } = await readFormWithFiles(c);
  if ((files.file?.length ?? 0) + (form.file?.length ?? 0) > 1) throw new Invalid('The field “file” was sent more than once.');
  const file = files.file?.[0];
  if ((files.text?.length ?? 0) + (form.text?.length ?? 0) > 1) throw new Invalid('The field “text” was sent more than once.');
  const pastedText = one(form, 'text');
  if (file && file.bytes.length > 0) {
    if (pastedText.trim()) throw new CaptureRefused('Paste the text or upload a file, not both: the pasted text is kept below.', pastedText);
    try {
      const { text, origin } = readUpload(file.bytes, file.filename);
      return { text, origin, filename: file.filename, pasted: '' };
    } catch (error) {
      if (error instanceof Invalid) throw new CaptureRefused(error.message, pastedText);
      throw error;
    }
  }
  if (files.text) throw new Invalid('Paste the text into the text box.');
  if (!pastedText.trim()) throw new Invalid('Paste the text or choose a file: there was nothing to archive.');
  return { text: pastedText, origin: 'paste', filename: null, pasted: pastedText };
}

export function provenanceRoutes(db: Db) {
  const routes = new Hono<AppEnv>();

  function archivePage(c: AppContext, sourceId: number, extra: { error?: string; pasted?: string; notice?: string } = {}) {
    const source = sourceHeader(db, sourceId);
    const snapshots = snapshotsOf(db, sourceId);
    const compareRaw = c.req.query('compare');
    const toId = compareRaw ? parseId(compareRaw) : snapshots[0]?.id;
    const to = toId ? snapshotById(db, sourceId, toId) : undefined;
    if (compareRaw && !to) throw new NotFound('There is no such capture of this source.');
    const from = to ? snapshots.find((s) => s.id < to.id) : undefined;
    const compare = to && from ? { from, to, changes: diffParagraphs(from.text, to.text) } : null;
    const passage = parsePassageRange(c.req.query('passage'));
    return <ArchivePage user={c.var.user!} source={source} snapshots={snapshots} compare={compare} passage={passage} {...extra} />;
  }

  routes.get('/sources/:id/archive', (c) =>
    c.html(archivePage(c, parseId(c.req.param('id')), c.req.query('archived') !== undefined ? { notice: 'Archived: the newest capture is at the top.' } : {})),
  );

  routes.post('/sources/:id/archive', async (c) => {
    const sourceId = parseId(c.req.param('id'));
    sourceHeader(db, sourceId);
    assertMayCapture(db, c.var.user, sourceId);
    let input: Awaited<ReturnType<typeof readCapture>> | undefined;
    try {
      input = await readCapture(c);
      captureSnapshot(db, c.var.user!, sourceId, input);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      const pasted = error instanceof CaptureRefused ? error.pasted : input?.pasted;
      return c.html(archivePage(c, sourceId, { error: error.message, pasted }), 422);
    }
    return redirect(c, `/desk/sources/${sourceId}/archive?archived`);
  });

  routes.get('/sources/:id/suggest', (c) => {
    const sourceId = parseId(c.req.param('id'));
    const source = sourceHeader(db, sourceId);
    const stories = storyChoices(db);
    const storyParam = c.req.query('story');
    const storyId = storyParam ? parseId(storyParam) : (storyCitingSource(db, sourceId) ?? stories[0]?.id ?? null);
    if (storyId !== null && !stories.some((s) => s.id === storyId)) throw new NotFound('There is no such story.');
    const result = suggestionsForSource(db, sourceId, storyId);
    if (!result) return redirect(c, `/desk/sources/${sourceId}/archive`);
    const drafted = Number(c.req.query('drafted') ?? NaN);
    const skipped = Number(c.req.query('need-speaker') ?? 0);
    const notice = Number.isInteger(drafted)
      ? `${drafted === 1 ? '1 draft' : `${drafted} drafts`} made: they are in your claims.${skipped > 0 ? ` ${skipped} with a new speaker ${skipped === 1 ? 'waits' : 'wait'} for “Make this a draft claim”, to confirm the new party.` : ''}`
      : undefined;
    return c.html(
      <SuggestionsPage
        user={c.var.user!}
        source={source}
        stories={stories}
        storyId={storyId}
        items={result.items}
        snapshotId={result.snapshot.id}
        captureNumber={captureNumber(db, sourceId, result.snapshot.id)}
        keyOf={suggestionKey}
        dismissed={dismissedKeys(db, result.snapshot.id)}
        showDismissed={c.req.query('set-aside') !== undefined}
        notice={notice}
        renderingCandidates={renderingCandidates(db, storyId, sourceId, result.items)}
      />,
    );
  });

  /** Set a suggestion aside for this capture, or bring it back; back to the list. */
  routes.post('/sources/:id/suggest/dismiss', async (c) => {
    const sourceId = parseId(c.req.param('id'));
    const form = await readForm(c);
    const story = one(form, 'story');
    setDismissed(db, c.var.user!, sourceId, parseId(one(form, 'snapshot')), one(form, 'key'), one(form, 'undo') === '');
    return redirect(c, `/desk/sources/${sourceId}/suggest${/^[1-9][0-9]{0,15}$/.test(story) ? `?story=${story}` : ''}`);
  });

  /** Draft the ticked suggestions together. */
  routes.post('/sources/:id/suggest/several', async (c) => {
    const sourceId = parseId(c.req.param('id'));
    const form = await readForm(c);
    const storyRaw = one(form, 'story');
    if (!/^[1-9][0-9]{0,15}$/.test(storyRaw)) throw new Invalid('Choose the story the claims belong to.');
    const outcome = draftSeveral(db, c.var.user!, sourceId, Number(storyRaw), many(form, 'pick'));
    return redirect(c, `/desk/sources/${sourceId}/suggest?story=${storyRaw}&drafted=${outcome.drafted.length}&need-speaker=${outcome.needSpeaker}`);
  });

  routes.post('/sources/:id/suggest', async (c) => {
    const sourceId = parseId(c.req.param('id'));
    if (!can(c.var.user, 'create:claim')) throw new Forbidden();
    const form = await readForm(c);
    const storyRaw = one(form, 'story');
    if (!/^[1-9][0-9]{0,15}$/.test(storyRaw)) throw new Invalid('Choose the story the claim belongs to.');
    const suggestion = {
      newPartyName: one(form, 'new_party_name'),
      statement: one(form, 'statement'),
      form: one(form, 'form'),
      saidOn: one(form, 'said_on'),
      datePrecision: one(form, 'date_precision'),
      venue: one(form, 'venue'),
      passage: one(form, 'passage'),
    };
    if (!one(form, 'party')) {
      // A speaker who is not a party yet: the draft is the new-claim form, filled in and not
      // saved; the party is created with the claim, once its name and kind are confirmed.
      const storyId = Number(storyRaw);
      sourceHeader(db, sourceId);
      const values = suggestionForm(storyId, sourceId, suggestion);
      const intro = (
        <p class="notice notice-warning" role="note" id="new-party-check">
          The speaker, “{values.newPartyName}”, is not a party yet. Check the new party’s name and kind below: it is created only
          when you save this draft.
        </p>
      );
      return c.html(
        <ClaimEditPage user={c.var.user!} title="New claim from a suggestion" intro={intro} form={{ action: '/desk/claims', values, options: claimFormOptions(db, storyId) }} />,
      );
    }
    const id = draftFromSuggestion(db, c.var.user!, sourceId, { ...suggestion, storyId: Number(storyRaw), partySlug: one(form, 'party') });
    return redirect(c, `/desk/claims/${id}/edit`);
  });

  return routes;
}
