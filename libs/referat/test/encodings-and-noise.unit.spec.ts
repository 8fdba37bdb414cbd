import * as iconv from 'iconv-lite';
import { decodeMinutes, parseMinutes, type ParsedMinutes } from '@sagsspor/referat';
import { fixtureBytes, fixtureText, parseFixture } from './fixtures';

/** What must not depend on how the bytes were encoded. */
function essence(m: ParsedMinutes): unknown {
  return {
    kommune: m.kommune,
    committee: m.committee,
    meeting: m.meeting,
    items: m.items.map((i) => ({
      ...i,
      line: 0,
      decisions: i.decisions.map((d) => ({ ...d, line: 0 })),
      history: i.history.map((h) => ({ ...h, line: 0 })),
    })),
  };
}

describe('given the same minutes in different encodings and line ends', () => {
  const reference = essence(parseFixture('slagelse-style.txt'));
  const utf8 = fixtureBytes('slagelse-style.txt');

  it('when written as Windows-1252, then parsing gives the same result', () => {
    const bytes = iconv.encode(utf8.toString('utf8'), 'win1252');
    expect(bytes.includes(Buffer.from('ø', 'utf8'))).toBe(false); // really not UTF-8
    expect(essence(parseMinutes(decodeMinutes(bytes)))).toEqual(reference);
  });

  it('when written with a UTF-8 BOM, then parsing gives the same result', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
    expect(essence(parseMinutes(decodeMinutes(bytes)))).toEqual(reference);
  });

  it('when written with CRLF line ends, then parsing gives the same result, even without decoding first', () => {
    const crlf = utf8.toString('utf8').replace(/\n/g, '\r\n');
    expect(essence(parseMinutes(decodeMinutes(Buffer.from(crlf, 'utf8'))))).toEqual(reference);
    expect(essence(parseMinutes(`\uFEFF${crlf}`))).toEqual(reference);
  });

  it('then line numbers still point at the original lines after CRLF and BOM', () => {
    const lines = fixtureText('slagelse-style.txt').split('\n');
    const crlf = parseMinutes(`\uFEFF${lines.join('\r\n')}`);
    for (const item of crlf.items) expect(lines[item.line - 1]).toMatch(new RegExp(`^Punkt ${item.number}:`));
  });
});

describe('given PDF page furniture between and inside items', () => {
  const text = [
    'REFERAT Plan- og Miljøudvalget - 2022-2025 d. 04-06-2024',
    'Mødedato Tirsdag d. 4. juni 2024 kl. 08:30',
    'Punkt 1: Lokalplan for Havnefronten',
    '24-010203',
    'Beslutning',
    '',
    'Side 2 af 5',
    '\fREFERAT Plan- og Miljøudvalget - 2022-2025 d. 04-06-2024',
    'Godkendt med bemærkning om trafiksikkerhed.',
    'Plan- og Miljøudvalget 04-06-2024 Side 3 af 5',
    'Punkt 2: Eventuelt',
    'Beslutning',
    'Intet under dette punkt.',
  ].join('\n');

  it('when parsed, then footers and repeated titles are neither items nor decision text', () => {
    const m = parseMinutes(text, { documentName: 'furniture.txt' });
    expect(m.items.map((i) => i.number)).toEqual([1, 2]);
    expect(m.items[0]?.decisions[0]?.text).toBe('Godkendt med bemærkning om trafiksikkerhed.');
    expect(m.warnings).toEqual([]);
  });

  it('when a different REFERAT title appears later, then it is dropped and reported', () => {
    const m = parseMinutes(
      text.replace('\fREFERAT Plan- og Miljøudvalget - 2022-2025 d. 04-06-2024', 'REFERAT Økonomiudvalget d. 05-06-2024'),
    );
    expect(m.items[0]?.decisions[0]?.text).toBe('Godkendt med bemærkning om trafiksikkerhed.');
    expect(m.warnings).toEqual([expect.objectContaining({ line: 8, message: expect.stringContaining('another REFERAT title') })]);
  });

  it('when a stray glyph stands on a line of its own, then it is dropped and reported', () => {
    const m = parseMinutes(text.replace('Side 2 af 5', 'Å'));
    expect(m.items[0]?.decisions[0]?.text).toBe('Godkendt med bemærkning om trafiksikkerhed.');
    expect(m.warnings).toEqual([expect.objectContaining({ line: 7, message: expect.stringContaining('stray character') })]);
  });
});

describe('given a contents list whose entries are "Punkt N: ..." lines without page numbers', () => {
  const text = [
    'REFERAT Teknik- og Miljøudvalget',
    'd. 02-09-2019',
    'Indholdsfortegnelse',
    'Punkt 1: Vejbelysning',
    '',
    'Punkt 2: Vintervedligeholdelse',
    '',
    'Punkt 1: Vejbelysning',
    'Sagsnr.: 19/2211',
    'Beslutning',
    'Godkendt.',
    'Punkt 2: Vintervedligeholdelse',
    'Sagsnr.: 19/2290',
    'Beslutning',
    'Taget til efterretning.',
  ].join('\n');

  it('when parsed, then the empty leftover entries give way to the real items', () => {
    const m = parseMinutes(text);
    expect(m.items.map((i) => [i.number, i.line, i.sagsnummer])).toEqual([
      [1, 8, '19/2211'],
      [2, 12, '19/2290'],
    ]);
    expect(m.meeting.date).toBe('2019-09-02');
  });
});

describe('given header variants', () => {
  const body = 'Punkt 1: Budget\nBeslutning\nGodkendt.';

  it('when "REFERAT" stands alone, then the committee is on the next line', () => {
    const m = parseMinutes(`REFERAT\n\nØkonomiudvalget - 2022-2025\nMødedato: 07-02-2024 kl. 16.30\n${body}`);
    expect(m.committee).toEqual({ name: 'Økonomiudvalget', period: '2022-2025' });
    expect(m.meeting).toEqual(expect.objectContaining({ date: '2024-02-07', time: '16:30' }));
  });

  it('when the title date and Mødedato disagree, then Mødedato wins and it is reported', () => {
    const m = parseMinutes(`REFERAT Økonomiudvalget d. 06-02-2024\nMødedato Onsdag d. 7. februar 2024 kl. 16:30\n${body}`);
    expect(m.meeting.date).toBe('2024-02-07');
    expect(m.warnings).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('disagree') })]);
  });

  it('when items skip numbers or have no decision, then it is reported', () => {
    const m = parseMinutes(`REFERAT Økonomiudvalget\nd. 06-02-2024\n${body}\nPunkt 3: Eventuelt\nIngen bemærkninger.`);
    expect(m.warnings.map((w) => w.message).sort()).toEqual([
      'item 3 has no decision ("Beslutning") block',
      'item numbers jump from 1 to 3',
    ]);
  });

  it('when a decision heading is not understood, then its line is reported and kept as text', () => {
    const m = parseMinutes(
      `REFERAT Økonomiudvalget\nd. 06-02-2024\nPunkt 1: Budget\nBeslutning i Økonomiudvalget den 6. feb. 2024:\nGodkendt.`,
    );
    expect(m.warnings.map((w) => [w.line, w.item])).toEqual([
      [3, 1], // the item has no decision block
      [4, 1], // the heading itself
    ]);
    expect(m.items[0]?.decisions).toEqual([]);
  });
});
