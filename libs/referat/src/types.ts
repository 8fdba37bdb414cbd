/**
 * The structured form of one published minutes document ("referat").
 * Everything is kept as printed (names, sag numbers, committee names); the
 * parser only adds structure and classifications, never expansions.
 */

export type Outcome = 'approved' | 'noted' | 'discussed' | 'rejected' | 'postponed' | 'other';

export type Classification =
  /** `known` is false only for `other`: phrasing we do not recognise, to be reported. */
  /**
   * `guessed` when the class is inferred rather than read ("besluttede, at ..."
   * with a clause no phrase names): reported, so a reader knows.
   */
  | { step: 'decided'; outcome: Outcome; text: string; known: boolean; guessed?: true }
  | { step: 'recommended'; text: string }
  /** "Intet under dette punkt", or no text at all. */
  | { step: 'none'; text: string };

export type Access = 'open' | 'closed';

/** Parties (letters as printed: "V", "Ø") by how they voted; members who took no part by name. */
export interface Votes {
  for: string[];
  against: string[];
  abstained: string[];
  notTakingPart: string[];
}

export interface ParseOptions {
  /** Wins over the kommune named in the text. */
  kommune?: string;
  /** Used in error messages and warnings ("lejre-2024-02-07.txt:12: ..."). */
  documentName?: string;
}

export interface ParseWarning {
  /** 1-based line in the (decoded) text. */
  line: number;
  message: string;
  /** The agenda item number the warning belongs to, if any. */
  item?: number;
}

export interface ParsedMeeting {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string | null;
  place: string | null;
  /** Everyone listed as a member, absent ones included (without the "(Afbud)" marker). */
  members: string[];
  absent: string[];
}

export interface ParsedCommittee {
  /** Without the electoral period: "Udvalget for Job, Arbejdsmarked og Integration". */
  name: string;
  /** "2022-2025", or null when none is printed. */
  period: string | null;
}

export interface ParsedProposal {
  /** "Direktionen", "Formanden", "Centerledelsen", ... or null when not stated. */
  proposedBy: string | null;
  /** The whole "Indstilling" section as printed. */
  text: string;
  /** The numbered / bulleted points, each starting "at ..." as printed. */
  points: string[];
}

export interface ParsedDecision {
  /** The committee as printed in the heading; null for a plain "Beslutning" heading (= this document's committee). */
  committee: string | null;
  /** YYYY-MM-DD from the heading; null for a plain "Beslutning" heading (= this meeting's date). */
  date: string | null;
  /** The item number stated in the heading; for this meeting's own decision, this item's number; else null. */
  item: number | null;
  /**
   * True when this block is the outcome of this document's committee at this
   * meeting (a plain "Beslutning", or a dated heading naming this committee
   * and this meeting's date). False for earlier meetings and other committees.
   */
  current: boolean;
  /** The outcome text, without absence lines. */
  text: string;
  /** Names from absence lines ("Fraværende: ...", "Afbud: ...", "X deltog ikke under dette punkt") inside the block. */
  absent: string[];
  /** The vote, when the text states one (or a member took no part); else null. */
  votes: Votes | null;
  classification: Classification;
  line: number;
}

export interface ParsedHistoryEntry {
  /** YYYY-MM-DD */
  date: string;
  /** As printed, without the period. */
  committee: string;
  text: string;
  absent: string[];
  votes: Votes | null;
  classification: Classification;
  line: number;
}

/**
 * A line that names the item's route: the proposal's "indstiller til ...",
 * "Beslutningskompetence"/"Kompetence", "Forventet sagsgang"/"Sagsforløb:".
 * (A title prefix "SSÆ/BU/JAI - ..." is the item's title, at its line.)
 */
export interface RouteLine {
  kind: 'indstilling' | 'beslutningskompetence' | 'sagsgang';
  /** The bodies' part as printed: "til byrådet via ...", "Økonomiudvalget", "TM". */
  text: string;
  line: number;
}

export interface ParsedItem {
  number: number;
  title: string;
  line: number;
  /** Exactly as printed ("23-002657", "330-2019-57265", "00.01.00-I00-23-12"). */
  sagsnummer: string | null;
  documentNumber: string | null;
  access: Access;
  proposal: ParsedProposal | null;
  /** From "Beslutningskompetence"/"Kompetence", else the proposal's "indstiller til <body>". */
  decidingBody: string | null;
  /** Bodies named in "indstiller til byrådet via A, B og C", in order, first letter capitalised. */
  route: string[];
  /** Every line that names where the item goes, as printed, with its line: the importer reads the route from them. */
  routeLines: RouteLine[];
  /** Every decision block, in document order. */
  decisions: ParsedDecision[];
  /** "Sagens forløb" entries, in document order. */
  history: ParsedHistoryEntry[];
  attachments: string[];
  /** Raw section texts by normalised heading ("resume", "sagsfremstilling", "indstilling", ...). */
  sections: Record<string, string>;
}

export interface ParsedMinutes {
  /** opts.kommune, else the kommune named most often in the text ("Lejre Kommune" -> "Lejre"), else null. */
  kommune: string | null;
  committee: ParsedCommittee;
  meeting: ParsedMeeting;
  items: ParsedItem[];
  warnings: ParseWarning[];
}
