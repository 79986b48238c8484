import { ApiProperty } from '@nestjs/swagger';
import type { Response } from 'express';
import type { WriteResult } from '../application/writer/write-types';

export class WriteResponse {
  @ApiProperty({ format: 'uuid', description: 'The question, claim, relation, evidence or source written' })
  id!: string;

  @ApiProperty({ example: '4', description: "The aggregate's revision after the write (also the ETag)" })
  revision!: string;

  @ApiProperty({ example: '1289', description: 'The global position of the last event written; pass it as ?minPosition= to read your write' })
  position!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  eventIds!: string[];
}

/** The answer to every write: what was written, where, and the ETag to send back as If-Match. */
export function writeResponse(response: Response, result: WriteResult): WriteResponse {
  response.setHeader('ETag', `"${result.revision}"`);
  return { id: result.id, revision: result.revision.toString(), position: result.position.toString(), eventIds: result.eventIds };
}
