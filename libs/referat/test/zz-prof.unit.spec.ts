import { parseMinutes } from '@sagsspor/referat';
import { fixtureText } from './fixtures';
it('prof', () => {
  const text = fixtureText('slagelse-style.txt');
  const firstItem = text.indexOf('Punkt 1:');
  const parts = [text.slice(0, firstItem)];
  for (let r = 0; r < 2000; r++) parts.push(text.slice(firstItem).replace(/^Punkt (\d+):/gm, (_m, n: string) => `Punkt ${r * 5 + Number(n)}:`), '\n');
  const big = parts.join('');
  const m = parseMinutes(big);
  console.log(big.length, m.items.length, m.warnings.slice(0, 5), new Set(m.warnings.map((w) => w.message.slice(0, 30))));
  for (const n of [1000, 2000]) {
    const t = Date.now();
    parseMinutes(parts.slice(0, n).join(''));
    console.log(n, Date.now() - t);
  }
});
