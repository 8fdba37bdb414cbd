import 'reflect-metadata';
import type { EventSource, EventStore } from '@sagsspor/event-store';
import { RecordTreatment, RecordTreatmentHandler, type RecordContext } from '@sagsspor/recording';
import type { SagCommand, SagId } from '@sagsspor/sag';

export const LEJRE: SagId = { kommune: 'Lejre', sagsnummer: '23-002657' };
export const LEJRE_STREAM = 'sag-lejre:23-002657';
export const SLAGELSE: SagId = { kommune: 'Slagelse', sagsnummer: '330-2019-57265' };

const proposal = { title: 'Status på kvartalsplaner', proposedBy: 'Direktionen', proposal: '1. at udvalget anbefaler planen' };
const social = { committee: 'Social, Sundhed & Ældre - 2022-2025', meetingDate: '2024-02-05', item: 4 };
const jobs = { committee: 'Udvalget for Job, Arbejdsmarked og Integration - 2022-2025', meetingDate: '2024-02-07', item: 7 };
const oekonomi = { committee: 'Økonomiudvalget', meetingDate: '2024-02-21', item: 12 };

export const DOC_JAI: EventSource = { kind: 'import', document: 'referat-jai-2024-02-07.pdf', sha256: 'a1'.repeat(32) };
export const DOC_OEU: EventSource = { kind: 'import', document: 'referat-oeu-2024-02-21.pdf', sha256: 'b2'.repeat(32) };
export const DOC_SSAE: EventSource = { kind: 'import', document: 'referat-ssae-2024-02-05.pdf', sha256: 'c3'.repeat(32) };

interface SeedStep {
  readonly command: SagCommand;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly source: EventSource;
}

const recommendSocial = (evidence: 'direct' | 'reference', item: number | null, text: string): SagCommand => ({
  type: 'RecommendSag',
  data: { sag: LEJRE, treatment: { ...social, item, evidence }, recommendedTo: 'Økonomiudvalget', text },
});

/**
 * Lejre 23-002657 recorded over four days through the real command handler:
 *   rev 0 (pos 1) 2024-02-05 09:15Z  api: proposed in Social 2024-02-05
 *   rev 1-2 (pos 2-3) 2024-02-08 10:00Z  import JAI minutes: proposed + recommended in JAI 2024-02-07
 *   rev 3 (pos 4) 2024-02-08 10:00:01Z  import JAI minutes, "Sagens forløb": Social recommended (reference, no item)
 *   (pos 5) 2024-02-08 11:00Z  api: another sag, Slagelse
 *   rev 4-5 (pos 6-7) 2024-02-22 08:30Z  import ØU minutes: proposed + decided approved in ØU 2024-02-21
 *   rev 6 (pos 8) 2024-02-26 13:45Z  import Social's own minutes, late: Social recommended, superseding rev 3
 */
export const SEED: readonly SeedStep[] = [
  {
    command: { type: 'ProposeSag', data: { sag: LEJRE, treatment: social, proposal } },
    recordedAt: '2024-02-05T09:15:00.000Z',
    recordedBy: 'sekretariat@lejre.dk',
    source: { kind: 'api' },
  },
  {
    command: {
      type: 'RecommendSag',
      data: { sag: LEJRE, treatment: jobs, recommendedTo: 'Økonomiudvalget', text: 'Indstillingen anbefales', proposal },
    },
    recordedAt: '2024-02-08T10:00:00.000Z',
    recordedBy: 'import',
    source: DOC_JAI,
  },
  {
    command: recommendSocial('reference', null, 'Anbefales'),
    recordedAt: '2024-02-08T10:00:01.000Z',
    recordedBy: 'import',
    source: DOC_JAI,
  },
  {
    command: {
      type: 'ProposeSag',
      data: { sag: SLAGELSE, treatment: { committee: 'Byrådet', meetingDate: '2019-09-02', item: 3 }, proposal },
    },
    recordedAt: '2024-02-08T11:00:00.000Z',
    recordedBy: 'sekretariat@slagelse.dk',
    source: { kind: 'api' },
  },
  {
    command: { type: 'DecideSag', data: { sag: LEJRE, treatment: oekonomi, outcome: 'approved', text: 'Godkendt', proposal } },
    recordedAt: '2024-02-22T08:30:00.000Z',
    recordedBy: 'import',
    source: DOC_OEU,
  },
  {
    command: recommendSocial('direct', 4, 'Indstillingen anbefales'),
    recordedAt: '2024-02-26T13:45:00.000Z',
    recordedBy: 'import',
    source: DOC_SSAE,
  },
];

export async function seed(store: EventStore): Promise<void> {
  const handler = new RecordTreatmentHandler(store);
  for (const [i, step] of SEED.entries()) {
    const context: RecordContext = {
      commandId: `seed-${i}`,
      correlationId: `seed-${i}`,
      causationId: `seed-${i}`,
      recordedAt: step.recordedAt,
      recordedBy: step.recordedBy,
      source: step.source,
    };
    await handler.execute(new RecordTreatment(step.command, context));
  }
}

/** A timeline as compact rows: date, committee (first word), step, revision that recorded it. */
export const rows = (history: {
  timeline: { date: string; committeeKey: string; kind: string; provenance: { revision: number } }[];
}): string[] => history.timeline.map((e) => `${e.date} ${e.committeeKey.split(/[ ,]/)[0]} ${e.kind} r${e.provenance.revision}`);

export const FULL = [
  '2024-02-05 social proposed r0',
  '2024-02-05 social recommended r6',
  '2024-02-07 job proposed r1',
  '2024-02-07 job recommended r2',
  '2024-02-21 økonomiudvalget proposed r4',
  '2024-02-21 økonomiudvalget decided r5',
];
