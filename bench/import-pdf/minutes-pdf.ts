import PDFDocument from 'pdfkit';

/**
 * Minutes text -> a PDF laid out as municipalities publish them: the title
 * repeated at the top of every page, "Side N af M" at the foot, the table of
 * contents set in two columns, long lines wrapped. The page furniture in
 * the text (a repeated title, "Side N af M" lines, as text extraction leaves
 * them) is taken out first and drawn again where it belongs on each page.
 * For tests and benchmarks; pdfkit is a development dependency.
 */

const FONT_SIZE = 10;
const LINE = 13;
const MARGIN = 56;
const HEADER_Y = 28;
const FOOTER_GAP = 36;

export interface MinutesPdfOptions {
  /** An owner and user password: an encrypted PDF, for error tests. */
  readonly password?: string;
}

export function minutesPdf(text: string, options: MinutesPdfOptions = {}): Promise<Buffer> {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const title = lines.find((l) => /^REFERAT\s/.test(l.trim()))?.trim() ?? '';
  const body = withoutFurniture(lines, title);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: title, Producer: 'sagsspor tests' },
    ...(options.password ? { userPassword: options.password, ownerPassword: options.password, pdfVersion: '1.7' as const } : {}),
  });
  const done = collect(doc);
  doc.font('Helvetica').fontSize(FONT_SIZE);
  new Layout(doc).write(body);
  const pages = doc.bufferedPageRange().count;
  for (let i = 0; i < pages; i++) {
    doc.switchToPage(i);
    doc.text(title, MARGIN, HEADER_Y, { lineBreak: false });
    doc.text(`Side ${i + 1} af ${pages}`, MARGIN, doc.page.height - FOOTER_GAP, { lineBreak: false });
  }
  doc.end();
  return done;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** Drops repeated titles and "Side N af M" lines, and runs of blank lines down to one. */
function withoutFurniture(lines: readonly string[], title: string): string[] {
  const out: string[] = [];
  let titleSeen = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === title && titleSeen) continue;
    if (line === title) titleSeen = true;
    if (/^Side \d+ af \d+$/.test(line)) continue;
    if (line.length === 0 && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  return out;
}

const TOC_HEADING = /^indholdsfortegnelse$/i;
const TOC_ENTRY = /(?:\.{3,}|…+|\t)\s*\d{1,4}$/;

class Layout {
  private y = MARGIN;

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  write(lines: readonly string[]): void {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (TOC_HEADING.test(line)) {
        this.line(line);
        i = this.tableOfContents(lines, i + 1) - 1;
      } else if (line.length === 0) {
        this.advance();
      } else {
        for (const part of this.wrap(line)) this.line(part);
      }
    }
  }

  /** The entries after the heading, left column first; returns the index after them. */
  private tableOfContents(lines: readonly string[], from: number): number {
    let i = from;
    while (lines[i] === '') i++;
    const entries: string[] = [];
    while (i < lines.length && TOC_ENTRY.test(lines[i] ?? '')) entries.push(lines[i++] ?? '');
    this.advance();
    const half = Math.ceil(entries.length / 2);
    const column = (this.doc.page.width - 2 * MARGIN) / 2;
    for (let row = 0; row < half; row++) {
      this.room();
      this.doc.text(this.fit((entries[row] ?? '').replace(/\t/g, ' '), column - 12), MARGIN, this.y, { lineBreak: false });
      const right = entries[row + half];
      if (right !== undefined)
        this.doc.text(this.fit(right.replace(/\t/g, ' '), column - 12), MARGIN + column, this.y, { lineBreak: false });
      this.y += LINE;
    }
    return i;
  }

  private line(text: string): void {
    this.room();
    this.doc.text(text.replace(/\t/g, '    '), MARGIN, this.y, { lineBreak: false });
    this.y += LINE;
  }

  private advance(): void {
    this.y += LINE;
  }

  private room(): void {
    if (this.y + LINE > this.doc.page.height - MARGIN - LINE) {
      this.doc.addPage();
      this.y = MARGIN;
    }
  }

  /** Words onto lines no wider than the text column. */
  private wrap(line: string): string[] {
    const width = this.doc.page.width - 2 * MARGIN;
    if (this.doc.widthOfString(line) <= width) return [line];
    const out: string[] = [];
    let current = '';
    for (const word of line.split(' ')) {
      const next = current ? `${current} ${word}` : word;
      if (current && this.doc.widthOfString(next) > width) {
        out.push(current);
        current = word;
      } else {
        current = next;
      }
    }
    if (current) out.push(current);
    return out;
  }

  /** A contents entry shortened to its column: the words go, the leader and page number stay. */
  private fit(entry: string, width: number): string {
    if (this.doc.widthOfString(entry) <= width) return entry;
    const m = /^(.*?)(\s*(?:\.{3,}|…+|\t)\s*\d{1,4})$/.exec(entry);
    const [head, tail] = m ? [m[1] ?? '', m[2] ?? ''] : [entry, ''];
    let cut = head;
    while (cut.length > 1 && this.doc.widthOfString(`${cut}${tail}`) > width) cut = cut.slice(0, -1);
    return `${cut.trimEnd()}${tail}`;
  }
}

/** Pages of a PDF pdfkit wrote (its page objects are never compressed). */
export function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;
}
