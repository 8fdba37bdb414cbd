import { randomUUID } from 'node:crypto';
import { GENESIS_HASH } from '@sagsspor/audit';
import type { NewEvent } from '@sagsspor/event-store';
import { toNewEvents } from '@sagsspor/recording';
import { decide, evolve, initialRouteState, initialState, sagStreamName, type SagCommand, type SagId, type SagState } from '@sagsspor/sag';

const KOMMUNER = ['Lejre', 'Slagelse', 'Randers', 'Høje-Taastrup', 'Ringkøbing-Skjern', 'Lyngby-Taarbæk'];
const COMMITTEES = [
  'Økonomiudvalget',
  'Social- og Beskæftigelsesudvalget - 2022-2025',
  'Udvalget for Job, Arbejdsmarked og Integration',
  'Byrådet',
];
const PROPOSAL =
  '1. at udvalget tager orienteringen om kvartalsplanerne til efterretning, 2. at udvalget godkender de foreslåede justeringer af ' +
  'indsatsen for borgere på kanten af arbejdsmarkedet, og 3. at forvaltningen afrapporterer status på næste møde i udvalget.';

export interface SagAppend {
  readonly streamName: string;
  readonly events: NewEvent[];
}

/**
 * Realistic sag streams, built through the domain (decide) and the
 * recording layer's metadata and hash chain: each meeting records a
 * decision with its proposal inline, so 2 events per meeting.
 */
export function sagAppend(index: number, meetings: number): SagAppend {
  const sag: SagId = {
    kommune: KOMMUNER[index % KOMMUNER.length] ?? 'Lejre',
    sagsnummer: `${24 + (index % 3)}-${String(index).padStart(6, '0')}`,
  };
  const streamName = sagStreamName(sag);
  let state: SagState = initialState;
  const decided = [];
  for (let m = 0; m < meetings; m++) {
    const committee = COMMITTEES[(index + m) % COMMITTEES.length] ?? 'Byrådet';
    const treatment = {
      committee,
      meetingDate: `2024-${String((m % 12) + 1).padStart(2, '0')}-${String((index % 27) + 1).padStart(2, '0')}`,
      item: (index % 40) + m + 1,
    };
    const command: SagCommand = {
      type: 'DecideSag',
      data: {
        sag,
        treatment,
        outcome: 'noted',
        text: 'Taget til efterretning. Udvalget bad om en uddybende status på næste møde.',
        proposal: { title: `Status på kvartalsplaner ${m + 1}`, proposedBy: 'Direktionen', proposal: PROPOSAL },
      },
    };
    for (const event of decide(command, state)) {
      decided.push(event);
      state = evolve(state, event);
    }
  }
  const id = randomUUID();
  const context = {
    commandId: id,
    correlationId: id,
    causationId: id,
    recordedAt: new Date().toISOString(),
    recordedBy: 'bench',
    source: { kind: 'api' } as const,
  };
  const loaded = { streamName, recorded: [], state: initialState, route: initialRouteState, revision: -1, lastHash: GENESIS_HASH };
  return { streamName, events: toNewEvents(loaded, decided, context) };
}
