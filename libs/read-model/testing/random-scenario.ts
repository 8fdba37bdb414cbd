import type { Access, Correction, Outcome, SagCommand, TreatmentInput } from '@sagsspor/sag';

/** A small deterministic PRNG (mulberry32): the same seed gives the same scenario. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

const KOMMUNER = ['Lejre', 'Slagelse Kommune', 'randers'];
const COMMITTEES = [
  'Økonomiudvalget',
  'Byrådet',
  'Social, Sundhed & Ældre - 2022-2025',
  'Social, Sundhed og Ældre',
  'Udvalget for Job, Arbejdsmarked og Integration - 2018-2021',
  'Børne- og Familieudvalget',
];
const DATES = ['2023-01-10', '2023-02-07', '2023-03-14', '2023-05-02', '2023-05-09', '2024-01-16'];
const OUTCOMES: Outcome[] = ['approved', 'noted', 'discussed', 'rejected', 'postponed', 'other'];

/**
 * Random treatments of a few sager, recorded through the real decider: out of
 * date order, references later enriched by direct records (supersedes),
 * postponements taken up again, closed items, unknown item numbers. Commands
 * the domain refuses are simply not recorded.
 */
export function randomCommands(seed: number, count: number, sagCount = 6): SagCommand[] {
  const r = rng(seed);
  const sager = Array.from({ length: sagCount }, (_, i) => ({ kommune: pick(r, KOMMUNER), sagsnummer: `${20 + (i % 4)}-00${1000 + i}` }));
  const commands: SagCommand[] = [];
  for (let i = 0; i < count; i += 1) {
    const sag = pick(r, sager);
    const treatment: TreatmentInput = {
      committee: pick(r, COMMITTEES),
      meetingDate: pick(r, DATES),
      item: r() < 0.25 ? null : 1 + Math.floor(r() * 3),
      evidence: r() < 0.35 ? 'reference' : 'direct',
    };
    const proposal = {
      title: pick(r, ['Budget 2024', 'Skolestruktur', 'Status på kvartalsplaner']),
      proposedBy: r() < 0.5 ? 'Direktionen' : null,
      proposal: pick(r, ['1. at udvalget godkender', '1. at orienteringen tages til efterretning']),
      access: (r() < 0.2 ? 'closed' : 'open') as Access,
    };
    const withProposal = r() < 0.6 ? { proposal } : {};
    const kind = r();
    if (kind < 0.3) commands.push({ type: 'ProposeSag', data: { sag, treatment, proposal } });
    else if (kind < 0.55)
      commands.push({
        type: 'RecommendSag',
        data: {
          sag,
          treatment,
          recommendedTo: pick(r, COMMITTEES),
          text: pick(r, ['Anbefales', 'Indstillingen anbefales']),
          ...withProposal,
        },
      });
    else if (kind < 0.9)
      commands.push({
        type: 'DecideSag',
        data: { sag, treatment, outcome: pick(r, OUTCOMES), text: pick(r, ['Godkendt', 'Drøftet', 'Udsat']), ...withProposal },
      });
    else
      commands.push({
        type: 'GenoptagSag',
        data: { sag, treatment, reason: 'Sagen genoptages', resumes: r() < 0.5 ? null : pick(r, DATES), ...withProposal },
      });
  }
  return commands;
}

/**
 * The same scenario as newer document versions would state it: about a fifth
 * of the commands correct a direct record they contradict (a random stream of
 * its own, so the commands themselves stay those of randomCommands(seed)).
 */
export function randomCommandsWithCorrections(seed: number, count: number, sagCount = 6): SagCommand[] {
  const r = rng(seed ^ 0x5eed);
  return randomCommands(seed, count, sagCount).map((command, i) => {
    if (r() >= 0.2) return command;
    const correction: Correction = {
      reason: 'Newer version of the minutes',
      source: { kind: 'document', name: `v${i}.txt`, sha256: (i % 16).toString(16).repeat(64) },
    };
    return { ...command, correction } as SagCommand;
  });
}
