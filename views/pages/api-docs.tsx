/**
 * `/api/v1/docs`: the public API described for a developer, rendered from the OpenAPI document
 * itself (no script, no CDN viewer), so the page cannot disagree with /api/v1/openapi.json.
 */
import { Page } from '../layouts/page.js';

type Schema = { $ref?: string; type?: string | string[]; enum?: unknown[]; items?: Schema; properties?: Record<string, Schema>; required?: string[]; description?: string; anyOf?: Schema[]; allOf?: Schema[] };
type Operation = {
  summary?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Schema }[];
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
};
type Document = { info: { title: string; description?: string; version: string }; paths?: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

function typeOf(schema: Schema | undefined): string {
  if (!schema) return '';
  if (schema.$ref) return schema.$ref.split('/').pop()!;
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' | ');
  if (schema.allOf) return schema.allOf.map(typeOf).join(' & ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'object');
  if (type === 'array') return `${typeOf(schema.items)}[]`;
  return type;
}

export function ApiDocsPage(props: { document: object }) {
  const doc = props.document as Document;
  const schemas = Object.entries(doc.components?.schemas ?? {});
  return (
    <Page title="Public API" description="The Claimdesk public JSON API: endpoints, parameters and the data they answer.">
      <h1>{doc.info.title}</h1>
      <p class="lede">{doc.info.description}</p>
      <p class="meta">
        Version {doc.info.version}. The machine-readable description: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
      </p>
      <h2>Using it</h2>
      <ul>
        <li>Every address below starts with <code>/api/v1</code> and answers JSON to <code>GET</code>; any other method gets a 405.</li>
        <li>
          Lists answer <code>{'{"items": […], "next": "…"}'}</code>: pass <code>next</code> as <code>?cursor=</code> for the next page (it is
          null on the last one); <code>?limit=</code> takes 1 to 100 (25 by default).
        </li>
        <li>
          Send back the <code>ETag</code> as <code>If-None-Match</code> (or the <code>Last-Modified</code> as <code>If-Modified-Since</code>) to
          get a <code>304</code> when nothing changed.
        </li>
        <li>
          Errors are <code>{'{"status": 404, "code": "not_found", "message": "…"}'}</code>.
        </li>
        <li>Only what the public site shows is here: drafts and claims under review never are.</li>
      </ul>
      <h2>Endpoints</h2>
      {Object.entries(doc.paths ?? {}).map(([path, operations]) =>
        Object.entries(operations).map(([method, op]) => (
          <section class="api-endpoint" id={`${method}-${path.replace(/[^a-z0-9]+/gi, '-')}`}>
            <h3>
              <code>
                {method.toUpperCase()} /api/v1{path}
              </code>
            </h3>
            <p>{op.summary}</p>
            {op.parameters?.length ? (
              <dl>
                {op.parameters.map((p) => (
                  <>
                    <dt>
                      <code>{p.name}</code> ({p.in}
                      {p.required ? ', required' : ''}, {typeOf(p.schema)})
                    </dt>
                    <dd>{p.description ?? ''}</dd>
                  </>
                ))}
              </dl>
            ) : null}
            <ul>
              {Object.entries(op.responses ?? {}).map(([status, response]) => (
                <li>
                  <strong>{status}</strong>: {response.description} ({typeOf(response.content?.['application/json']?.schema)})
                </li>
              ))}
            </ul>
          </section>
        )),
      )}
      <h2>Data</h2>
      {schemas.map(([name, schema]) => (
        <section class="api-schema" id={`schema-${name}`}>
          <h3>{name}</h3>
          {schema.description ? <p>{schema.description}</p> : null}
          {schema.properties ? (
            <dl>
              {Object.entries(schema.properties).map(([field, value]) => (
                <>
                  <dt>
                    <code>{field}</code>: {typeOf(value)}
                    {schema.required?.includes(field) ? '' : ' (optional)'}
                  </dt>
                  <dd>{value.description ?? ''}</dd>
                </>
              ))}
            </dl>
          ) : (
            <p>{typeOf(schema)}</p>
          )}
        </section>
      ))}
    </Page>
  );
}
