import { getMetadataStorage, type MetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Grouped = Record<string, ValidationMetadata[]>;
const remembering = new WeakSet<MetadataStorage>();

/**
 * Makes class-validator remember, per class, the rules it finds for it.
 *
 * Why: for every object it validates (each request body, each nested object), class-validator looks
 * up the class's rules anew: it filters every rule of the class, then walks every class it holds
 * rules for, testing `instanceof` on each to find inherited ones, then groups them by property. In
 * the profile of the write route that look-up cost more than the checks themselves. The answer
 * depends only on the rules registered, and rules are registered only as decorated classes are
 * defined (`addValidationMetadata`, `addConstraintMetadata`): so it is kept until one is added, and
 * then worked out again. Look-ups by validation group are not kept (the API uses none).
 *
 * class-validator and its callers (its validation executor, Nest's ValidationPipe, mapped-types,
 * validation.ts) only read the arrays and groups returned: none is changed in place.
 */
export function rememberValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  if (remembering.has(storage)) return;
  remembering.add(storage);
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  let byClass = new Map<Function, Map<string, ValidationMetadata[]>>();
  let groups = new WeakMap<ValidationMetadata[], Grouped>();
  const forget = () => {
    byClass = new Map();
    groups = new WeakMap();
  };
  const addValidationMetadata = storage.addValidationMetadata.bind(storage);
  const addConstraintMetadata = storage.addConstraintMetadata.bind(storage);
  storage.addValidationMetadata = (metadata) => {
    forget();
    addValidationMetadata(metadata);
  };
  storage.addConstraintMetadata = (metadata) => {
    forget();
    addConstraintMetadata(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, validationGroups) => {
    if ((validationGroups && validationGroups.length > 0) || typeof target !== 'function') return lookUp(target, schema, always, strictGroups, validationGroups);
    const key = `${typeof schema === 'string' ? `schema:${schema}` : '-'}|${Boolean(always)}|${Boolean(strictGroups)}`;
    let answers = byClass.get(target);
    if (!answers) byClass.set(target, (answers = new Map()));
    let metadata = answers.get(key);
    if (!metadata) answers.set(key, (metadata = lookUp(target, schema, always, strictGroups, validationGroups)));
    return metadata;
  };
  storage.groupByPropertyName = (metadata) => {
    let grouped = groups.get(metadata);
    if (!grouped) groups.set(metadata, (grouped = group(metadata)));
    return grouped;
  };
}
