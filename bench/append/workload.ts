import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@sagsspor/event-store';

export const STREAM_COUNT = 250;

/** A realistic recorded treatment: ~1 KB of data JSON, plus the usual metadata. */
export function treatmentEvent(sequence: number): NewEvent {
  return {
    type: 'SagDecided.v1',
    data: {
      kommune: 'lejre',
      sagsnummer: `19/${3000 + (sequence % STREAM_COUNT)}`,
      committeeKey: 'oekonomiudvalget',
      committeeName: 'Økonomiudvalget',
      meetingDate: '2024-03-05',
      item: `${(sequence % 40) + 1}`,
      title: 'Anlægsbevilling til renovering af Allerslev Skole, etape 2',
      decision: 'Indstillingen blev godkendt med den bemærkning, at udvalget ønsker en status på økonomien i 3. kvartal.',
      vote: { for: 7, against: 2, abstained: 0, absent: ['Karen Jensen'] },
      attachments: ['Bilag 1 - Projektbeskrivelse.pdf', 'Bilag 2 - Økonomioversigt.xlsx', 'Bilag 3 - Tidsplan.pdf'],
      summary:
        'Sagen forelægges med henblik på frigivelse af anlægsbevilling. Projektet omfatter udskiftning af tag, ' +
        'vinduer og ventilation samt energirenovering af faglokaler. Administrationen vurderer, at tidsplanen ' +
        'kan overholdes, hvis bevillingen frigives på dette møde, så udbuddet kan ske i andet kvartal. ' +
        `Løbenummer ${sequence}.`,
    },
    metadata: {
      eventId: randomUUID(),
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      recordedAt: new Date(Date.UTC(2024, 2, 5, 10, 15)).toISOString(),
      recordedBy: 'sagsbehandler@lejre.dk',
      source: { kind: 'import', document: 'referater/2024-03-05 Økonomiudvalget.pdf', sha256: 'ab'.repeat(32) },
    },
  };
}

export function streamOf(sequence: number): string {
  return `sag-lejre:19/${3000 + (sequence % STREAM_COUNT)}`;
}

/**
 * Built before timing starts, so no side pays for generating events. Each
 * event is as a request body parses: its strings flat. Built by
 * concatenation they would be ropes, flattened by whichever side serialised
 * them first — a cost that fell on the port or not depending on turn order.
 */
export function workload(firstSequence: number, count: number): NewEvent[] {
  return Array.from({ length: count }, (_, index) => JSON.parse(JSON.stringify(treatmentEvent(firstSequence + index))) as NewEvent);
}
