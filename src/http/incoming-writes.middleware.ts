import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { IncomingWrites } from '../ledger/application/incoming-writes';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Counts every write request from its arrival until its answer is sent or its connection closes. */
export function useIncomingWrites(app: INestApplication): void {
  const writes = app.get(IncomingWrites);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!READS.has(req.method)) {
      // 'close' follows every response, sent or cut off.
      res.once('close', writes.arrived());
    }
    next();
  });
}
