import { parseMinutes } from '@sagsspor/referat';
import { fixtureText } from './fixtures';

/**
 * The importer must take ≥ 5 MB/s including storing events, so parsing has
 * to be an order of magnitude faster. A large document is built from the
 * fixture items, renumbered; the bound is loose so a busy CI machine passes,
 * while a quadratic regex or scan would not.
 */
function bigMinutes(targetBytes: number): string {
  const text = fixtureText('slagelse-style.txt');
  const firstItem = text.indexOf('Punkt 1:');
  const header = text.slice(0, firstItem);
  const body = text.slice(firstItem);
  const parts = [header];
  let size = header.length;
  for (let round = 0; size < targetBytes; round++) {
    const renumbered = body.replace(/^Punkt (\d+):/gm, (_m, n: string) => `Punkt ${round * 5 + Number(n)}:`);
    parts.push(renumbered, '\n');
    size += renumbered.length + 1;
  }
  return parts.join('');
}

describe('given 20 MB of minutes', () => {
  const text = bigMinutes(20 * 1024 * 1024);

  it('when parsed, then it runs well above 20 MB/s', () => {
    parseMinutes(text.slice(0, 200_000)); // warm up
    const started = process.hrtime.bigint();
    const m = parseMinutes(text);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const mbPerSecond = Buffer.byteLength(text) / 1024 / 1024 / seconds;
    expect(m.items.length).toBeGreaterThan(5_000);
    console.log(`parsed ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s: ${mbPerSecond.toFixed(0)} MB/s`);
    expect(m.warnings).toEqual([]);
    expect(mbPerSecond).toBeGreaterThan(20);
  });
});
