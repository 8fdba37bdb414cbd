/**
 * The kommune a document belongs to, from the text: the name most often
 * written before "Kommune"/"Kommunes" ("Lejre Kommunes Rummelighedspris").
 * Minutes name their own kommune far more often than any other.
 */

const KOMMUNE_NAME = /([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?)\s+Kommunes?\b/g;

/** Words that stand before "Kommune" without being a kommune's name. */
const NOT_NAMES: ReadonlySet<string> = new Set(
  'Den Denne Det Hver Enhver Anden Andre Samme Hele Hvilken Egen Vores Jeres Min Din Sin En Én Ny Nye Hvis At I På Til Fra Af Og Som Der For Med Kl Danske'.split(
    ' ',
  ),
);

export class KommuneCounter {
  private readonly counts = new Map<string, number>();

  /** Cheap for lines without "Kommune": most lines. */
  add(line: string): void {
    if (line.indexOf('Kommune') === -1) return;
    KOMMUNE_NAME.lastIndex = 0;
    for (let m = KOMMUNE_NAME.exec(line); m !== null; m = KOMMUNE_NAME.exec(line)) {
      const name = m[1];
      if (name !== undefined && !NOT_NAMES.has(name)) this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    }
  }

  /** The most frequent name; on a tie, the one seen first. */
  best(): string | null {
    let best: string | null = null;
    let bestCount = 0;
    for (const [name, count] of this.counts) {
      if (count > bestCount) {
        best = name;
        bestCount = count;
      }
    }
    return best;
  }
}

/** "Lejre Kommune" -> "Lejre"; blanks collapsed. */
export function kommuneDisplayName(raw: string): string {
  return raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s+kommune$/i, '');
}
