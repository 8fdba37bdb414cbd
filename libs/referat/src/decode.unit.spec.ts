import * as iconv from 'iconv-lite';
import { decodeMinutes, isProbablyBinary } from './decode';

const TEXT = 'REFERAT Økonomiudvalget\nMødedato Tirsdag d. 5. marts 2024 kl. 16:00\nPunkt 1: Godkendelse af budgetopfølgning – ændringer\n';

describe('decodeMinutes', () => {
  it('given UTF-8 without BOM, then the text is unchanged', () => {
    expect(decodeMinutes(Buffer.from(TEXT, 'utf8'))).toBe(TEXT);
  });

  it('given UTF-8 with BOM, then the BOM is gone', () => {
    expect(decodeMinutes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]))).toBe(TEXT);
  });

  it('given Windows-1252 bytes (not valid UTF-8), then æøå and the en dash are decoded', () => {
    expect(decodeMinutes(iconv.encode(TEXT, 'win1252'))).toBe(TEXT);
  });

  it('given UTF-16LE with BOM, then it is decoded', () => {
    expect(decodeMinutes(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TEXT, 'utf16le')]))).toBe(TEXT);
  });

  it('given CRLF, CR, form feeds and NULs, then lines end in LF, a form feed breaks a line and NULs vanish', () => {
    expect(decodeMinutes(Buffer.from('a\r\nb\rc\fd\0e\n', 'utf8'))).toBe('a\nb\nc\nde\n');
  });
});

describe('isProbablyBinary', () => {
  it.each([
    ['plain UTF-8 text', Buffer.from(TEXT, 'utf8')],
    ['Windows-1252 text', iconv.encode(TEXT, 'win1252')],
    ['UTF-16 text with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TEXT, 'utf16le')])],
    ['an empty buffer', Buffer.alloc(0)],
  ])('given %s, then it is not binary', (_name, buf) => {
    expect(isProbablyBinary(buf)).toBe(false);
  });

  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n', 'latin1')],
    ['a zip/docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])],
    ['bytes with NULs', Buffer.from([0x52, 0x45, 0x00, 0x46, 0x00, 0x01])],
    ['control-byte noise', Buffer.from(Array.from({ length: 512 }, (_v, i) => (i * 7) % 32))],
  ])('given %s, then it is binary', (_name, buf) => {
    expect(isProbablyBinary(buf)).toBe(true);
  });
});
