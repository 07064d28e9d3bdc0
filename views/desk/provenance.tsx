/**
 * The desk's provenance screens for one source: its archived captures with the changes between
 * them and a form to capture the text again (paste or upload), and the claims suggested from it,
 * each one click from a draft.
 */
import type { SessionUser } from '../../src/auth/sessions.js';
import type { SnapshotRow } from '../../src/sources/archive.js';
import type { DeskSuggestion } from '../../src/suggest/suggestions.js';
import type { RenderingCandidate } from '../../src/claims/rendering-service.js';
import { RenderingOffer } from './renderings.js';
import { FORM_LABELS } from '../../src/lib/labels.js';
import { formatClaimDate } from '../../src/lib/dates.js';
import type { ParagraphChange } from '../../src/revisions/diff.js';
import { ErrorSummary, TextArea } from '../components/form.js';
import { DeskPage } from '../layouts/desk.js';
import { DeskTable } from '../components/desk-table.js';
import { DoneNotice } from './parts.js';

type SourceHeader = { id: number; title: string; publisher: string };

const ORIGIN_LABELS: Record<SnapshotRow['origin'], string> = {
  fixture: 'Loaded with the first story',
  paste: 'Pasted',
  txt: 'Uploaded .txt',
  html: 'Uploaded .html',
  md: 'Uploaded .md',
};

/** An archived text in paragraphs, with one range marked (`#cited-passage` on its start). */
function ArchivedText(props: { text: string; mark?: { start: number; end: number } | null }) {
  const { text, mark } = props;
  const spans: [number, number][] = [];
  const breaks = /\n\s*\n/g;
  let start = 0;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    spans.push([start, m.index]);
    start = m.index + m[0].length;
  }
  spans.push([start, text.length]);
  let marked = false;
  return (
    <>
      {spans
        .filter(([s, e]) => text.slice(s, e).trim() !== '')
        .map(([s, e]) => {
          const body = text.slice(s, e);
          if (!mark || mark.end <= s || mark.start >= e) return <p class="pre-line">{body}</p>;
          const a = Math.max(mark.start, s) - s;
          const b = Math.min(mark.end, e) - s;
          const id = marked ? undefined : 'cited-passage';
          marked = true;
          return (
            <p class="pre-line">
              {body.slice(0, a)}
              <mark id={id}>{body.slice(a, b)}</mark>
              {body.slice(b)}
            </p>
          );
        })}
    </>
  );
}

