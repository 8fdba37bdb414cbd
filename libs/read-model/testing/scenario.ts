import { InMemoryEventStore, type EventSource, type EventStore } from '@sagsspor/event-store';
import { AppError } from '@sagsspor/kernel';
import { RecordTreatment, RecordTreatmentHandler, recordOnSag } from '@sagsspor/recording';
import { decideWithdrawals, type SagCommand } from '@sagsspor/sag';
import { randomCommands } from './random-scenario';

/**
 * A small, fully known set of sager for the contract suite: three committees
 * in Lejre, a closed item postponed and taken up again, a reference later
 * enriched by the committee's own minutes, and one sag in another kommune.
 */
const proposal = { title: 'Status på kvartalsplaner', proposedBy: 'Direktionen', proposal: '1. at udvalget anbefaler planen' };
const A = { kommune: 'Lejre', sagsnummer: '23-002657' };
const B = { kommune: 'Lejre Kommune', sagsnummer: '19/3742' };
const C = { kommune: 'lejre', sagsnummer: '24-000233' };
const D = { kommune: 'Slagelse', sagsnummer: '330-2019-57265' };
const closed = { title: 'Køb af ejendom', proposal: '1. at udvalget godkender købet', access: 'closed' as const };
const school = { title: 'Skolestruktur', proposal: '1. at orienteringen tages til efterretning' };

export const CONTRACT_COMMANDS: SagCommand[] = [
  {
    type: 'DecideSag',
    data: {
      sag: A,
      treatment: { committee: 'Økonomiudvalget', meetingDate: '2024-02-21', item: 12 },
      outcome: 'approved',
      text: 'Godkendt',
      proposal,
    },
  },
  {
    type: 'RecommendSag',
    data: {
      sag: A,
      treatment: { committee: 'Udvalget for Job, Arbejdsmarked og Integration - 2022-2025', meetingDate: '2024-02-07', item: 7 },
      recommendedTo: 'Økonomiudvalget',
      text: 'Indstillingen anbefales',
      proposal,
    },
  },
  {
    type: 'ProposeSag',
    data: { sag: A, treatment: { committee: 'Social, Sundhed & Ældre - 2022-2025', meetingDate: '2024-02-05', item: 4 }, proposal },
  },
  {
    type: 'RecommendSag',
    data: {
      sag: A,
      treatment: { committee: 'Social, Sundhed & Ældre - 2022-2025', meetingDate: '2024-02-05', item: 4 },
      recommendedTo: 'Økonomiudvalget',
      text: 'Anbefales',
    },
  },
  {
    type: 'ProposeSag',
    data: { sag: B, treatment: { committee: 'Økonomiudvalget', meetingDate: '2024-03-05', item: 3 }, proposal: closed },
  },
  {
    type: 'DecideSag',
    data: { sag: B, treatment: { committee: 'Økonomiudvalget', meetingDate: '2024-03-05', item: 3 }, outcome: 'postponed', text: 'Udsat' },
  },
  {
    type: 'GenoptagSag',
    data: {
      sag: B,
      treatment: { committee: 'Økonomiudvalget', meetingDate: '2024-04-02', item: 5 },
      reason: 'Sagen genoptages',
      proposal: closed,
    },
  },
  {
    type: 'RecommendSag',
    data: {
      sag: B,
      treatment: { committee: 'Økonomiudvalget', meetingDate: '2024-04-02', item: 5 },
      recommendedTo: 'Byrådet',
      text: 'Indstilles godkendt',
    },
  },
  {
    type: 'DecideSag',
    data: {
      sag: C,
      treatment: { committee: 'Børne- og Familieudvalget', meetingDate: '2024-01-10', item: null, evidence: 'reference' },
      outcome: 'noted',
      text: 'Taget til efterretning',
      proposal: school,
    },
  },
  {
    type: 'ProposeSag',
    data: { sag: C, treatment: { committee: 'Børne- og Familieudvalget', meetingDate: '2024-01-10', item: 2 }, proposal: school },
  },
  {
    type: 'DecideSag',
    data: {
      sag: C,
      treatment: { committee: 'Børne- og Familieudvalget', meetingDate: '2024-01-10', item: 2 },
      outcome: 'noted',
      text: 'Orienteringen taget til efterretning.',
    },
  },
  {
    type: 'DecideSag',
    data: {
      sag: D,
      treatment: { committee: 'Byrådet', meetingDate: '2019-09-30', item: 10 },
      outcome: 'approved',
      text: 'Godkendt',
      proposal: { title: 'Lokalplan 1234', proposal: '1. at lokalplanen vedtages' },
    },
  },
];

