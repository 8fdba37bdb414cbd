import type { ParsedDecision, ParsedHistoryEntry, ParsedItem, ParsedMinutes } from '@sagsspor/referat';
import {
  committeeKey,
  recommendationTarget,
  type ProposalInput,
  type QualityNote,
  type RecordRoute,
  type Route,
  type RouteTreatment,
  type SagCommand,
  type SagId,
  type TreatmentInput,
} from '@sagsspor/sag';
import { documentRegistry, planRoute } from './route';

export interface ImportWarning {
  readonly document: string;
  readonly line?: number;
  readonly item?: number;
  readonly sagsnummer?: string;
  readonly message: string;
}

export interface SagPlan {
  readonly sag: SagId;
  /** Each item's treatments, then the route it names. */
  readonly commands: (SagCommand | RecordRoute)[];
}

export interface ImportPlan {
  readonly sager: SagPlan[];
  readonly items: number;
  readonly treatments: number;
  readonly warnings: ImportWarning[];
}

/** One treatment another body's document tells of, or this meeting's own. */
interface Mention {
  readonly treatment: TreatmentInput;
  readonly classification: ParsedDecision['classification'];
  readonly votes: ParsedDecision['votes'];
  readonly absent: readonly string[];
  readonly line: number;
}

/** A command and the document line it was read from (null: the item as a whole). */
interface Planned {
  readonly command: SagCommand;
  readonly line: number | null;
}

interface Note {
  readonly line: number;
  readonly message: string;
}

/**
 * What a parsed document says, as commands in business order: first the
 * earlier and other committees' treatments it mentions (as references), then
 * this meeting's own treatment (direct), resumed when the document shows it
 * was postponed before. Pure: the same document always plans the same commands.
 */
export function planImport(doc: ParsedMinutes, kommune: string, documentName: string): ImportPlan {
  const warnings: ImportWarning[] = doc.warnings.map((w) => ({
    document: documentName,
    line: w.line,
    ...(w.item === undefined ? {} : { item: w.item }),
    message: w.message,
  }));
  const sager = new Map<string, SagPlan>();
  const registry = documentRegistry(doc);
  let treatments = 0;
  for (const item of doc.items) {
    if (!item.sagsnummer) continue;
    const sag = { kommune, sagsnummer: item.sagsnummer };
    const notes: Note[] = doc.warnings.filter((w) => w.item === item.number).map((w) => ({ line: w.line, message: w.message }));
    const warn: Warn = (line, message) => {
      warnings.push({ document: documentName, line, item: item.number, sagsnummer: item.sagsnummer ?? undefined, message });
      notes.push({ line, message });
    };
    const routed = planRoute(item, doc, registry, sag, documentName);
    for (const n of routed.notes) warn(n.line, n.message);
    const planned = planItem(doc, item, sag, routeOf(routed.command), warn);
    const commands = withNotes(planned, notes, documentName);
    treatments += commands.length;
    const plan = sager.get(item.sagsnummer) ?? { sag, commands: [] };
    plan.commands.push(...commands, ...(routed.command ? [routed.command] : []));
    sager.set(item.sagsnummer, plan);
  }
  return { sager: [...sager.values()], items: doc.items.length, treatments, warnings };
}

type Warn = (line: number, message: string) => void;

/**
 * The item's warnings, kept with the records they concern: one at the line
 * of a decision block or "Sagens forløb" entry goes with the record made
 * from it; the rest (a repeated sag number, no decision block) with this
 * meeting's own record, the item's last.
 */
function withNotes(planned: readonly Planned[], notes: readonly Note[], document: string): SagCommand[] {
  const lines = new Set(planned.map((p) => p.line));
  const last = planned.length - 1;
  return planned.map((p, i) => {
    const own = notes.filter((n) => n.line === p.line || (i === last && !lines.has(n.line)));
    if (own.length === 0) return p.command;
    const quality = own.map((n): QualityNote => ({ document, line: n.line, message: n.message }));
    return { ...p.command, data: { ...p.command.data, quality } } as SagCommand;
  });
}

/** The route as the domain's recommendationTarget reads it. */
function routeOf(command: RecordRoute | null): Route | null {
  if (!command) return null;
  const stop = (s: { committee: string; committeeKey?: string }) => ({
    committee: s.committee,
    committeeKey: s.committeeKey ?? committeeKey(s.committee),
  });
  return { via: command.data.via.map(stop), decidingBodies: command.data.decidingBodies.map(stop) };
}

