import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What counts write requests in flight (the ledger's IncomingWrites, which its group commit reads). */
export interface WriteCounter {
  /** Counts a request in; the function it returns counts it out. */
  arrived(): () => void;
}

/** Counts every write request from its arrival until its answer is sent or its connection closes. */
export function useIncomingWrites(app: INestApplication, writes: WriteCounter): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!READS.has(req.method)) {
      // 'close' follows every response, sent or cut off.
      res.once('close', writes.arrived());
    }
    next();
  });
}
