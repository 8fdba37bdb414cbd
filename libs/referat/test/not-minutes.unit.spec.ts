import { MinutesParseError, decodeMinutes, parseMinutes } from '@sagsspor/referat';
import { fixtureText } from './fixtures';

function failureOf(text: string): MinutesParseError {
  try {
    parseMinutes(text, { documentName: 'upload.txt' });
  } catch (e) {
    if (e instanceof MinutesParseError) return e;
    throw e;
  }
  throw new Error('expected a MinutesParseError');
}

describe('given input that is not minutes', () => {
  it.each([
    ['an empty text', ''],
    ['only blanks', ' \n\n\t \n'],
    ['binary data', decodeMinutes(Buffer.from(Array.from({ length: 4096 }, (_v, i) => (i * 37) % 256)))],
    ['random prose', fixtureText('prose.txt')],
    ['prose starting with "Referat"', 'Referat fra generalforsamlingen\n\nVi havde en god aften med kaffe og kage.\n'],
  ])('when parsing %s, then it is rejected as not minutes', (_name, text) => {
    const e = failureOf(text);
    expect(e.code).toBe('referat.not-minutes');
    expect(e.documentName).toBe('upload.txt');
    expect(e.message).toMatch(/^upload\.txt:\d+: expected /);
  });
});

describe('given minutes missing something essential', () => {
  it('when there is no meeting date, then it is unparseable at the title line', () => {
    const e = failureOf('\nREFERAT Økonomiudvalget\n\nPunkt 1: Budget\nBeslutning\nGodkendt.');
    expect([e.code, e.line]).toEqual(['referat.unparseable', 2]);
    expect(e.message).toContain('upload.txt:2: expected a meeting date');
  });

  it('when there are items but no REFERAT title, then it is unparseable at the first item', () => {
    const e = failureOf('DAGSORDEN Økonomiudvalget\nd. 06-02-2024\nPunkt 1: Budget\nIndstilling\nDirektionen indstiller.');
    expect([e.code, e.line]).toEqual(['referat.unparseable', 3]);
    expect(e.message).toContain('REFERAT');
  });

  it('when there are title and date but no items, then it is unparseable at the end', () => {
    const e = failureOf('REFERAT Økonomiudvalget\nd. 06-02-2024\nMødet blev aflyst.\n');
    expect([e.code, e.line]).toEqual(['referat.unparseable', 4]);
    expect(e.message).toContain('Punkt N');
  });

  it('then the error is an AppError of kind "invalid" carrying line and document name', () => {
    const e = failureOf('');
    expect(e.kind).toBe('invalid');
    expect(e.extensions).toEqual({ line: 1, documentName: 'upload.txt' });
  });
});
