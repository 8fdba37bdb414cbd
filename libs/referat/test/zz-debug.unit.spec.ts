import { readFileSync, writeFileSync } from 'fs';
import { decodeMinutes, parseMinutes } from '@sagsspor/referat';
it('debug', () => {
  const files = ['/work/shared/referater/lejre-jai-2024-02-07.txt', '/work/shared/referater/slagelse-sbu-2019-09-02.txt',
    ...['lejre-style', 'slagelse-style', 'multi-committee', 'earlier-treatments'].map((f) => `${__dirname}/fixtures/${f}.txt`)];
  for (const f of files) {
    const m = parseMinutes(decodeMinutes(readFileSync(f)), { documentName: f });
    writeFileSync('/tmp/ref/' + f.split('/').pop() + '.json', JSON.stringify(m, null, 1));
  }
});
