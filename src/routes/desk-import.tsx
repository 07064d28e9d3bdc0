/**
 * /desk/import: a claim log from a spreadsheet. Upload → preview (nothing stored; the CSV text is
 * carried in the preview's form) → confirm, which imports the valid rows in one transaction
 * (src/claims/spreadsheet-import.ts). Journalists and up; the service checks again inside its
 * transaction. CSRF as every desk form (the app's origin check).
 */
import { Hono, type Context } from 'hono';
import { can } from '../auth/permissions.js';
import { guessMapping, IMPORT_FIELDS, importPlan, planImport, readSheet, type Mapping } from '../claims/spreadsheet-import.js';
import type { Db } from '../db.js';
import { Forbidden, Invalid } from '../errors.js';
import type { AppEnv } from '../http/env.js';
import { one, readFormWithFiles, type FormData, type Upload } from '../http/form.js';
import { positiveInt } from '../lib/fields.js';
import { listStories } from '../stories/service.js';
import { ImportDonePage, ImportPreviewPage, ImportStartPage } from '../../views/desk/import.js';

type AppContext = Context<AppEnv>;
type Body = { form: FormData; files: Record<string, Upload[]> };

/** The shared form parser: UTF-8 checked, a field sent twice refused, the file kept as bytes. */
async function readBody(c: AppContext): Promise<Body> {
  return readFormWithFiles(c);
}

function text(body: Body, name: string): string {
  if (body.files[name]) throw new Invalid(`The field “${name}” must be text, not a file.`);
  return one(body.form, name);
}

function mappingFrom(body: Body): Mapping | null {
  if (!IMPORT_FIELDS.some((f) => `map_${f}` in body.form)) return null;
  const mapping: Mapping = {};
  for (const field of IMPORT_FIELDS) {
    const value = text(body, `map_${field}`);
    if (value === '') continue;
    if (!/^\d{1,4}$/.test(value)) throw new Invalid('The column choice was not one of the file’s columns.');
    mapping[field] = Number(value);
  }
  return mapping;
}

export function importRoutes(db: Db) {
  const routes = new Hono<AppEnv>();
  routes.use('*', async (c, next) => {
    if (!can(c.var.user, 'create:claim') || !can(c.var.user, 'create:record')) throw new Forbidden('You cannot import claims.');
    return next();
  });
  const stories = () => listStories(db).map((s) => ({ id: s.id, title: s.title }));

  routes.get('/', (c) => c.html(<ImportStartPage user={c.var.user!} stories={stories()} />));

  /** The preview, from an uploaded file (first time) or the text the preview carried (changed mapping). */
  async function preview(c: AppContext, confirm: boolean) {
    const body = await readBody(c);
    const story = text(body, 'story');
    const uploads = body.files.file ?? [];
    if (uploads.length > 1) throw new Invalid('Choose one CSV file.');
    const file = uploads[0];
    let csv: string;
    let sheet;
    try {
      if (file && file.bytes.length > 0) {
        sheet = readSheet(file.bytes);
        csv = new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, '');
      } else {
        csv = text(body, 'csv').replace(/^\r?\n/, '');
        if (!csv.trim()) throw new Invalid('Choose the CSV file to import.');
        sheet = readSheet(csv);
      }
    } catch (error) {
      if (error instanceof Invalid) return c.html(<ImportStartPage user={c.var.user!} stories={stories()} error={error.message} story={story} />, 400);
      throw error;
    }
    const storyId = positiveInt(story);
    const known = stories();
    const storyRow = known.find((s) => s.id === storyId);
    const mapping = mappingFrom(body) ?? guessMapping(sheet.headers);
    const started = performance.now();
    const plan = planImport(db, sheet, mapping, storyRow?.id ?? 0);
    const ms = Math.round(performance.now() - started);
    const error = storyRow ? undefined : 'Choose the story the claims belong to.';
    if (confirm && !error && plan.valid > 0) {
      const result = importPlan(db, c.var.user!, plan);
      return c.html(<ImportDonePage user={c.var.user!} result={result} storyTitle={storyRow!.title} />);
    }
    const refused = confirm ? (error ?? (plan.valid === 0 ? 'No row can be imported yet: fix the problems below.' : undefined)) : error;
    return c.html(
      <ImportPreviewPage user={c.var.user!} stories={known} story={story} sheet={sheet} csv={csv} mapping={mapping} plan={plan} ms={ms} error={refused} />,
      confirm ? 422 : 200,
    );
  }

  routes.post('/preview', (c) => preview(c, false));
  routes.post('/confirm', (c) => preview(c, true));
  return routes;
}
