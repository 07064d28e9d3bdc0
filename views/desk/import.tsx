/**
 * The spreadsheet import screens: choose a story and a CSV file; the preview (columns mapped,
 * speakers resolved, every row's problems named by row and column); the result. The file's text
 * travels inside the preview's form, so nothing is stored until the journalist confirms, and the
 * whole flow works without JavaScript.
 */
import type { SessionUser } from '../../src/auth/sessions.js';
import { columnLetter, FIELD_LABELS, IMPORT_FIELDS, REQUIRED_FIELDS, type ImportPlan, type Mapping, type Sheet } from '../../src/claims/spreadsheet-import.js';
import { SelectField } from '../components/form.js';
import { DeskPage } from '../layouts/desk.js';

type StoryOption = { id: number; title: string };

/** Valid rows listed in the preview (every row with a problem is always listed). */
const VALID_ROWS_SHOWN = 100;

function StoryChoice(props: { stories: StoryOption[]; value?: string; error?: string }) {
  return (
    <SelectField
      name="story"
      label="Story"
      hint="The claims are added to this story as drafts."
      value={props.value}
      placeholder="Choose a story"
      required
      error={props.error}
      options={props.stories.map((s) => [String(s.id), s.title] as const)}
    />
  );
}

export function ImportStartPage(props: { user: SessionUser; stories: StoryOption[]; error?: string; story?: string }) {
  return (
    <DeskPage title="Import claims from a spreadsheet" user={props.user}>
      <h1>Import claims from a spreadsheet</h1>
      {props.error ? (
        <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
          <h2>The file could not be imported</h2>
          <p>{props.error}</p>
        </div>
      ) : null}
      <p>
        Upload your claim log as a CSV file (in Google Sheets: File → Download → Comma-separated values; in Excel: Save as → CSV UTF-8). One row per
        claim, with a header row; the columns can be called anything: you match them to ours on the next page. Nothing is saved until you confirm there.
      </p>
      <p>
        The columns we read: <strong>speaker</strong>, <strong>statement</strong> and <strong>date</strong> (required), and venue, source URL, source
        title and form (verbatim, partial quote, paraphrase or declined; paraphrase when empty). Dates as 2024-03-01 or 01.03.2024 (day first).
      </p>
      <form method="post" action="/desk/import/preview" enctype="multipart/form-data" class="desk-form">
        <StoryChoice stories={props.stories} value={props.story} />
        <div class="field">
          <label for="field-file">CSV file</label>
          <input type="file" id="field-file" name="file" accept=".csv,text/csv" required />
        </div>
        <button type="submit">Preview the import</button>
      </form>
    </DeskPage>
  );
}

