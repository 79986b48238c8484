import { Injectable } from '@nestjs/common';

/**
 * Write requests received and not yet answered. The writer's group commit waits a few turns of the
 * event loop for those still on their way through the request pipeline (body parsing, guards,
 * validation), so that they share the batch's one sync to disk instead of each paying its own.
 */
@Injectable()
export class IncomingWrites {
  private count = 0;

  get pending(): number {
    return this.count;
  }

  /** Counts a request in; the function it returns counts it out (once, however often called). */
  arrived(): () => void {
    this.count++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.count--;
    };
  }
}
