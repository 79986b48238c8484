import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { LedgerConfig } from '../config/ledger-config';
import { problem, ProblemError } from '../http/problem-details';
import { RouteMetadataReflector } from '../http/route-metadata';
import type { Principal } from '../ledger/provenance/provenance';
import { WriteLimitStorage } from './write-limit-storage';

/** The request as AuthGuard leaves it (its own type would make the two files import each other). */
type WithPrincipal = { principal?: Principal };

/** The one throttler: writes, counted per principal over a sliding minute. */
export const WRITES_THROTTLER = 'writes';
const MINUTE_MS = 60_000;

/**
 * `@nestjs/throttler`'s settings for LEDGER_RATE_LIMIT_WRITES_PER_MINUTE. The counts are kept in this
 * process's memory (WriteLimitStorage: the library's in-memory storage, at a constant cost per write),
 * so the limit holds per instance: behind N instances a principal may write
 * up to N times the limit (docs/architecture.md, "Running several instances"). `blockDuration: 0`
 * means a refused write is not counted and the principal may write again as soon as the oldest
 * write of the last minute is a minute old (that is what Retry-After says). The guard sets no
 * headers itself: the problem it throws carries Retry-After, and successful writes get none.
 */
export function writeThrottlerOptions(config: Pick<LedgerConfig, 'writesPerMinute'>): ThrottlerModuleOptions {
  return {
    throttlers: [{ name: WRITES_THROTTLER, ttl: MINUTE_MS, limit: config.writesPerMinute, blockDuration: 0 }],
    setHeaders: false,
    storage: new WriteLimitStorage(),
  };
}

/**
 * The write limit, per principal (never per client address: many people may write from behind one
 * proxy, and a token is what is accountable). Not a global guard of its own: AuthGuard calls it after
 * it has found the principal and only for writes, so reads and refused requests never count.
 */
@Injectable()
export class WriteRateLimiter extends ThrottlerGuard {
  protected override logger = new Logger('Auth');
  /** The library reads six settings of the route's metadata on every write: read once per route (route-metadata.ts). */
  protected override readonly reflector = new RouteMetadataReflector();

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http' || !(this.getRequestResponse(context).req as WithPrincipal).principal;
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const { principal } = request as WithPrincipal;
    return `principal:${principal!.id}`;
  }

  /** One count per principal across every write route (the library's default counts per route). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return `${throttler}:${tracker}`;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const wait = Math.max(1, detail.timeToBlockExpire);
    const { req } = this.getRequestResponse(context);
    this.logger.warn(`rate limit: ${(req as WithPrincipal).principal?.name} from ${String(req.ip)} is over ${detail.limit} writes a minute`);
    throw new ProblemError(problem(429, 'rate-limited', `More than ${detail.limit} writes a minute; try again in ${wait} s`), {
      'Retry-After': String(wait),
    });
  }
}
