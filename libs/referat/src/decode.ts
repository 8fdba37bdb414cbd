import * as iconv from 'iconv-lite';

/**
 * Bytes of a minutes text file to a string. Files come from many tools:
 * UTF-8 with or without BOM, Windows-1252 from older Windows exports, now and
 * then UTF-16 with a BOM. Line ends become LF; form feeds (PDF page breaks)
 * become line breaks and NULs are dropped, so line numbers stay meaningful.
 */
export function decodeMinutes(buf: Buffer): string {
  return normaliseText(decodeBytes(buf));
}

function decodeBytes(buf: Buffer): string {
  if (hasPrefix(buf, UTF8_BOM)) return buf.toString('utf8', UTF8_BOM.length);
  if (hasPrefix(buf, UTF16LE_BOM)) return iconv.decode(buf.subarray(2), 'utf16le');
  if (hasPrefix(buf, UTF16BE_BOM)) return iconv.decode(buf.subarray(2), 'utf16be');
  const utf8 = strictUtf8(buf);
  return utf8 ?? iconv.decode(buf, 'win1252');
}

/** NFC, LF line ends, no BOM, no NULs; a form feed ends a line like a newline does. */
export function normaliseText(text: string): string {
  // Text extracted from PDFs is often NFD ("a" + combining ring): the parser's patterns and the records expect NFC.
  let s = text.normalize('NFC');
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  if (s.indexOf('\r') !== -1) s = s.replace(/\r\n?/g, '\n');
  if (s.indexOf('\f') !== -1) s = s.replace(/\f/g, '\n');
  if (s.indexOf('\0') !== -1) s = s.replace(/\0/g, '');
  return s;
}

const FATAL_UTF8 = new TextDecoder('utf-8', { fatal: true });

function strictUtf8(buf: Buffer): string | null {
  try {
    return FATAL_UTF8.decode(buf);
  } catch {
    return null;
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

/** Signatures of files people drop in by mistake instead of extracted text. */
const BINARY_SIGNATURES: readonly (readonly number[])[] = [
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x50, 0x4b, 0x03, 0x04], // zip, docx, xlsx
  [0xd0, 0xcf, 0x11, 0xe0], // old Office
  [0x89, 0x50, 0x4e, 0x47], // png
  [0xff, 0xd8, 0xff], // jpeg
  [0x47, 0x49, 0x46, 0x38], // gif
  [0x7f, 0x45, 0x4c, 0x46], // elf
  [0x1f, 0x8b], // gzip
];

const SNIFF_BYTES = 8192;

/**
 * True for data that is not a text document: a known binary signature, NUL
 * bytes (outside UTF-16), or many control bytes. PDFs count as binary: the
 * importer wants text extracted from them.
 */
export function isProbablyBinary(buf: Buffer): boolean {
  if (buf.length === 0) return false;
  if (hasPrefix(buf, UTF16LE_BOM) || hasPrefix(buf, UTF16BE_BOM)) return false;
  if (BINARY_SIGNATURES.some((sig) => hasPrefix(buf, sig))) return true;
  const end = Math.min(buf.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < end; i++) {
    const b = buf[i] ?? 0;
    if (b === 0) return true;
    if (isControlByte(b)) control++;
  }
  return control / end > 0.05;
}

/** C0 controls other than tab, LF, CR and FF; and DEL. */
function isControlByte(b: number): boolean {
  return (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f;
}

function hasPrefix(buf: Buffer, prefix: readonly number[]): boolean {
  if (buf.length < prefix.length) return false;
  return prefix.every((b, i) => buf[i] === b);
}
