import { Controller, Get, Inject, Req, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
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
  @HealthCheck()
  @ApiOkResponse({ description: 'The store answers', schema: { example: { status: 'ok', store: 'sqlite', info: { store: { status: 'up' } } } } })
  @ApiServiceUnavailableResponse({ description: 'The store does not answer yet, or no longer' })
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

  /** The position the read models have caught up to, and any projection that failed on an event. */
  private async projections() {
    const indicator = this.indicators.check('projections');
    const details = { position: this.runner.position?.toString() ?? null, problems: [...this.runner.problems] };
    return details.problems.length === 0 ? indicator.up(details) : indicator.down(details);
  }

  /**
   * Events refused because they failed verification as they were read (named by position: the first
   * of each broken stream, and how many after it were refused), and whether the log still extends
   * the ledger's last checkpoint. Any of these is down: the ledger serves views that leave them out.
   */
  private async integrity() {
    const indicator = this.indicators.check('integrity');
    const { treeSize, breaks, checkpoint } = this.runner.integrity;
    const details = { events: treeSize, breaks, checkpoint };
    return breaks.length === 0 && checkpoint === null ? indicator.up(details) : indicator.down(details);
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
