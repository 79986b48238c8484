import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config';
import { problem, ProblemError } from '../http/problem-details';
import { RouteMetadataReflector } from '../http/route-metadata';
import { atLeast, type AuthenticatedPrincipal } from './accounts.service';
import { AUTHENTICATOR, type Authenticator } from './authenticator.port';
import { REQUIRED_ACCESS, type Access } from './requires.decorator';
import { WriteRateLimiter } from './write-rate-limiter';

export interface AuthenticatedRequest extends Request {
  principal?: AuthenticatedPrincipal;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every route passes here: it finds the bearer token's principal, checks the route's role, and counts
 * writes against the write limit. Failures are logged with the reason and the client, never the token.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');
  /** Each route's access, read from its decorators once (route-metadata.ts says why). */
  private readonly reflector = new RouteMetadataReflector();

  constructor(
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly writeLimit: WriteRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const write = !READ_METHODS.has(request.method);
    const access = this.reflector.getAllAndOverride<Access>(REQUIRED_ACCESS, [context.getHandler(), context.getClass()]) ?? (write ? 'contributor' : 'read');
    if (access === 'public') {
      // While reads are private, a public route may show more to a caller who shows a valid token (GET /health).
      if (!this.config.publicRead) request.principal = await this.principalIfAny(request);
      return true;
    }
    if (access === 'read' && this.config.publicRead) return true;

    const principal = await this.authenticate(request);
    const required = access === 'read' ? 'reader' : access;
    if (!atLeast(principal.role, required)) {
      this.logger.warn(`forbidden: ${principal.name} (${principal.role}) tried ${request.method} ${request.path}, which needs ${required}`);
      throw new ProblemError(problem(403, 'forbidden', `This needs the ${required} role; ${principal.name} is a ${principal.role}`));
    }
    request.principal = principal;
    // Counted once the principal is known, and only for writes (@nestjs/throttler, per principal).
    if (write) await this.writeLimit.canActivate(context);
    return true;
  }

  /** The principal of a valid bearer token, if the request has one; nothing is refused or logged. */
  private async principalIfAny(request: Request): Promise<AuthenticatedPrincipal | undefined> {
    const match = /^Bearer +(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) return undefined;
    const result = await this.authenticator.authenticate(match[1]);
    return result.ok && atLeast(result.principal.role, 'reader') ? result.principal : undefined;
  }

  private async authenticate(request: Request): Promise<AuthenticatedPrincipal> {
    const header = request.headers.authorization;
    const refuse = (reason: string): never => {
      this.logger.warn(`authentication failed (${reason}) from ${request.ip} for ${request.method} ${request.path}`);
      throw new ProblemError(problem(401, 'unauthorized', `Authentication failed: ${reason}`, [{ field: 'Authorization', message: reason }]), {
        'WWW-Authenticate': 'Bearer realm="claims-ledger"',
      });
    };
    if (!header) return refuse('no bearer token');
    const match = /^Bearer +(\S+)$/i.exec(header);
    if (!match) return refuse('the Authorization header is not "Bearer <token>"');
    const result = await this.authenticator.authenticate(match[1]);
    if (!result.ok) return refuse(result.reason === 'malformed' ? 'malformed token' : result.reason === 'revoked' ? 'revoked token' : 'unknown token');
    return result.principal;
  }
}