function planItem(doc: ParsedMinutes, item: ParsedItem, sag: SagId, route: Route | null, warn: Warn): Planned[] {
  const name = doc.committee.period ? `${doc.committee.name} - ${doc.committee.period}` : doc.committee.name;
  const own: TreatmentInput = { committee: name, meetingDate: doc.meeting.date, item: item.number, evidence: 'direct' };
  const mentions = [
    ...item.history.map((h) => historyMention(h)),
    ...item.decisions.filter((d) => !d.current).map((d) => decisionMention(doc, d)),
  ].sort((a, b) => (a.treatment.meetingDate < b.treatment.meetingDate ? -1 : a.treatment.meetingDate > b.treatment.meetingDate ? 1 : 0));
  const fullProposal: ProposalInput = {
    title: item.title,
    proposedBy: item.proposal?.proposedBy ?? null,
    proposal: item.proposal?.text ?? '',
    access: item.access,
  };
  const referenceProposal: ProposalInput = { title: item.title, proposedBy: null, proposal: '', access: item.access };
  const treated = [
    ...mentions,
    ...item.decisions.filter((d) => d.current).map((d) => ({ treatment: own, classification: d.classification })),
  ];
  const target = targetOf(route, treated.map(routeTreatmentOf));
  const planned: Planned[] = mentions.map((m) => ({ command: toCommand(sag, m, referenceProposal, target, warn), line: m.line }));
  const resumed = postponedBefore(mentions, own);
  if (resumed) {
    const reason = resumed.classification.text;
    const command: SagCommand = {
      type: 'GenoptagSag',
      data: { sag, treatment: own, reason: reason || 'Genoptaget', resumes: resumed.treatment.meetingDate, proposal: fullProposal },
    };
    planned.push({ command, line: null });
  }
  const current = item.decisions.filter((d) => d.current);
  if (current.length === 0)
    planned.push({ command: { type: 'ProposeSag', data: { sag, treatment: own, proposal: fullProposal } }, line: null });
  for (const d of current) {
    const mention: Mention = { treatment: own, classification: d.classification, votes: d.votes, absent: d.absent, line: d.line };
    planned.push({ command: toCommand(sag, mention, fullProposal, target, warn), line: d.line });
  }
  return planned;
}

function historyMention(h: ParsedHistoryEntry): Mention {
  return {
    treatment: { committee: h.committee, meetingDate: h.date, item: null, evidence: 'reference' },
    classification: h.classification,
    votes: h.votes,
    absent: h.absent,
    line: h.line,
  };
}

function decisionMention(doc: ParsedMinutes, d: ParsedDecision): Mention {
  return {
    treatment: {
      committee: d.committee ?? doc.committee.name,
      meetingDate: d.date ?? doc.meeting.date,
      item: d.item,
      evidence: 'reference',
    },
    classification: d.classification,
    votes: d.votes,
    absent: d.absent,
    line: d.line,
  };
}

/** The latest postponed treatment this document mentions before its own meeting; the same committee's first. */
function postponedBefore(mentions: readonly Mention[], own: TreatmentInput): Mention | undefined {
  const postponed = mentions.filter(
    (m) => m.classification.step === 'decided' && m.classification.outcome === 'postponed' && m.treatment.meetingDate < own.meetingDate,
  );
  const ownKey = committeeKey(own.committee);
  return [...postponed].reverse().find((m) => committeeKey(m.treatment.committee) === ownKey) ?? postponed[postponed.length - 1];
}

type TargetOf = (at: TreatmentInput) => string | null;

/** Where a recommendation at a treatment goes, by the domain's rule, from this document's route and treatments alone. */
function targetOf(route: Route | null, treatments: readonly RouteTreatment[]): TargetOf {
  return (at) => recommendationTarget(route, treatments, { committee: at.committee, date: at.meetingDate })?.committee ?? null;
}

function routeTreatmentOf(m: Pick<Mention, 'treatment' | 'classification'>): RouteTreatment {
  const c = m.classification;
  const t = m.treatment;
  const step = c.step === 'none' ? 'proposed' : c.step;
  return {
    committee: t.committee,
    date: t.meetingDate,
    item: t.item ?? null,
    kind: step,
    ...(c.step === 'decided' ? { outcome: c.outcome } : {}),
  };
}

function toCommand(sag: SagId, m: Mention, proposal: ProposalInput, targetAt: TargetOf, warn: Warn): SagCommand {
  const c = m.classification;
  const text = c.text;
  if (c.step === 'none') return { type: 'ProposeSag', data: { sag, treatment: m.treatment, proposal } };
  if (c.step === 'recommended') {
    const target = targetAt(m.treatment);
    if (!target)
      warn(
        m.line,
        `Recommendation by ${m.treatment.committee} names no body it goes to (no route or Beslutningskompetence); recorded as "ikke angivet".`,
      );
    const recommendedTo = target ?? 'ikke angivet';
    return { type: 'RecommendSag', data: { sag, treatment: m.treatment, recommendedTo, text, proposal, votes: m.votes, absent: m.absent } };
  }
  // Wording not recognised, or a class guessed, is the parser's warning at this line: it comes with the notes.
  const data = {
    sag,
    treatment: m.treatment,
    outcome: c.outcome,
    text: text || '(ingen tekst)',
    proposal,
    votes: m.votes,
    absent: m.absent,
  };
  return { type: 'DecideSag', data };
}
