import type { ProposalInput, SagCommand, TreatmentInput } from './commands';
import { InvalidCommandError } from './errors';
import { OUTCOMES } from './events';
import { identityProblem, isBusinessDate, itemProblem, type IdentityKind } from './identity';

/**
 * The domain's own guard: the API validates DTOs first, but imports and other
 * callers reach the decider too, and no malformed treatment may be recorded.
 */
export function validateCommand(command: SagCommand): void {
  const d = command.data;
  identity('kommune', d.sag.kommune);
  identity('sagsnummer', d.sag.sagsnummer);
  validateTreatment(d.treatment);
  if (d.proposal) validateProposal(d.proposal);
  switch (command.type) {
    case 'ProposeSag':
      return;
    case 'RecommendSag':
      required(command.data.recommendedTo, 'recommendedTo');
      return required(command.data.text, 'text');
    case 'DecideSag':
      if (!(OUTCOMES as readonly string[]).includes(command.data.outcome)) {
        throw new InvalidCommandError(`outcome must be one of ${OUTCOMES.join(', ')}`, 'outcome');
      }
      return required(command.data.text, 'text');
    case 'GenoptagSag':
      required(command.data.reason, 'reason');
      if (command.data.resumes != null) date(command.data.resumes, 'resumes');
      return;
  }
}

function validateTreatment(t: TreatmentInput): void {
  identity('committee', t.committee);
  date(t.meetingDate, 'meetingDate');
  const item = itemProblem(t.item);
  if (item) throw new InvalidCommandError(item, 'item');
  if (t.evidence !== undefined && t.evidence !== 'direct' && t.evidence !== 'reference') {
    throw new InvalidCommandError('evidence must be direct or reference', 'evidence');
  }
}

function validateProposal(p: ProposalInput): void {
  required(p.title, 'proposal.title');
  if (typeof p.proposal !== 'string') throw new InvalidCommandError('proposal.proposal must be text', 'proposal.proposal');
  if (p.access !== undefined && p.access !== 'open' && p.access !== 'closed') {
    throw new InvalidCommandError('access must be open or closed', 'access');
  }
}

function identity(kind: IdentityKind, value: unknown): void {
  const problem = identityProblem(kind, value);
  if (problem) throw new InvalidCommandError(problem, kind);
}

function required(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidCommandError(`${field} must be a non-empty text`, field);
  }
}

function date(value: unknown, field: string): void {
  if (typeof value !== 'string' || !isBusinessDate(value)) {
    throw new InvalidCommandError(`${field} must be a date written YYYY-MM-DD`, field);
  }
}