export function ArchivePage(props: {
  user: SessionUser;
  source: SourceHeader;
  snapshots: SnapshotRow[];
  compare: { from: SnapshotRow; to: SnapshotRow; changes: ParagraphChange[] } | null;
  error?: string;
  pasted?: string;
  notice?: string;
  /** A cited passage of the newest capture to mark (the review screen links here). */
  passage?: { start: number; end: number } | null;
}) {
  const { source, snapshots } = props;
  // Captures are numbered within their source, oldest first: the list is newest first.
  const numberOf = (snapshot: SnapshotRow) => snapshots.length - snapshots.findIndex((s) => s.id === snapshot.id);
  const shown = props.compare?.to ?? snapshots[0];
  return (
    <DeskPage title={`Archive of ${source.title}`} user={props.user}>
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <a href={`/desk/sources/${source.id}`}>{source.title}</a>
      </nav>
      <h1>Archived text of “{source.title}”</h1>
      <DoneNotice notice={props.notice} />
      <p>
        Every capture is kept as it was, with its SHA-256. Quotes citing this source are checked against the newest capture.{' '}
        {snapshots.length ? <a href={`/desk/sources/${source.id}/suggest`}>Suggest claims from the newest capture</a> : null}
      </p>

      {snapshots.length ? (
        <DeskTable label="Captures" caption="Captures, newest first" columns={['Capture', 'When', 'By', 'How', 'SHA-256', 'Furniture set aside']}>
          {snapshots.map((s, i) => (
            <tr data-snapshot={s.id}>
              <td>
                Capture {snapshots.length - i}
                {snapshots[i + 1] ? (
                  <>
                    {' '}
                    · <a href={`/desk/sources/${source.id}/archive?compare=${s.id}`}>changes</a>
                  </>
                ) : null}
              </td>
              <td>
                <time datetime={s.capturedAt}>{s.capturedAt.slice(0, 16).replace('T', ' ')}</time>
              </td>
              <td>{s.capturedBy}</td>
              <td>
                {ORIGIN_LABELS[s.origin]}
                {s.filename ? ` (${s.filename})` : ''}
              </td>
              <td>
                <code class="hash">{s.sha256}</code>
              </td>
              <td>{(JSON.parse(s.furniture) as unknown[]).length}</td>
            </tr>
          ))}
        </DeskTable>
      ) : (
        <p>No text of this source is archived yet.</p>
      )}

      {props.compare ? (
        <section aria-labelledby="changes-heading" class="snapshot-changes">
          <h2 id="changes-heading">
            Changes from capture {numberOf(props.compare.from)} to capture {numberOf(props.compare.to)}
          </h2>
          {props.compare.from.sha256 === props.compare.to.sha256 ? (
            <p>The text is identical (same SHA-256).</p>
          ) : (
            <ol class="paragraph-diff">
              {props.compare.changes
                .filter((c) => c.op !== 'same')
                .map((change) => (
                  <li data-op={change.op}>
                    <span class="visually-hidden">{change.op} paragraph: </span>
                    {change.words.map((w) => (w.op === 'added' ? <ins>{w.text}</ins> : w.op === 'removed' ? <del>{w.text}</del> : <span>{w.text}</span>))}
                  </li>
                ))}
            </ol>
          )}
        </section>
      ) : null}

      {shown ? (
        <section aria-labelledby="archived-text-heading" class="archived-text">
          <h2 id="archived-text-heading">
            Text of capture {numberOf(shown)}
            {shown.id === snapshots[0]?.id ? ' (the newest, which quotes are checked against)' : ''}
          </h2>
          <div class="prose">
            <ArchivedText text={shown.text} mark={shown.id === snapshots[0]?.id ? props.passage : null} />
          </div>
        </section>
      ) : null}

      <section aria-labelledby="capture-heading">
        <h2 id="capture-heading">{snapshots.length ? 'Capture again' : 'Archive the text'}</h2>
        {props.error ? <ErrorSummary errors={{ text: props.error }} title="Nothing was archived" /> : null}
        <form method="post" action={`/desk/sources/${source.id}/archive`} enctype="multipart/form-data" class="stack">
          <TextArea name="text" label="Paste the text" value={props.pasted} rows={10} hint="Paste the article as it is published; page furniture is recognised and set aside." />
          <div class="field">
            <label for="field-file">Or upload a file</label>
            <span class="field-hint" id="field-file-hint">
              A .txt, .html or .md file in UTF-8, up to 900 KB. HTML is reduced to its text, paragraph by paragraph.
            </span>
            <input id="field-file" type="file" name="file" accept=".txt,.html,.htm,.md,text/plain,text/html,text/markdown" aria-describedby="field-file-hint" />
          </div>
          <p>
            <button type="submit">Archive this capture</button>
          </p>
        </form>
      </section>
    </DeskPage>
  );
}