/** Most treatments come from a few imported documents (their events share a source), some from the API. */
function sourceOf(n: number): EventSource {
  if (n % 3 === 0) return { kind: 'api' };
  const doc = n % 5;
  return { kind: 'import', document: `referater/${doc}.pdf`, sha256: doc.toString(16).repeat(64) };
}

/** Records commands through the real handler; refused ones are skipped (random scenarios produce many). */
export async function recordCommands(store: EventStore, commands: readonly SagCommand[], offset = 0): Promise<number> {
  const handler = new RecordTreatmentHandler(store);
  let recorded = 0;
  for (const [i, command] of commands.entries()) {
    const n = offset + i;
    try {
      const context = {
        commandId: `cmd-${n}`,
        correlationId: `cor-${n}`,
        causationId: `cmd-${n}`,
        recordedAt: new Date(Date.UTC(2024, 5, 1, 0, 0, n)).toISOString(),
        recordedBy: 'contract',
        source: sourceOf(n),
      };
      if ((await handler.execute(new RecordTreatment(command, context))).appended > 0) recorded += 1;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
  return recorded;
}

/** An in-memory store holding a random scenario (see randomCommands). */
export async function scenarioStore(seed: number, count: number, sagCount?: number): Promise<InMemoryEventStore> {
  const store = new InMemoryEventStore();
  await recordCommands(store, randomCommands(seed, count, sagCount));
  return store;
}

/** Every sag stream in the store, as (kommune, sagsnummer) from its first event. */
export async function sagIdsOf(store: EventStore): Promise<{ kommune: string; sagsnummer: string }[]> {
  const seen = new Map<string, { kommune: string; sagsnummer: string }>();
  for (const e of await store.readAll()) {
    if (!seen.has(e.streamName)) seen.set(e.streamName, { kommune: String(e.data['kommune']), sagsnummer: String(e.data['sagsnummer']) });
  }
  return [...seen.values()];
}

/**
 * Withdraws, in every other sag, the direct records of one of its meetings
 * (as a newer version of those minutes that no longer has them would).
 */
export async function withdrawSome(store: EventStore, offset = 0): Promise<number> {
  let withdrawn = 0;
  for (const [i, sag] of (await sagIdsOf(store)).entries()) {
    if (i % 2 === 1) continue;
    const n = offset + i;
    const context = {
      commandId: `wd-${n}`,
      correlationId: `wd-${n}`,
      causationId: `wd-${n}`,
      recordedAt: new Date(Date.UTC(2024, 6, 1, 0, 0, n)).toISOString(),
      recordedBy: 'contract',
      source: sourceOf(n),
    };
    const result = await recordOnSag(store, sag, context, (state) => {
      const direct = state.records.find((r) => r.event.data.evidence === 'direct');
      if (!direct) return [];
      const meeting = { committeeKey: direct.event.data.committeeKey, meetingDate: direct.event.data.meetingDate };
      return decideWithdrawals(state, meeting, [], {
        reason: 'Not in the newer version',
        source: { kind: 'document', name: `w${n}.txt`, sha256: 'f'.repeat(64) },
      });
    });
    withdrawn += result.appended;
  }
  return withdrawn;
}
