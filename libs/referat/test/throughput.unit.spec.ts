import { parseMinutes } from '@sagsspor/referat';
import { fixtureText } from './fixtures';

/**
 * The importer must take ≥ 5 MB/s including storing events, so parsing has
 * to be an order of magnitude faster. A 20 MB document is built from the
 * Slagelse-style fixture, renumbered, with invented case text so items are
 * about as long as in real minutes (a few KB). The bound is loose so a busy
 * machine running suites in parallel passes, while anything quadratic fails
 * by orders of magnitude.
 */
const CASE_TEXT = [
  'Forvaltningen har i perioden gennemgået de indkomne henvendelser og vurderer, at der er behov for en justering af serviceniveauet, så borgerne oplever en mere ensartet sagsbehandling på tværs af områderne.',
  'Der er i 2019 afsat 1,2 mio. kr. til indsatsen, og forbruget følges månedligt. Udviklingen forelægges udvalget igen ved budgetopfølgningen den 3. december 2019.',
  '- Antallet af borgere i forløb er steget fra 412 til 455 siden 1. januar 2019.',
  '- Ventetiden på en første samtale er faldet fra 21 til 14 dage.',
  'Udvalget besluttede på mødet den 11. marts 2019, punkt 7, at der skulle udarbejdes en samlet plan. Planen er udarbejdet i samarbejde med Handicaprådet og Ældrerådet; Kommunens Borgerrådgiver har bidraget med erfaringer fra klagesagerne.',
  'Område\t2017\t2018\t2019',
  'Dagtilbud\t1.204\t1.233\t1.241',
  'Skole\t5.980\t5.911\t5.874',
  'Det er forvaltningens vurdering, at indsatsen kan gennemføres inden for den eksisterende ramme. Der henvises i øvrigt til bilag 2, hvor de enkelte tiltag er beskrevet nærmere.',
].join('\n\n');

function bigMinutes(targetBytes: number): string {
  const text = fixtureText('slagelse-style.txt');
  const firstItem = text.indexOf('Punkt 1:');
  const header = text.slice(0, firstItem);
  const body = text.slice(firstItem).replace(/^Sagsfremstilling$/gm, `Sagsfremstilling\n\n${CASE_TEXT}\n\n${CASE_TEXT}\n`);
  const parts = [header];
  let size = header.length;
  for (let round = 0; size < targetBytes; round++) {
    const renumbered = body
      .replace(/^Punkt (\d+):/gm, (_m, n: string) => `Punkt ${round * 5 + Number(n)}:`)
      .replace(/\b330-2019-(\d+)/g, (_m, n: string) => `330-2019-${n}${round}`);
    parts.push(renumbered, '\n');
    size += renumbered.length + 1;
  }
  return parts.join('');
}

describe('given 20 MB of minutes', () => {
  const text = bigMinutes(20 * 1024 * 1024);

  it('when parsed, then it runs well above the import rate', () => {
    parseMinutes(text.slice(0, 500_000)); // warm up
    const started = process.hrtime.bigint();
    const m = parseMinutes(text);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const mbPerSecond = Buffer.byteLength(text) / 1024 / 1024 / seconds;
    console.log(
      `parsed ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB, ${m.items.length} items in ${seconds.toFixed(2)} s: ${mbPerSecond.toFixed(0)} MB/s`,
    );
    expect(m.items.length).toBeGreaterThan(5_000);
    expect(m.warnings).toEqual([]);
    expect(mbPerSecond).toBeGreaterThan(15);
  });
});