export function ImportPreviewPage(props: { user: SessionUser; stories: StoryOption[]; story: string; sheet: Sheet; csv: string; mapping: Mapping; plan: ImportPlan; ms: number; error?: string }) {
  const { sheet, plan } = props;
  const invalid = plan.rows.filter((r) => r.errors.length > 0);
  const shownValid = plan.rows.filter((r) => r.errors.length === 0).slice(0, VALID_ROWS_SHOWN);
  const columnOptions = sheet.headers.map((h, i) => [String(i), `${columnLetter(i)}: ${h || '(no header)'}`] as const);
  const mapped = IMPORT_FIELDS.filter((f) => props.mapping[f] !== undefined);
  return (
    <DeskPage title="Preview of the import" user={props.user}>
      <h1>Preview of the import</h1>
      {props.error || plan.mappingErrors.length ? (
        <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
          <h2>Before importing</h2>
          <ul>
            {props.error ? <li>{props.error}</li> : null}
            {plan.mappingErrors.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p role="status" class="notice" id="import-summary">
        Checked {plan.rows.length.toLocaleString('en-GB')} rows in {props.ms.toLocaleString('en-GB')} ms: <strong data-valid={plan.valid}>{plan.valid.toLocaleString('en-GB')} can be imported</strong>
        {invalid.length ? (
          <>
            , <strong data-invalid={invalid.length}>{invalid.length.toLocaleString('en-GB')} have problems</strong> (listed below; they are left out)
          </>
        ) : null}
        . Cells separated by “{sheet.delimiter}”. Nothing has been saved yet.
      </p>
      {/* multipart: the carried file is not percent-encoded (which could triple it past the body limit). */}
      <form method="post" action="/desk/import/preview" enctype="multipart/form-data" class="desk-form">
        <StoryChoice stories={props.stories} value={props.story} />
        <fieldset>
          <legend>Which column holds what</legend>
          {IMPORT_FIELDS.map((field) => (
            <SelectField
              name={`map_${field}`}
              label={`${FIELD_LABELS[field]}${REQUIRED_FIELDS.includes(field) ? ' (required)' : ''}`}
              value={props.mapping[field] === undefined ? '' : String(props.mapping[field])}
              placeholder="Not in the file"
              options={columnOptions}
            />
          ))}
        </fieldset>
        <textarea name="csv" hidden aria-hidden="true">{`\n${props.csv}`}</textarea>
        {plan.newParties.length ? (
          <section aria-labelledby="new-parties">
            <h2 id="new-parties">New parties</h2>
            <p>These speakers match no party by name or alias; they will be created as people (you can change them later under Parties):</p>
            <ul>
              {plan.newParties.map((name) => (
                <li>{name}</li>
              ))}
            </ul>
          </section>
        ) : null}
        <p>
          <button type="submit">Update the preview</button>{' '}
          {plan.valid > 0 ? (
            <button type="submit" formaction="/desk/import/confirm" name="confirm" value="yes">
              Import {plan.valid.toLocaleString('en-GB')} claims as drafts
            </button>
          ) : null}
        </p>
      </form>
      {invalid.length ? (
        <section aria-labelledby="row-problems">
          <h2 id="row-problems">Rows with problems</h2>
          <ul class="import-errors">
            {invalid.map((row) =>
              row.errors.map((e) => (
                <li data-row={row.row}>
                  Row {row.row}, column {e.column}: {e.message}
                </li>
              )),
            )}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="rows">
        <h2 id="rows">Rows to import{plan.valid > shownValid.length ? ` (the first ${shownValid.length})` : ''}</h2>
        <div class="table-scroll" role="region" aria-label="Rows to import" tabindex={0}>
          <table class="desk-table">
            <thead>
              <tr>
                <th scope="col">Row</th>
                {mapped.map((f) => (
                  <th scope="col">{FIELD_LABELS[f]}</th>
                ))}
                <th scope="col">Speaker on the desk</th>
              </tr>
            </thead>
            <tbody>
              {shownValid.map((row) => (
                <tr data-row={row.row}>
                  <td>{row.row}</td>
                  {mapped.map((f) => (
                    <td>{row.values[f].length > 200 ? `${row.values[f].slice(0, 200)}…` : row.values[f]}</td>
                  ))}
                  <td>{row.speaker?.kind === 'existing' ? <a href={`/desk/parties/${row.speaker.id}`}>{row.speaker.name}</a> : `New: ${row.speaker?.name}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </DeskPage>
  );
}

export function ImportDonePage(props: { user: SessionUser; result: { claims: number; parties: number; sources: number }; storyTitle: string }) {
  const { result } = props;
  return (
    <DeskPage title="Claims imported" user={props.user}>
      <h1>Claims imported</h1>
      <p class="notice notice-success" role="status">
        Imported {result.claims.toLocaleString('en-GB')} claims into “{props.storyTitle}” as drafts, with {result.parties} new parties and {result.sources} new sources.
      </p>
      <p>
        They are drafts: nobody outside the desk sees them until they are reviewed and published. <a href="/desk/claims">See the claims</a> or{' '}
        <a href="/desk/import">import another file</a>.
      </p>
    </DeskPage>
  );
}
