import type { EventStore } from '@sagsspor/event-store';
import { builderState, type Builder } from '../builder';
import type { Generation, ReadModelStore } from '../port';
import { SAG_READ_MODEL } from '../rows/version';
import type { ProjectorStats } from './projector';

export interface ProjectionStatus {
  readonly projection: string;
  readonly version: number;
  /** `live`: a complete model answers queries; `building`: none yet (503 until caught up). */
  readonly status: 'live' | 'building' | 'none';
  readonly generation: number | null;
  readonly checkpoint: string | null;
  readonly headPosition: string;
  /** How far the live model is behind the head of the log, in positions and seconds. */
  readonly lagPositions: number;
  readonly lagSeconds: number;
  /** A build in progress (a rebuild, or the projector's first build). */
  readonly building: { readonly generation: number; readonly version: number; readonly checkpoint: string } | null;
  /** Rebuilds whose process is gone before they finished: nobody will finish them; the next rebuild drops them. */
  readonly abandoned: readonly AbandonedBuild[];
  /** Present when this process runs the projector. */
  readonly projector: ProjectorStats | null;
}

export interface AbandonedBuild {
  readonly generation: number;
  readonly version: number;
  readonly checkpoint: string;
  readonly builder: Builder | null;
  readonly detail: string;
}

/**
 * Projection lag from what is stored: works the same whether the projector
 * runs in this process or in apps/projector. Seconds behind is the age of the
 * oldest event the live model has not applied yet; 0 when caught up.
 */
export async function projectionStatus(
  store: EventStore,
  model: ReadModelStore,
  projector: ProjectorStats | null,
  now = Date.now(),
): Promise<ProjectionStatus> {
  const [head, generations] = await Promise.all([store.headPosition(), model.generations()]);
  const mine = generations.filter((g) => g.projection === SAG_READ_MODEL.name).sort((a, b) => b.gen - a.gen);
  const live = mine.find((g) => g.state === 'live');
  const abandoned = mine.filter(isAbandoned);
  const building = mine.find((g) => g.state === 'building' && !abandoned.includes(g));
  const checkpoint = live?.checkpoint ?? -1n;
  let lagSeconds = 0;
  if (checkpoint < head) {
    const [next] = await store.readAll({ ...(checkpoint < 0n ? {} : { after: checkpoint }), maxCount: 1 });
    const recordedAt = next ? Date.parse(String(next.metadata.recordedAt)) : NaN;
    lagSeconds = Number.isFinite(recordedAt) ? Math.max(0, (now - recordedAt) / 1000) : 0;
  }
  return {
    projection: SAG_READ_MODEL.name,
    version: live?.version ?? SAG_READ_MODEL.version,
    status: live ? 'live' : building ? 'building' : 'none',
    generation: live?.gen ?? null,
    checkpoint: live ? live.checkpoint.toString() : null,
    headPosition: head.toString(),
    lagPositions: checkpoint < head ? Number(head - checkpoint) : 0,
    lagSeconds: Math.round(lagSeconds * 1000) / 1000,
    building: building ? { generation: building.gen, version: building.version, checkpoint: building.checkpoint.toString() } : null,
    abandoned: abandoned.map(abandonedBuild),
    projector,
  };
}

/**
 * A rebuild's generation whose builder is gone. A projector's own build is
 * never abandoned: whichever projector runs next resumes it.
 */
function isAbandoned(g: Generation): boolean {
  return g.state === 'building' && g.mode === 'rebuild' && builderState(g.builder) === 'gone';
}

function abandonedBuild(g: Generation): AbandonedBuild {
  const by = g.builder ? ` (process ${g.builder.pid} on ${g.builder.host})` : '';
  return {
    generation: g.gen,
    version: g.version,
    checkpoint: g.checkpoint.toString(),
    builder: g.builder,
    detail:
      `The rebuild of generation ${g.gen}${by} stopped at position ${g.checkpoint} without finishing: nothing is building it, ` +
      'and the live read model is as it was. Run the rebuild again (npm run -s cli -- rebuild); it removes this one first.',
  };
}
