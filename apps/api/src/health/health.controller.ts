import { Controller, Get, Inject, Optional, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { loadConfig } from '@sagsspor/config';
import { LatestCheckpoint, type SigningKey } from '@sagsspor/audit';
import { EVENT_STORE, type EventStore } from '@sagsspor/event-store';
import { ProjectionMonitor, type ProjectionStatus } from '@sagsspor/read-model';
import { AUDIT_SIGNING_KEY } from '../audit/checkpoint-tokens';
import { Public } from '../auth/allow.decorator';
import { logHealth } from '../hardening/log-destination';
import { storageStatus } from './storage-status';

type ReadModelHealth = ProjectionStatus & {
  readonly health: 'ok' | 'behind' | 'failing' | 'ahead-of-log' | 'rebuild-abandoned';
  readonly detail?: string;
};
type Unavailable = { status: 'unavailable'; detail: string; health: 'failing' };

@ApiTags('health')
@Public()
// Probes must see the server's health, not the rate limit of the address they share with clients.
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AUDIT_SIGNING_KEY) private readonly signingKey: SigningKey | null,
    private readonly latestCheckpoint: LatestCheckpoint,
    @Optional() private readonly projections?: ProjectionMonitor,
  ) {}

  /**
   * `ok` (200); `degraded` (200: the read models lag behind a failing
   * projector, a rebuild died before it finished, or logs cannot be written); `failing` (503: the disk is full,
   * or the read models are ahead of the log). The event store's own outage
   * is a 503 problem+json.
   */
  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    await this.store.ping();
    const head = await this.store.headPosition();
    const storage = await storageStatus(loadConfig().dataDir);
    const projections = await this.projectionLag();
    const logging = logHealth();
    const readModels = Object.values(projections);
    const failing = storage.status === 'full' || readModels.some((p) => p.health === 'ahead-of-log');
    const degraded =
      readModels.some((p) => p.health === 'failing' || p.health === 'rebuild-abandoned') ||
      logging.failedWrites > 0 ||
      logging.droppedBytes > 0;
    const status = failing ? 'failing' : degraded ? 'degraded' : 'ok';
    if (failing) res.status(503);
    return {
      status,
      eventStore: { status: 'ok', headPosition: head.toString() },
      storage,
      logging: { status: logging.failedWrites > 0 ? 'failing' : 'ok', ...logging },
      projections,
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
  private async projectionLag(): Promise<Record<string, ReadModelHealth | Unavailable>> {
    if (!this.projections) return {};
    try {
      const status = await this.projections.status();
      return { [status.projection]: { ...status, ...judge(status) } };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { 'sag-read-model': { status: 'unavailable', detail, health: 'failing' } };
    }
  }
}

function judge(s: ProjectionStatus): Pick<ReadModelHealth, 'health' | 'detail'> {
  if (s.checkpoint !== null && BigInt(s.checkpoint) > BigInt(s.headPosition)) {
    return {
      health: 'ahead-of-log',
      detail: `The read model is at position ${s.checkpoint}, beyond the log's head ${s.headPosition}: rebuild it (npm run -s cli -- rebuild).`,
    };
  }
  if (s.lagPositions > 0 && s.projector?.lastError) {
    return { health: 'failing', detail: `The projector is failing: ${s.projector.lastError}. Writes are recorded but not yet shown.` };
  }
  const [abandoned] = s.abandoned;
  if (abandoned) return { health: 'rebuild-abandoned', detail: abandoned.detail };
  return { health: s.lagPositions > 0 ? 'behind' : 'ok' };
}
