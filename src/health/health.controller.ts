import { Controller, Get, Inject, Req, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ApiPublicAccess } from '../http/openapi/problem-responses';
import { responseSchema } from '../response-schemas';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { AuthenticatedRequest } from '../accounts/auth.guard';
import { Requires } from '../accounts/requires.decorator';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { ProjectionRunner } from '../projection-runtime/projection-runner';

@ApiTags('health')
@Requires('public')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  @Get()
  // Terminus's own response docs describe a 503 that is not the problem this API sends; ours below are.
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Check the ledger’s health',
    description: 'Open to anyone, always. While reads are private (LEDGER_PUBLIC_READ=false), a caller without a valid token gets the status only.',
  })
  @ApiPublicAccess(true)
  @ApiOkResponse({
    description:
      'The store answers, no projection failed, and the log verifies. Right after a start the read models may still be restoring or catching up (`details.projections.state`: `restoring`, `catching-up`, then `live`); reads wait for them meanwhile',
    schema: { allOf: [responseSchema('Health')], example: { status: 'ok', store: 'sqlite', info: { store: { status: 'up', kind: 'sqlite' } } } },
  })
  @ApiServiceUnavailableResponse({
    description: 'The store does not answer yet, or no longer, a projection failed on an event, or the log fails verification (`unavailable`; `details` says which check is down)',
  })
  async check(@Req() request: AuthenticatedRequest) {
    // While reads are private, an anonymous caller learns only the status, not the log's head or its problems.
    const anonymous = !this.config.publicRead && request.principal === undefined;
    try {
      const result = await this.health.check([() => this.pingStore(), () => this.projections(), () => this.integrity()]);
      if (anonymous) return { status: result.status };
      return { status: result.status, store: this.store.kind, info: result.info, details: result.details };
    } catch (error) {
      if (anonymous && error instanceof ServiceUnavailableException) throw new ServiceUnavailableException({ status: 'error' });
      // Terminus answers 503 with its own body; add which store was asked so operators see it at once.
      if (error instanceof ServiceUnavailableException) {
        const body = error.getResponse() as Record<string, unknown>;
        throw new ServiceUnavailableException({ ...body, store: this.store.kind });
      }
      throw error;
    }
  }

  /**
   * The position the read models have caught up to, any projection that failed on an event, and
   * where the start stands (`state`): while the server restores its snapshot and reads the log after
   * it (`restoring`, `catching-up`: reads wait for the views, up to LEDGER_READ_TIMEOUT_MS) the
   * server is up and says so; `live` once caught up; `failed` (down) when the start could not finish.
   */
  private async projections() {
    const indicator = this.indicators.check('projections');
    const startup = this.runner.startup;
    const details = {
      state: startup.state,
      position: this.runner.position?.toString() ?? null,
      ...(startup.state === 'live' ? {} : { head: startup.head, folded: startup.folded }),
      ...(startup.message ? { message: startup.message } : {}),
      problems: [...this.runner.problems],
    };
    return details.problems.length === 0 && startup.state !== 'failed' ? indicator.up(details) : indicator.down(details);
  }

  /**
   * Events refused because they failed verification as they were read (named by position: the first
   * of each broken stream, and how many after it were refused), and whether the log still extends
   * the ledger's last checkpoint. Any of these is down: the ledger serves views that leave them out.
   */
  private async integrity() {
    const indicator = this.indicators.check('integrity');
    const { treeSize, breaks, checkpoint, snapshot } = this.runner.integrity;
    // `snapshot`: the log below the snapshot the server started from, re-read in the background ('checking' is not down).
    const details = { events: treeSize, breaks, checkpoint, snapshot };
    return breaks.length === 0 && checkpoint === null && snapshot?.problem == null ? indicator.up(details) : indicator.down(details);
  }

  private async pingStore() {
    const indicator = this.indicators.check('store');
    try {
      await this.store.ping();
      return indicator.up({ kind: this.store.kind });
    } catch (error) {
      return indicator.down({ kind: this.store.kind, message: (error as Error).message });
    }
  }
}
