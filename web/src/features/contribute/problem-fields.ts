import type { Problem } from '../../api/types';

/** A form field as the API names it: its body path ("provenance.occurredAt"), and other names that land on it. */
export interface NamedField {
  name: string;
  /** Other fields of the API shown at this one: a path parameter ("id"), the other half of a choice ("toEvidenceId"). */
  apiFields?: readonly string[];
}

export interface PlacedProblem {
  /** The messages to show next to each form field, by the field's name. */
  byField: Record<string, string[]>;
  /** Messages that name no field of the form (a header, the whole body, a rule of the ledger): shown in the summary only. */
  unplaced: { field: string | null; message: string }[];
  /** The summary's headline: the problem's detail, else its title, else the status. */
  summary: string;
}

/**
 * Places the API's problem details on a form: each `{field, message}` goes next to the form field
 * that field names: exactly, through an alias, as a line of a list field ("authors[1]" on the
 * authors field, said as "line 2"), or, for an error on an object ("provenance.attributedTo"), the
 * object's first field. What names no field of the form stays in the summary, so nothing is lost.
 */
export function placeProblem(problem: Problem, fields: readonly NamedField[]): PlacedProblem {
  const byField: Record<string, string[]> = {};
  const unplaced: PlacedProblem['unplaced'] = [];
  const add = (name: string, message: string) => (byField[name] ??= []).push(message);

  for (const error of problem.errors ?? []) {
    const target = fieldFor(error.field, fields);
    if (target) add(target.name, target.line !== undefined ? `line ${target.line + 1}: ${error.message}` : error.message);
    else unplaced.push({ field: error.field || null, message: error.message });
  }
  const summary = problem.detail ?? problem.title ?? `The ledger answered ${problem.status}`;
  return { byField, unplaced, summary };
}

function fieldFor(apiField: string, fields: readonly NamedField[]): { name: string; line?: number } | null {
  const names = (f: NamedField) => [f.name, ...(f.apiFields ?? [])];
  const exact = fields.find((f) => names(f).includes(apiField));
  if (exact) return { name: exact.name };
  // "authors[1]" or "tags[0]": a line of a list field.
  const item = /^(.*)\[(\d+)\]$/.exec(apiField);
  if (item) {
    const list = fields.find((f) => names(f).includes(item[1]!));
    if (list) return { name: list.name, line: Number(item[2]) };
  }
  // An error on an object: its first field on the form.
  const inside = fields.find((f) => names(f).some((n) => n.startsWith(`${apiField}.`)));
  if (inside) return { name: inside.name };
  return null;
}

/** The id of a field's input element, so that the summary can link to it and the errors can describe it. */
export function fieldId(formId: string, name: string): string {
  // "-f-" keeps field ids apart from the form's own ("…--heading"), whatever a field is called.
  return `${formId}-f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
