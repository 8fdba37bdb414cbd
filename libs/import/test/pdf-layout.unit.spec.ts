import { pagesToText, type TextRun } from '../src/pdf/layout';

/** A run of 10 pt text; y counts down from the top of an A4 page, as people read. */
const run = (text: string, x: number, fromTop: number, width = text.length * 5): TextRun => ({
  text,
  x,
  y: 842 - fromTop,
  width,
  size: 10,
});

describe('PDF text runs laid out as lines', () => {
  it('given runs on one baseline, then they make one line, with a space only where there is a gap', () => {
    const text = pagesToText([[run('Punkt 1:', 56, 100, 38), run('Godkendelse', 97, 100, 55), run('af', 152, 100, 10)]]);
    expect(text).toBe('Punkt 1: Godkendelseaf');
  });

  it('given a vertical step larger than a line, then a blank line separates the paragraphs', () => {
    expect(pagesToText([[run('Beslutning', 56, 100), run('Godkendt.', 56, 126), run('Med bemærkning.', 56, 139)]])).toBe(
      'Beslutning\n\nGodkendt.\nMed bemærkning.',
    );
  });

  it('given a contents list set in two columns, then the left column is read before the right', () => {
    const rows = [
      ['Punkt 1: Dagsorden ..... 2', 'Punkt 4: Budget ..... 5'],
      ['Punkt 2: Orientering ..... 3', 'Punkt 5: Eventuelt ..... 6'],
      ['Punkt 3: Tilskud ..... 4', undefined],
    ] as const;
    const runs = rows.flatMap(([left, right], i) => [
      run(left, 56, 100 + 13 * i, 150),
      ...(right ? [run(' ', 206, 100 + 13 * i, 90), run(right, 297, 100 + 13 * i, 120)] : []),
    ]);
    expect(pagesToText([runs]).split('\n')).toEqual([
      'Punkt 1: Dagsorden ..... 2',
      'Punkt 2: Orientering ..... 3',
      'Punkt 3: Tilskud ..... 4',
      'Punkt 4: Budget ..... 5',
      'Punkt 5: Eventuelt ..... 6',
    ]);
  });

  it('given a two-cell line in running text, then it stays one line', () => {
    expect(pagesToText([[run('Udgift', 56, 100, 30), run('1.200 kr.', 300, 100, 40), run('Godkendt.', 56, 126)]])).toBe(
      'Udgift 1.200 kr.\n\nGodkendt.',
    );
  });

  it('given a header and "Side N af M" on every page, then the footer goes and the REFERAT title is left to the parser', () => {
    const page = (n: number): TextRun[] => [
      run('REFERAT Økonomiudvalget', 56, 28),
      run(`Tekst på side ${n}`, 56, 70),
      run(`Side ${n} af 3`, 56, 806),
    ];
    expect(
      pagesToText([page(1), page(2), page(3)])
        .split('\n')
        .filter((l) => l.length > 0),
    ).toEqual([
      'REFERAT Økonomiudvalget',
      'Tekst på side 1',
      'REFERAT Økonomiudvalget',
      'Tekst på side 2',
      'REFERAT Økonomiudvalget',
      'Tekst på side 3',
    ]);
  });
});