export function SuggestionsPage(props: {
  user: SessionUser;
  source: SourceHeader;
  stories: { id: number; title: string }[];
  storyId: number | null;
  items: DeskSuggestion[];
  /** Per suggestion key: the story's claims by the same speaker on the same day (ADR 027). */
  renderingCandidates?: Map<string, RenderingCandidate[]>;
  snapshotId: number;
  captureNumber: number;
  /** Each suggestion's lasting name (see sources/dismissals.ts), and those set aside for this capture. */
  keyOf: (s: DeskSuggestion) => string;
  dismissed: Set<string>;
  showDismissed: boolean;
  notice?: string;
}) {
  const { source } = props;
  const items = props.items.filter((s) => props.showDismissed || !props.dismissed.has(props.keyOf(s)));
  const setAside = props.items.length - items.length;
  const fresh = items.filter((s) => s.duplicateOf === null);
  const here = `/desk/sources/${source.id}/suggest${props.storyId ? `?story=${props.storyId}` : ''}`;
  return (
    <DeskPage title={`Suggested claims from ${source.title}`} user={props.user}>
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <a href={`/desk/sources/${source.id}`}>{source.title}</a> · <a href={`/desk/sources/${source.id}/archive`}>Archive</a>
      </nav>
      <h1>Suggested claims</h1>
      <p>
        Read from capture {props.captureNumber} of “{source.title}” ({source.publisher}): {items.length} attributed statements, {fresh.length} not yet
        recorded. Each becomes a draft with its citation, passage, form and date filled in; check it before you submit it.
      </p>
      <form method="get" action={`/desk/sources/${source.id}/suggest`} class="inline-fields">
        <div class="field">
          <label for="suggest-story">Story</label>
          <select id="suggest-story" name="story">
            {props.stories.map((s) => (
              <option value={String(s.id)} selected={s.id === props.storyId}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
        <p>
          <button type="submit" class="secondary">
            Check against this story
          </button>
        </p>
      </form>
      <DoneNotice notice={props.notice} />
      {props.dismissed.size ? (
        <p class="meta" id="set-aside">
          {props.showDismissed ? (
            <>
              Showing the {props.dismissed.size} set aside for this capture. <a href={here}>Hide them</a>
            </>
          ) : (
            <>
              {setAside === 1 ? '1 suggestion is' : `${setAside} suggestions are`} set aside for this capture.{' '}
              <a href={`${here}${props.storyId ? '&' : '?'}set-aside`}>Show them</a>
            </>
          )}
        </p>
      ) : null}
      {props.storyId && fresh.length ? (
        <form method="post" action={`/desk/sources/${source.id}/suggest/several`} id="draft-several" class="inline-fields">
          <input type="hidden" name="story" value={String(props.storyId)} />
          <p class="field-hint">Tick the suggestions to draft, then draft them together. A new speaker is confirmed one at a time.</p>
          <p>
            <button type="submit">Draft the ticked suggestions</button>
          </p>
        </form>
      ) : null}
      <ol class="suggestions">
        {items.map((s) => (
          <li
            data-suggestion={s.key}
            data-key={props.keyOf(s)}
            data-duplicate={s.duplicateOf ?? ''}
            data-set-aside={props.dismissed.has(props.keyOf(s)) ? 'yes' : undefined}
            class={s.duplicateOf ? 'suggestion-duplicate' : undefined}
          >
            <p>
              <strong>{s.speaker.name}</strong>
              {s.speaker.partySlug ? '' : ' (new party)'} · {FORM_LABELS[s.form]} · {formatClaimDate(s.saidOn, s.datePrecision)}
              {s.venue ? ` · ${s.venue}` : ''}
            </p>
            <blockquote class="passage">
              <span class="meta">…{s.before}</span>
              <mark>{s.passage}</mark>
              <span class="meta">{s.after}…</span>
            </blockquote>
            <p class="suggested-statement">{s.statement}</p>
            {s.duplicateOf ? (
              <p class="notice">
                Already recorded as <a href={`/desk/claims/${s.duplicateOf}`}>claim {s.duplicateOf}</a>.
              </p>
            ) : props.storyId ? (
              <form method="post" action={`/desk/sources/${source.id}/suggest`}>
                <input type="hidden" name="story" value={String(props.storyId)} />
                <input type="hidden" name="party" value={s.speaker.partySlug ?? ''} />
                <input type="hidden" name="new_party_name" value={s.speaker.partySlug ? '' : s.speaker.name} />
                <input type="hidden" name="statement" value={s.statement} />
                <input type="hidden" name="form" value={s.form} />
                <input type="hidden" name="said_on" value={s.saidOn} />
                <input type="hidden" name="date_precision" value={s.datePrecision} />
                <input type="hidden" name="venue" value={s.venue} />
                <input type="hidden" name="passage" value={s.passage} />
                <button type="submit">Make this a draft claim</button>
              </form>
            ) : null}
            {props.storyId && !s.duplicateOf ? (
              <div class="suggestion-choices inline-fields">
                <p>
                  <input type="checkbox" name="pick" value={props.keyOf(s)} form="draft-several" id={`pick-${props.keyOf(s)}`} />{' '}
                  <label for={`pick-${props.keyOf(s)}`}>Tick to draft together</label>
                </p>
                <form method="post" action={`/desk/sources/${source.id}/suggest/dismiss`}>
                  <input type="hidden" name="story" value={String(props.storyId)} />
                  <input type="hidden" name="snapshot" value={String(props.snapshotId)} />
                  <input type="hidden" name="key" value={props.keyOf(s)} />
                  {props.dismissed.has(props.keyOf(s)) ? (
                    <button type="submit" name="undo" value="1" class="secondary">
                      Bring back
                    </button>
                  ) : (
                    <button type="submit" class="secondary">
                      Set aside
                    </button>
                  )}
                </form>
              </div>
            ) : null}
            {props.renderingCandidates?.get(s.key) ? (
              <RenderingOffer sourceId={source.id} statement={s.statement} passage={s.passage} candidates={props.renderingCandidates.get(s.key)!} />
            ) : null}
          </li>
        ))}
      </ol>
    </DeskPage>
  );
}
