import { ApiQuery } from '@nestjs/swagger';
import { readListFilter } from '../http/pagination';
import { CLAIM_LABELS, type ClaimLabel } from '../../projections/consensus';

const isLabel = (text: string): text is ClaimLabel => (CLAIM_LABELS as readonly string[]).includes(text);

/** `?label=`: the labels asked for (repeated, or a comma list); undefined when absent; a 400 naming `label` for anything that is not one. */
export const readLabelFilter = (value: unknown): Set<ClaimLabel> | undefined => {
  const labels = readListFilter(value, 'label', (text) => (isLabel(text) ? text : undefined), `one of ${CLAIM_LABELS.join(', ')}`);
  return labels && new Set(labels);
};

/** What the API docs say of `?label=`; `description` says what it selects. */
export const ApiLabelQuery = (description: string) =>
  ApiQuery({ name: 'label', required: false, style: 'form', explode: true, schema: { type: 'array', items: { type: 'string', enum: [...CLAIM_LABELS] } }, description });
