import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import { derivedUuid } from '../application/derived-ids';
import type { WriteResult } from '../application/writer/write-types';
import { IdempotencyKeyReusedError } from '../application/write-errors';
import { DomainRuleError, NotFoundError } from '../domain-error';
import { canonicalJson } from '../provenance/canonical-json';
import type { CommandContext, Principal } from '../provenance/provenance';
import type { DebateEntry, DebateFile } from './debate-file';
import { ENTRY_PLANS } from './entry-plans';
import type { ImportProblem } from './validate-debate';

export interface ImportSummary {
  entries: number;
  /** Entries whose events were appended by this import. */
  appended: number;
  /** Entries found already imported (same debate, key and content): nothing appended for them. */
  alreadyPresent: number;
  events: number;
  /** What each entry's key became. */
  ids: Record<string, string>;
  questionIds: string[];
}

export class ImportRefusedError extends Error {
  constructor(
    readonly problem: ImportProblem,
    readonly summary: ImportSummary,
  ) {
    super(`entries[${problem.entry}] (${problem.key}): ${problem.field}: ${problem.message}`);
  }
}

/**
 * Carries out a validated debate file, entry by entry, through the same command bus as the API.
 * Each entry's command id is derived from the debate id and the entry's key, so importing the file
 * again finds every entry already done and appends nothing.
 */
@Injectable()
export class DebateImporter {
  constructor(private readonly commands: CommandBus) {}

  async import(file: DebateFile, principal: Principal, onProgress?: (done: number, total: number) => void): Promise<ImportSummary> {
    const summary: ImportSummary = { entries: file.entries.length, appended: 0, alreadyPresent: 0, events: 0, ids: {}, questionIds: [] };
    const idOf = (key: unknown) => summary.ids[String(key)];
    const correlationId = derivedUuid('import', file.debate);

    for (const [index, entry] of file.entries.entries()) {
      const plan = ENTRY_PLANS[entry.command];
      const commandId = derivedUuid('import', file.debate, entry.key);
      const context: CommandContext = {
        principal,
        commandId,
        correlationId,
        causationId: commandId,
        provenance: {
          ...(entry.by ? { attributedTo: { ...entry.by } } : {}),
          ...(entry.at ? { occurredAt: entry.at } : {}),
          ...(entry.in ? { saidIn: idOf(entry.in) } : {}),
        },
        requestHash: entryHash(entry),
      };
      let result: WriteResult;
      try {
        result = await this.commands.execute<object, WriteResult>(plan.command(entry, idOf, plan.body(entry, idOf), context));
      } catch (error) {
        throw new ImportRefusedError(refusal(index, entry, error, plan.entryField), summary);
      }
      summary.ids[entry.key] = result.id;
      if (entry.command === 'OpenQuestion') summary.questionIds.push(result.id);
      if (result.replayed) {
        summary.alreadyPresent++;
      } else {
        summary.appended++;
        summary.events += result.eventIds.length;
      }
      onProgress?.(index + 1, file.entries.length);
    }
    return summary;
  }
}

function entryHash(entry: DebateEntry): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}

function refusal(index: number, entry: DebateEntry, error: unknown, entryField?: Record<string, string>): ImportProblem {
  const at = (field: string, message: string): ImportProblem => ({ entry: index, key: entry.key, field: entryField?.[field] ?? field, message });
  if (error instanceof DomainRuleError) return at(error.field ?? '(entry)', error.message);
  if (error instanceof NotFoundError) return at('(entry)', error.message);
  if (error instanceof IdempotencyKeyReusedError) {
    return at('(entry)', 'this entry was imported before with other content; give it a new key to record the change');
  }
  return at('(entry)', (error as Error).message);
}
