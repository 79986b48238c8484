import { toAif } from './aif.export';
import { toArgdown } from './argdown.export';
import { toCsl } from './csl.export';
import { toDot } from './dot.export';
import type { ExportInput } from './export-input';
import { toJson } from './json.export';
import { toMarkdown } from './markdown.export';
import { toMermaid } from './mermaid.export';
import { toProv } from './prov.export';

export const EXPORT_FORMATS = ['markdown', 'json', 'prov', 'aif', 'argdown', 'dot', 'mermaid', 'csl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const EXPORTERS: Record<ExportFormat, (input: ExportInput) => string | object> = {
  markdown: toMarkdown,
  json: toJson,
  prov: toProv,
  aif: toAif,
  argdown: toArgdown,
  dot: toDot,
  mermaid: toMermaid,
  csl: toCsl,
};

/**
 * One question in one format, as text ending in a newline. The JSON formats (json, prov, aif, csl)
 * are pretty-printed with two spaces.
 */
export function exportQuestion(format: ExportFormat, input: ExportInput): string {
  const exporter = EXPORTERS[format];
  if (!exporter) throw new Error(`Unknown export format "${String(format)}"; expected one of ${EXPORT_FORMATS.join(', ')}`);
  const result = exporter(input);
  return typeof result === 'string' ? result : JSON.stringify(result, null, 2) + '\n';
}

export type { ConsensusForExport, ClaimConsensusForExport, DisagreementForExport, ExportInput } from './export-input';
export { consensusForExport, type ExportMoment } from './from-question-consensus';
export { toAif, toArgdown, toCsl, toDot, toJson, toMarkdown, toMermaid, toProv };
