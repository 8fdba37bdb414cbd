import type { DecideSag, GenoptagSag, ProposalInput, ProposeSag, RecommendSag, TreatmentInput } from '@sagsspor/sag';
import type { SagPath } from './dto/sag-path.dto';
import type { DecideDto, GenoptagDto, ProposalDto, ProposeDto, RecommendDto, TreatmentDto } from './dto/treatment.dto';

export type { SagPath };

const sagOf = (p: SagPath) => ({ kommune: p.kommune, sagsnummer: p.sagsnummer });
const treatmentOf = (b: TreatmentDto): TreatmentInput => ({
  committee: b.committee,
  meetingDate: b.meetingDate,
  item: b.item ?? null,
  evidence: 'direct',
});
const proposalOf = (p: ProposalDto | undefined): ProposalInput | undefined =>
  p && { title: p.title, proposedBy: p.proposedBy ?? null, proposal: p.proposal, access: p.access ?? 'open' };

export const toPropose = (path: SagPath, b: ProposeDto): ProposeSag => ({
  type: 'ProposeSag',
  data: {
    sag: sagOf(path),
    treatment: treatmentOf(b),
    proposal: { title: b.title, proposedBy: b.proposedBy ?? null, proposal: b.proposal, access: b.access ?? 'open' },
  },
});

export const toRecommend = (path: SagPath, b: RecommendDto): RecommendSag => ({
  type: 'RecommendSag',
  data: { sag: sagOf(path), treatment: treatmentOf(b), recommendedTo: b.recommendedTo, text: b.text, ...opt(proposalOf(b.proposal)) },
});

export const toDecide = (path: SagPath, b: DecideDto): DecideSag => ({
  type: 'DecideSag',
  data: { sag: sagOf(path), treatment: treatmentOf(b), outcome: b.outcome, text: b.text, ...opt(proposalOf(b.proposal)) },
});

export const toGenoptag = (path: SagPath, b: GenoptagDto): GenoptagSag => ({
  type: 'GenoptagSag',
  data: { sag: sagOf(path), treatment: treatmentOf(b), reason: b.reason, resumes: b.resumes ?? null, ...opt(proposalOf(b.proposal)) },
});

const opt = (proposal: ProposalInput | undefined) => (proposal ? { proposal } : {});
