import type { OutcomeInput, ProposalInput, SagCommand, TreatmentInput } from './commands';
import { InvalidCommandError } from './errors';
import { OUTCOMES, type QualityNote } from './events';
import { isBusinessDate, kommuneKey } from './identity';

/**
 * The domain's own guard: the API validates DTOs first, but imports and other
 * callers reach the decider too, and no malformed treatment may be recorded.
 */
export function validateCommand(command: SagCommand): void {
  const d = command.data;
  required(d.sag.kommune, 'kommune');
  if (!kommuneKey(d.sag.kommune)) throw new InvalidCommandError('kommune must name a kommune', 'kommune');
  required(d.sag.sagsnummer, 'sagsnummer');
  if (d.sag.sagsnummer !== d.sag.sagsnummer.trim()) throw new InvalidCommandError('sagsnummer has surrounding blanks', 'sagsnummer');
  validateTreatment(d.treatment);
  if (d.proposal) validateProposal(d.proposal);
  validateQuality(d.quality);
  switch (command.type) {
    case 'ProposeSag':
      return;
    case 'RecommendSag':
      required(command.data.recommendedTo, 'recommendedTo');
      validateOutcome(command.data);
      return required(command.data.text, 'text');
    case 'DecideSag':
      validateOutcome(command.data);
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
  required(t.committee, 'committee');
  date(t.meetingDate, 'meetingDate');
  if (t.item != null && !(Number.isSafeInteger(t.item) && t.item >= 0)) {
    throw new InvalidCommandError('item must be a non-negative whole number', 'item');
  }
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

function validateOutcome(o: OutcomeInput): void {
  if (o.votes != null) {
    if (typeof o.votes !== 'object') throw new InvalidCommandError('votes must be an object', 'votes');
    for (const side of ['for', 'against', 'abstained', 'notTakingPart'] as const) texts(o.votes[side], `votes.${side}`);
  }
  if (o.absent !== undefined) texts(o.absent, 'absent');
}

function validateQuality(quality: readonly QualityNote[] | undefined): void {
  if (quality === undefined) return;
  if (!Array.isArray(quality)) throw new InvalidCommandError('quality must be a list', 'quality');
  for (const q of quality) {
    required(q.document, 'quality.document');
    required(q.message, 'quality.message');
    if (q.line != null && !(Number.isSafeInteger(q.line) && q.line > 0)) {
      throw new InvalidCommandError('quality.line must be a positive whole number', 'quality.line');
    }
  }
}

function texts(value: unknown, field: string): void {
  if (!Array.isArray(value)) throw new InvalidCommandError(`${field} must be a list of texts`, field);
  for (const v of value) required(v, field);
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
