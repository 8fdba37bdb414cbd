import { eventIdOf, type ProposalInput, type SagEvent, type SagId, type TreatmentInput } from '@sagsspor/sag';

export const sag: SagId = { kommune: 'Lejre Kommune', sagsnummer: '23-002657' };
export const social: TreatmentInput = { committee: 'Social, Sundhed & Ældre - 2022-2025', meetingDate: '2024-02-05', item: 4 };
export const oekonomi: TreatmentInput = { committee: 'Økonomiudvalget', meetingDate: '2024-02-21', item: 12 };
export const proposal: ProposalInput = {
  title: 'Status på kvartalsplaner',
  proposedBy: 'Direktionen',
  proposal: '1. at udvalget anbefaler planen',
};

const base = (t: TreatmentInput, text: string) => ({
  kommune: 'Lejre',
  sagsnummer: sag.sagsnummer,
  committee: t.committee,
  committeeKey: t.committee.toLowerCase().replace(' - 2022-2025', '').replace(' & ', ' og '),
  meetingDate: t.meetingDate,
  item: t.item ?? null,
  text,
  evidence: t.evidence ?? ('direct' as const),
  supersedes: null,
  quality: [],
});

export const proposed = (t: TreatmentInput, p: ProposalInput = proposal): SagEvent => ({
  type: 'SagProposed.v2',
  data: { ...base(t, p.proposal), title: p.title, proposedBy: p.proposedBy ?? null, proposal: p.proposal, access: p.access ?? 'open' },
});

export const recommended = (t: TreatmentInput, recommendedTo: string, text = 'Indstillingen anbefales'): SagEvent => ({
  type: 'SagRecommended.v2',
  data: { ...base(t, text), recommendedTo, votes: null, absent: [] },
});

export const decided = (t: TreatmentInput, outcome: 'approved' | 'noted' | 'postponed' | 'discussed', text: string): SagEvent => ({
  type: 'SagDecided.v2',
  data: { ...base(t, text), outcome, votes: null, absent: [] },
});

export const superseding = (event: SagEvent, old: SagEvent): SagEvent =>
  ({ ...event, data: { ...event.data, supersedes: eventIdOf(old) } }) as SagEvent;
