import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CheckpointNotFoundError, type Checkpoint, type CheckpointStore, type PublicKeyInfo, type SigningKey } from '@sagsspor/audit';
import { InvalidInputError } from '@sagsspor/kernel';
import { Allow, Public } from '../auth/allow.decorator';
import { AUDIT_SIGNING_KEY, CHECKPOINT_STORE } from './checkpoint-tokens';

const POSITION = /^(0|[1-9]\d{0,18})$/;
const MAX_LIMIT = 500;

function positionParam(name: string, raw: string): bigint {
  if (!POSITION.test(raw)) throw new InvalidInputError(`${name} must be a global position (a whole number), not "${raw}".`);
  return BigInt(raw);
}

function limitParam(raw: string | undefined): number {
  if (raw === undefined) return 50;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw new InvalidInputError(`limit must be 1 to ${MAX_LIMIT}, not "${raw}".`);
  return limit;
}

@ApiTags('audit')
@Controller('audit')
export class CheckpointsController {
  constructor(
    @Inject(CHECKPOINT_STORE) private readonly store: CheckpointStore,
    @Inject(AUDIT_SIGNING_KEY) private readonly key: SigningKey | null,
  ) {}

  @Get('checkpoints')
  @Allow('reader')
  @ApiOperation({ summary: 'Checkpoints of the whole log, oldest first (?after=<position>&limit=)' })
  async list(@Query('after') after?: string, @Query('limit') limit?: string): Promise<{ items: Checkpoint[]; nextAfter: string | null }> {
    const size = limitParam(limit);
    const items = await this.store.list({ ...(after === undefined ? {} : { after: positionParam('after', after) }), limit: size });
    return { items, nextAfter: items.length === size ? (items[items.length - 1]?.position ?? null) : null };
  }

  @Get('checkpoints/latest')
  @Allow('reader')
  @ApiOperation({ summary: 'The newest checkpoint: save it, and later prove the log still extends it (cli verify --against)' })
  async latest(): Promise<Checkpoint> {
    const latest = await this.store.latest();
    if (!latest) throw new CheckpointNotFoundError(null);
    return latest;
  }

  @Get('checkpoints/:position')
  @Allow('reader')
  @ApiOperation({ summary: 'The newest checkpoint at or before a position' })
  async at(@Param('position') position: string): Promise<Checkpoint> {
    const found = await this.store.atOrBefore(positionParam('position', position));
    if (!found) throw new CheckpointNotFoundError(position);
    return found;
  }

  /** Public: anyone holding a checkpoint must be able to check its signature. */
  @Get('keys')
  @Public()
  @ApiOperation({ summary: 'The public keys that sign checkpoints (Ed25519, SPKI PEM)' })
  keys(): { keys: PublicKeyInfo[] } {
    return { keys: this.key ? [this.key.publicKey] : [] };
  }
}
