/**
 * Form fields with their label, hint and error beside them. An invalid field gets
 * `aria-invalid` and its message is tied to it with `aria-describedby`; the summary at the top
 * links to each field, so keyboard and screen-reader users find what to fix.
 */
import type { Child } from 'hono/jsx';

export type FieldErrors = Record<string, string | undefined>;

/** "summaryMd" → "summary_md": the name of the field a form value is read from. */
type FieldNameOf<Key extends string> = Key extends `${infer C}${infer Rest}` ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${FieldNameOf<Rest>}` : Key;
type TextKeys<Values> = { [Key in keyof Values & string]: Values[Key] extends string | undefined ? Key : never }[keyof Values & string];

/**
 * The name, value and error of a form's fields, which must agree: `{...field('summary_md')}` is
 * the field named `summary_md`, showing `values.summaryMd` and `errors.summary_md`. Only the
 * names of the form's text values are accepted.
 */
export function fieldsOf<Values extends object>(form: { values: Values; errors?: FieldErrors }) {
  return <Name extends FieldNameOf<TextKeys<Values>>>(name: Name) => {
    const key = name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()) as keyof Values;
    return { name, value: form.values[key] as string | undefined, error: form.errors?.[name] };
  };
}

/**
 * The same for a repeated row of fields (a stance, a citation, a role): in a stance row,
 * `{...field('note')}` is the field named `stance_note`, showing `row.note`, with the id
 * `field-stance_note-<rowKey>` that keeps it unique on the page, and the error `errorOf` finds
 * for that name.
 */
export function rowFieldsOf<Row extends Record<string, string>>(prefix: string, row: Row, rowKey: string, errorOf: (name: string) => string | undefined) {
  return (key: keyof Row & string) => {
    const name = `${prefix}_${key}`;
    return { id: `field-${name}-${rowKey}`, name, value: row[key], error: errorOf(name) };
  };
}

function describedBy(id: string, hint?: string, error?: string) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

/** The label, hint and error around a field's control, and the attributes that tie them to it. */
function Field(props: { id: string; label: string; hint?: string; error?: string; children: Child }) {
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      <Messages id={props.id} hint={props.hint} error={props.error} />
      {props.children}
    </div>
  );
}

function described(id: string, props: { hint?: string; error?: string }) {
  return { 'aria-invalid': props.error ? 'true' : undefined, 'aria-describedby': describedBy(id, props.hint, props.error) } as const;
}

function Messages(props: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {props.hint ? (
        <span class="field-hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <span class="field-error" id={`${props.id}-error`}>
          {props.error}
        </span>
      ) : null}
    </>
  );
}

export function TextField(props: {
  name: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'url' | 'search';
  required?: boolean;
  autocomplete?: string;
  maxlength?: number;
  id?: string;
  /** Only DateField sets these: a text box that says and checks the one format it accepts. */
  format?: { pattern: string; placeholder: string; inputmode: 'numeric' };
}) {
  const id = props.id ?? `field-${props.name}`;
  return (
    <Field id={id} label={props.label} hint={props.hint} error={props.error}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        autocomplete={props.autocomplete}
        maxlength={props.maxlength}
        {...(props.format ?? {})}
        {...described(id, props)}
      />
    </Field>
  );
}

/**
 * A day, written and accepted one way only: YYYY-MM-DD. A plain text box, not type=date, whose
 * picker shows each browser's local format (05/03/2024, 3/5/2024) while the label said another.
 */
export function DateField(props: { name: string; label: string; value?: string; error?: string; required?: boolean; id?: string }) {
  return (
    <TextField
      {...props}
      maxlength={10}
      hint="YYYY-MM-DD, for example 2024-03-05."
      format={{ pattern: '[0-9]{4}-[0-9]{2}-[0-9]{2}', placeholder: 'YYYY-MM-DD', inputmode: 'numeric' }}
    />
  );
}

export function TextArea(props: {
  name: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  rows?: number;
  required?: boolean;
  id?: string;
  extra?: Record<string, string>;
}) {
  const id = props.id ?? `field-${props.name}`;
  return (
    <Field id={id} label={props.label} hint={props.hint} error={props.error}>
      <textarea id={id} name={props.name} rows={props.rows ?? 4} required={props.required} {...described(id, props)} {...(props.extra ?? {})}>
        {props.value ?? ''}
      </textarea>
    </Field>
  );
}

export function SelectField(props: {
  name: string;
  label: string;
  value?: string;
  options: readonly (readonly [value: string, label: string])[];
  error?: string;
  hint?: string;
  required?: boolean;
  id?: string;
  placeholder?: string;
}) {
  const id = props.id ?? `field-${props.name}`;
  // `required` on a <select> needs an empty first option (HTML: "placeholder label option");
  // a select without a placeholder always has a value, so it says "required" to assistive
  // technology with aria-required instead.
  const placeholder = props.placeholder !== undefined;
  return (
    <Field id={id} label={props.label} hint={props.hint} error={props.error}>
      <select
        id={id}
        name={props.name}
        required={props.required && placeholder ? true : undefined}
        aria-required={props.required && !placeholder ? 'true' : undefined}
        {...described(id, props)}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === props.value}>
            {label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function ErrorSummary(props: { errors: FieldErrors; fieldIds?: Record<string, string>; title?: string }) {
  const entries = Object.entries(props.errors).filter((e): e is [string, string] => Boolean(e[1]));
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
      <h2>{props.title ?? 'Please check the form'}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#${props.fieldIds?.[name] ?? `field-${name}`}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

