import type { Votes } from './types';

/**
 * Votes and dissent as Danish minutes print them, one sentence (or clause)
 * at a time:
 *   "Anbefales af et flertal bestående af V, B og A."   for V, B, A
 *   "(O) stemte imod."                                  against O
 *   "Et mindretal (Ø) kunne ikke anbefale indstillingen." against Ø
 *   "(F) undlod at stemme." / "Undlod at stemme: F"     abstained F
 *   "For stemte: A og V. Imod stemte: Ø."
 * Members are named by party where the text names them ("Anne Hansen (F)
 * stemte imod" counts for F). Who took no part comes from the absence lines.
 */

const SENTENCE = /(?<=[.!?])\s+|\n+/;
const CLAUSE = /\s*(?:,\s*(?:mens|medens|hvorimod|hvor)\s+|;\s*)/i;

const AGAINST =
  /\bstemte\s+imod\b|\bimod\s+stemte\b|\bstemmer\s+imod\b|\bvar\s+imod\b|\b(?:kunne|ville)\s+ikke\s+(?:anbefale|tiltræde|godkende|støtte)|\bikke\s+kunne\s+(?:anbefale|tiltræde|godkende|støtte)/i;
const ABSTAINED = /\bundlod\s+at\s+stemme\b|\bhverken\s+for\s+eller\s+imod\b|\bstemte\s+blankt?\b/i;

/** "et flertal bestående af V, B og A", "mindretallet (Ø)": the list after it. */
const GROUP = /\b(?:flertal|flertallet|mindretal|mindretallet)\s+(?:bestående\s+af\s+|af\s+)?(?=\(|\p{Lu})/iu;
/** "For stemte: A", "Imod stemte Ø", "Undlod at stemme: F". */
const LABEL = /^(?:(for)|(imod)|(undlod\s+at\s+stemme|hverken\s+for\s+eller\s+imod|blankt?))(?:\s+stemte)?\s*:?\s*(?=\(|\p{Lu})/iu;
/** A clause that starts with the list: "(O) stemte imod", "A, V og F stemte for", "Partierne Ø og F undlod at stemme". */
const LEADING = /^(?:partierne\s+|partiet\s+)?(?=\(|\p{Lu})/iu;
const VERB_AFTER_LIST = /^[\s)]*(?:stemte|stemmer|kunne|ville|undlod|var|ønskede)\b/i;

const SEPARATOR = /\s*(?:\(|\)|,|\bog\b|\bsamt\b)\s*/y;
const PARTY = /([A-ZÆØÅ]{1,3})(?![\p{L}\d])/uy;
const MEMBER = /\p{Lu}[\p{L}'’.-]+(?:\s+(?:\p{Lu}[\p{L}'’.-]+|von|van|de|af))*\s*\(([A-ZÆØÅ]{1,3})\)/uy;

/** The votes a decision text states, or null when it states none and nobody stood apart. */
export function parseVotes(text: string, notTakingPart: readonly string[] = []): Votes | null {
  const votes: Votes = { for: [], against: [], abstained: [], notTakingPart: [...notTakingPart] };
  if (/flertal|mindretal|stemte|stemme|imod|undlod/i.test(text)) {
    for (const sentence of text.split(SENTENCE)) {
      for (const clause of sentence.trim().split(CLAUSE)) readClause(clause, votes);
    }
  }
  const any = votes.for.length + votes.against.length + votes.abstained.length + votes.notTakingPart.length > 0;
  return any ? votes : null;
}

function readClause(clause: string, votes: Votes): void {
  const label = LABEL.exec(clause);
  if (label) {
    const side: keyof Votes = label[1] ? 'for' : label[2] ? 'against' : 'abstained';
    return add(votes, side, partiesAt(clause, label[0].length).parties);
  }
  const group = GROUP.exec(clause);
  if (group) return add(votes, sideOf(clause), partiesAt(clause, group.index + group[0].length).parties);
  const leading = LEADING.exec(clause);
  if (!leading) return;
  const list = partiesAt(clause, leading[0].length);
  if (list.parties.length > 0 && VERB_AFTER_LIST.test(clause.slice(list.end))) add(votes, sideOf(clause), list.parties);
}

function sideOf(clause: string): keyof Votes {
  if (ABSTAINED.test(clause)) return 'abstained';
  return AGAINST.test(clause) ? 'against' : 'for';
}

/** Party letters (and members' parties) from `from` on, up to the first word that is neither. */
function partiesAt(s: string, from: number): { parties: string[]; end: number } {
  const parties: string[] = [];
  let at = from;
  let end = from;
  for (;;) {
    SEPARATOR.lastIndex = at;
    if (SEPARATOR.exec(s) && SEPARATOR.lastIndex > at) {
      at = SEPARATOR.lastIndex;
      continue;
    }
    const m = matchAt(MEMBER, s, at) ?? matchAt(PARTY, s, at);
    if (!m) break;
    parties.push(m.party);
    at = end = m.end;
  }
  return { parties, end };
}

function matchAt(re: RegExp, s: string, at: number): { party: string; end: number } | null {
  re.lastIndex = at;
  const m = re.exec(s);
  return m && m[1] !== undefined ? { party: m[1], end: re.lastIndex } : null;
}

function add(votes: Votes, side: keyof Votes, parties: readonly string[]): void {
  for (const p of parties) if (!votes[side].includes(p)) votes[side].push(p);
}
