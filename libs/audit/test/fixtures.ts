import {
  decide,
  evolve,
  initialState,
  type Provenance,
  type RecordedSagEvent,
  type SagCommand,
  type SagEvent,
  type SagId,
  type SagState,
} from '@sagsspor/sag';
import { chainHash, GENESIS_HASH } from '../src/hash-chain';
import type { VerifiableEvent } from '../src/chain-verifier';

export const SAG: SagId = { kommune: 'Lejre', sagsnummer: '23-002657' };
export const proposal = { title: 'Status på kvartalsplaner', proposedBy: 'Direktionen', proposal: '1. at udvalget anbefaler planen' };
export const social = { committee: 'Social, Sundhed & Ældre - 2022-2025', meetingDate: '2024-02-05', item: 4 };
export const jobs = { committee: 'Udvalget for Job, Arbejdsmarked og Integration', meetingDate: '2024-02-07', item: 7 };
export const oekonomi = { committee: 'Økonomiudvalget', meetingDate: '2024-02-21', item: 12 };

export interface Step {
  readonly command: SagCommand;
  readonly recordedAt: string;
  readonly source?: Provenance['source'];
}

/** Decides each command in turn, giving its events provenance as a store would (positions may skip, as other streams interleave). */
export function recordSteps(steps: readonly Step[], positionStep = 1): RecordedSagEvent[] {
  let state: SagState = initialState;
  const out: RecordedSagEvent[] = [];
  for (const step of steps) {
    for (const event of decide(step.command, state)) {
      state = evolve(state, event);
      const revision = out.length;
      out.push({ event, provenance: provenanceOf(event, state, revision, (revision + 1) * positionStep, step) });
    }
  }
  return out;
}

function provenanceOf(_event: SagEvent, state: SagState, revision: number, position: number, step: Step): Provenance {
  const record = state.records[state.records.length - 1];
  return {
    eventId: record?.id ?? '',
    revision,
    position: String(position),
    recordedAt: step.recordedAt,
    recordedBy: 'test',
    source: step.source ?? { kind: 'api' },
  };
}

/** Stored events of one stream with a correct hash chain, as libs/recording writes them. */
export function chained(streamName: string, recorded: readonly RecordedSagEvent[]): VerifiableEvent[] {
  let prevHash = GENESIS_HASH;
  return recorded.map(({ event, provenance }) => {
    const metadata = { eventId: provenance.eventId, recordedAt: provenance.recordedAt, source: provenance.source, prevHash };
    const hash = chainHash(prevHash, { streamName, revision: provenance.revision, type: event.type, data: event.data, metadata });
    prevHash = hash;
    return {
      streamName,
      revision: provenance.revision,
      position: BigInt(provenance.position),
      type: event.type,
      data: { ...event.data },
      metadata: { ...metadata, hash },
    };
  });
}

export const propose = (treatment: typeof social): SagCommand => ({ type: 'ProposeSag', data: { sag: SAG, treatment, proposal } });
export const recommend = (
  treatment: { committee: string; meetingDate: string; item: number | null; evidence?: 'direct' | 'reference' },
  text = 'Anbefales',
): SagCommand => ({
  type: 'RecommendSag',
  data: { sag: SAG, treatment, recommendedTo: 'Økonomiudvalget', text, proposal },
});
export const approve = (treatment: typeof social): SagCommand => ({
  type: 'DecideSag',
  data: { sag: SAG, treatment, outcome: 'approved', text: 'Godkendt', proposal },
});
