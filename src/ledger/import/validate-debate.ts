import { instantOf } from '../provenance/provenance';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { projectRoot } from '../../config/project-root';
import { fieldErrors } from '../../http/validation';
import { derivedUuid } from '../application/derived-ids';
import { CREATES, referencesOf, type DebateEntry, type DebateFile, type EntityKind } from './debate-file';
import { ENTRY_PLANS } from './entry-plans';

/** One thing wrong with a debate file: which entry (by index and key), which field, and what. */
export interface ImportProblem {
  /** The entry's index in `entries`, or null for the file as a whole. */
  entry: number | null;
  key?: string;
  field: string;
  message: string;
}

export function describeProblem(problem: ImportProblem): string {
  const where = problem.entry === null ? 'file' : `entries[${problem.entry}]${problem.key ? ` (${problem.key})` : ''}`;
  return `${where}: ${problem.field}: ${problem.message}`;
}

/** Parses JSON or YAML (by the file's extension; YAML is a superset of JSON, so anything else too). */
export function parseDebateText(text: string, filename: string): { document?: unknown; problems: ImportProblem[] } {
  try {
    return { document: extname(filename).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text), problems: [] };
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '';
    return { problems: [{ entry: null, field: '(syntax)', message: `${(error as Error).message.split('\n')[0]}${where}` }] };
  }
}

let compiledSchema: ReturnType<Ajv2020['compile']> | undefined;

function schemaValidator() {
  if (!compiledSchema) {
    // verbose: a oneOf error then carries its alternatives, to name them (see schemaProblem).
    const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
    addFormats(ajv);
    compiledSchema = ajv.compile(JSON.parse(readFileSync(join(projectRoot(), 'schemas/debate.schema.json'), 'utf8')));
  }
  return compiledSchema;
}

/**
 * Checks a whole debate file before anything is written: its shape (the JSON Schema in
 * `schemas/debate.schema.json`), every reference between entries, the dates, and every command body
 * exactly as the REST API would validate it. Reports every problem, not just the first.
 */
export async function validateDebate(document: unknown, now = new Date()): Promise<{ file?: DebateFile; problems: ImportProblem[] }> {
  const checkSchema = schemaValidator();
  const keyAt = (index: number | null) => {
    const entries = (document as { entries?: unknown[] })?.entries;
    const key = index !== null && Array.isArray(entries) ? (entries[index] as { key?: unknown })?.key : undefined;
    return typeof key === 'string' ? key : undefined;
  };
  const schemaProblems = checkSchema(document)
    ? []
    : (checkSchema.errors ?? []).filter((error) => error.keyword !== 'if' && !isAlternativeFailure(error)).map((error) => schemaProblem(error, keyAt));
  const entries = (document as { entries?: unknown })?.entries;
  if (schemaProblems.some((p) => p.entry === null) || !Array.isArray(entries)) return { problems: dedupe(schemaProblems) };

  const problems: ImportProblem[] = [...schemaProblems];
  const shapeIsWrong = new Set(schemaProblems.map((p) => p.entry));
  const kinds = new Map<string, EntityKind | null>();

  for (const [index, entry] of (entries as DebateEntry[]).entries()) {
    const at = (field: string, message: string) => problems.push({ entry: index, key: entry.key, field, message });
    if (typeof entry?.key !== 'string') continue;
    if (kinds.has(entry.key)) at('key', `"${entry.key}" is used by an earlier entry`);
    const plan = ENTRY_PLANS[entry.command];
    if (!plan) continue;

    for (const ref of referencesOf(entry)) {
      if (typeof ref.key !== 'string') continue; // the schema has said what is wrong with it
      const kind = kinds.get(ref.key);
      if (kind === undefined) at(ref.path, `"${ref.key}" is not the key of an earlier entry`);
      else if (kind !== ref.kind) at(ref.path, `"${ref.key}" names a ${kind ?? 'entry that creates nothing'}, not a ${ref.kind}`);
    }
    if (typeof entry.at === 'string' && Date.parse(instantOf(entry.at) ?? '') > now.getTime()) at('at', 'must not be in the future');

    if (!shapeIsWrong.has(index)) {
      const placeholder = (key: unknown) => derivedUuid('validation', String(key));
      const body = plainToInstance(plan.dto, plan.body(entry, placeholder));
      const errors = await validate(body, { whitelist: true, forbidNonWhitelisted: true });
      for (const error of fieldErrors(errors)) at(plan.entryField?.[error.field] ?? error.field, error.message);
    }
    kinds.set(entry.key, CREATES[entry.command] ?? null);
  }
  const file = document as DebateFile;
  problems.sort((a, b) => (a.entry ?? -1) - (b.entry ?? -1));
  return problems.length > 0 ? { problems: dedupe(problems) } : { file, problems: [] };
}

/**
 * A `oneOf` of alternative fields (`to` or `toEvidence`) reports each alternative's missing field as
 * well as the `oneOf` itself: only the `oneOf` is kept, and it names the fields (schemaProblem).
 */
function isAlternativeFailure(error: ErrorObject): boolean {
  return error.schemaPath.includes('/oneOf/');
}

/** The fields a `oneOf` of alternatives asks for, one per alternative. */
function alternativesOf(error: ErrorObject): string[] {
  return Array.isArray(error.schema) ? (error.schema as { required?: string[] }[]).flatMap((branch) => branch.required ?? []) : [];
}

function schemaProblem(error: ErrorObject, keyAt: (index: number | null) => string | undefined): ImportProblem {
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let entry: number | null = null;
  let path = segments;
  if (segments[0] === 'entries' && segments.length >= 2 && /^\d+$/.test(segments[1])) {
    entry = Number(segments[1]);
    path = segments.slice(2);
  }
  const alternatives = error.keyword === 'oneOf' ? alternativesOf(error) : [];
  // None given: name the first alternative; several given: name the second one given.
  const passing = error.params.passingSchemas as number[] | null | undefined;
  const alternative = alternatives.length === 0 ? [] : [alternatives[passing ? passing[1]! : 0]!];
  const field = [...path, ...(error.keyword === 'required' ? [String(error.params.missingProperty)] : []),
    ...(error.keyword === 'additionalProperties' ? [String(error.params.additionalProperty)] : []), ...alternative]
    .reduce((acc, segment) => (/^\d+$/.test(segment) ? `${acc}[${segment}]` : acc ? `${acc}.${segment}` : segment), '');
  const message =
    error.keyword === 'additionalProperties' ? 'is not a field of this command' :
    error.keyword === 'required' ? 'is required' :
    error.keyword === 'enum' ? `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}` :
    // A field the schema rules out in this case (a delo on an archive guide entry) says why in its description.
    error.keyword === 'not' && typeof (error.parentSchema as { description?: unknown } | undefined)?.description === 'string'
      ? (error.parentSchema as { description: string }).description :
    alternatives.length > 0 ? `give exactly one of: ${alternatives.join(', ')}${passing ? ' (not both)' : ''}` :
    error.message ?? 'is invalid';
  return { entry, key: keyAt(entry), field: field || (entry === null ? '(document)' : '(entry)'), message };
}

/** A oneOf over commands reports the same field once per branch; keep one line per field and message. */
function dedupe(problems: ImportProblem[]): ImportProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const id = `${p.entry}|${p.field}|${p.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

