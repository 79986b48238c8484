import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { refreshSources } from '../reading/use-sources';
import { changeValue, initialValues, type FieldSpec, type FormDefinition, type Values } from './forms';
import { fieldId, placeProblem, type PlacedProblem } from './problem-fields';

interface Props {
  form: FormDefinition;
  /** Called once the ledger accepted the write: the form closes; the page updates from the live stream. */
  onDone: (message: string, written: { id?: string }) => void;
  onCancel: () => void;
}

/**
 * One write as a form. The browser's own validation is off (noValidate): the API is the one judge of
 * a body, and its problem details are shown where they belong: a summary at the top (the detail,
 * and every message linked to its field), each message next to the field it names, and the focus
 * moved to the first field at fault so that a keyboard or screen-reader user lands on it.
 */
export function ApiForm({ form, onDone, onCancel }: Props) {
  const uid = useId().replace(/[^A-Za-z0-9]/g, '');
  const formId = `${form.id}-${uid}`;
  const [values, setValues] = useState<Values>(() => initialValues(form));
  const [placed, setPlaced] = useState<PlacedProblem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    // Opening a form moves the focus into it.
    rootRef.current?.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }, []);

  useEffect(() => {
    if (!placed) return;
    const first = form.fields.find((f) => placed.byField[f.name]?.length);
    const target = first ? document.getElementById(fieldId(formId, first.name)) : summaryRef.current;
    target?.focus();
  }, [placed]); // eslint-disable-line react-hooks/exhaustive-deps

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    try {
      const { method, path, body } = form.request(values);
      const written = await api.write<{ id?: string }>(method, path, body);
      if (form.touchesSources) void refreshSources();
      onDone(form.success, written ?? {});
    } catch (error) {
      setPlaced(
        error instanceof ApiError
          ? placeProblem(error.problem, form.fields)
          : { summary: `The ledger could not be reached: ${(error as Error).message}`, byField: {}, unplaced: [] },
      );
    } finally {
      setSubmitting(false);
    }
  }

  const set = (name: string, value: string) => setValues((v) => changeValue(form, v, name, value));
  const groups = groupByFieldset(form.fields);
  const labelOf = (name: string) => form.fields.find((f) => f.name === name)?.label ?? name;

  return (
    <form
      ref={rootRef}
      className="api-form"
      noValidate
      aria-labelledby={`${formId}--heading`}
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <h3 id={`${formId}--heading`}>
        {form.title}
        {form.moderatorOnly && <span className="moderator-note"> (moderators)</span>}
      </h3>
      {placed && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby={`${formId}--summary`}>
          <h4 id={`${formId}--summary`}>Not recorded: {placed.summary}</h4>
          <ul>
            {form.fields.flatMap((f) =>
              (placed.byField[f.name] ?? []).map((message, i) => (
                <li key={`${f.name}-${i}`}>
                  <a
                    href={`#${fieldId(formId, f.name)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      document.getElementById(fieldId(formId, f.name))?.focus();
                    }}
                  >
                    {labelOf(f.name)}: {message}
                  </a>
                </li>
              )),
            )}
            {placed.unplaced.map((u, i) => (
              <li key={`u${i}`}>{u.field ? `${u.field}: ${u.message}` : u.message}</li>
            ))}
          </ul>
        </div>
      )}
      {groups.map((group, i) =>
        group.legend ? (
          <fieldset key={i}>
            <legend>{group.legend}</legend>
            {group.fields.map((f) => (
              <Field key={f.name} formId={formId} field={f} value={values[f.name] ?? ''} errors={placed?.byField[f.name]} onChange={set} />
            ))}
          </fieldset>
        ) : (
          group.fields.map((f) => <Field key={f.name} formId={formId} field={f} value={values[f.name] ?? ''} errors={placed?.byField[f.name]} onChange={set} />)
        ),
      )}
      <div className="form-actions">
        <button type="submit" disabled={submitting}>
          {submitting ? 'Sending…' : form.submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function groupByFieldset(fields: readonly FieldSpec[]): { legend?: string; fields: FieldSpec[] }[] {
  const groups: { legend?: string; fields: FieldSpec[] }[] = [];
  for (const field of fields) {
    const last = groups.at(-1);
    if (last && last.legend === field.fieldset) last.fields.push(field);
    else groups.push({ legend: field.fieldset, fields: [field] });
  }
  return groups;
}

function Field({ formId, field, value, errors, onChange }: { formId: string; field: FieldSpec; value: string; errors?: string[]; onChange: (name: string, value: string) => void }) {
  const id = fieldId(formId, field.name);
  const describedBy = [field.hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: field.name,
    'aria-describedby': describedBy,
    'aria-invalid': errors?.length ? true : undefined,
    'aria-required': field.required ? true : undefined,
  } as const;
  let control;
  if (field.kind === 'textarea') control = <textarea {...common} rows={3} value={value} onChange={(e) => onChange(field.name, e.target.value)} />;
  else if (field.kind === 'select' || field.kind === 'multiselect') {
    const multiple = field.kind === 'multiselect';
    control = (
      <select
        {...common}
        multiple={multiple}
        value={multiple ? value.split('\n').filter(Boolean) : value}
        onChange={(e) => onChange(field.name, multiple ? [...e.target.selectedOptions].map((o) => o.value).join('\n') : e.target.value)}
      >
        {(field.options ?? []).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {(field.groups ?? []).map((g) =>
          g.options.length > 0 ? (
            <optgroup key={g.label} label={g.label}>
              {g.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ) : null,
        )}
      </select>
    );
  } else {
    control = (
      <input
        {...common}
        type={field.kind === 'number' ? 'number' : 'text'}
        step={field.step}
        inputMode={field.kind === 'number' ? 'decimal' : undefined}
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(field.name, e.target.value)}
      />
    );
  }
  return (
    <div className={errors?.length ? 'field has-error' : 'field'} data-field={field.name}>
      <label htmlFor={id}>
        {field.label}
        {field.required && <span aria-hidden="true"> *</span>}
      </label>
      {field.hint && (
        <p id={`${id}-hint`} className="hint">
          {field.hint}
        </p>
      )}
      {errors?.length ? (
        <ul id={`${id}-error`} className="field-error">
          {errors.map((m, i) => (
            <li key={i}>
              <span className="visually-hidden">Error: </span>
              {m}
            </li>
          ))}
        </ul>
      ) : null}
      {control}
    </div>
  );
}
