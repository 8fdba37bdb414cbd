import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { LatestCheckpoint, type SigningKey } from '@sagsspor/audit';
import type { EventStore } from '@sagsspor/event-store';
import { ProjectionMonitor, type ProjectionStatus } from '@sagsspor/read-model';
import { EVENT_STORE } from '@sagsspor/recording';
import { AUDIT_SIGNING_KEY } from '../audit/checkpoint-tokens';
import { Public } from '../auth/allow.decorator';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AUDIT_SIGNING_KEY) private readonly signingKey: SigningKey | null,
    private readonly latestCheckpoint: LatestCheckpoint,
    @Optional() private readonly projections?: ProjectionMonitor,
  ) {}

  /** 200 when the event store answers; its error (503 problem+json) otherwise. */
  @Get()
  async health() {
    await this.store.ping();
    const head = await this.store.headPosition();
    return {
      status: 'ok',
      eventStore: { status: 'ok', headPosition: head.toString() },
      projections: await this.projectionLag(),
      audit: this.audit(),
    };
  }

  /** Whether checkpoints are signed is for operators to see at a glance: unsigned ones prove much less to a third party. */
  private audit() {
    const latest = this.latestCheckpoint.get();
    return {
      checkpoints: this.signingKey ? 'signed' : 'unsigned',
      ...(this.signingKey
        ? { keyId: this.signingKey.publicKey.keyId }
        : { detail: 'SAGSSPOR_AUDIT_SIGNING_KEY_FILE is not set: checkpoints are made but not signed.' }),
      latestCheckpoint: latest && { position: latest.position, count: latest.count },
    };
  }

  /** Lag of the read models behind the log; a read-model outage is reported here, not as a failed health check. */
  private async projectionLag(): Promise<Record<string, ProjectionStatus | { status: 'unavailable'; detail: string }>> {
    if (!this.projections) return {};
    try {
      const status = await this.projections.status();
      return { [status.projection]: status };
    } catch (error) {
      return { 'sag-read-model': { status: 'unavailable', detail: error instanceof Error ? error.message : String(error) } };
    }
  }
}
