import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { atomFeed, type FeedEntry } from '../../apps/api/src/pages/feeds/atom';

const entry = (over: Partial<FeedEntry> = {}): FeedEntry => ({
  eventId: '783984e2-15b3-5fa9-af58-8fb6b62884e2',
  kommune: 'Lejre',
  sagsnummer: '23-002657',
  sagTitle: 'Status på kvartalsplaner',
  committee: 'Økonomiudvalget',
  date: '2024-02-21',
  item: 12,
  summary: 'Taget til efterretning',
  text: 'Taget til efterretning.',
  closed: false,
  recordedAt: '2024-02-22T08:00:00.000Z',
  ...over,
});

const head = { title: 'Sag', subtitle: 'Lejre Kommune', self: 'http://x/feed.atom?kommune=Lejre&q=a', page: 'http://x/?kommune=Lejre&q=a' };

describe('Atom feeds', () => {
  it('given treatments, when written, then each is an entry with the event id as its id and a link to the sag', () => {
    const xml = atomFeed(head, [entry()], 'http://x');
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(xml).feed;
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.entry.id).toBe('urn:uuid:783984e2-15b3-5fa9-af58-8fb6b62884e2');
    expect(feed.entry.link['@_href']).toBe('http://x/sag/Lejre/23-002657');
    expect(feed.updated).toBe('2024-02-22T08:00:00.000Z');
    expect(feed.link.find((l: any) => l['@_rel'] === 'self')['@_href']).toBe('http://x/feed.atom?kommune=Lejre&q=a');
  });

  it('given markup and "]]>" in names and texts, when written, then the XML stays valid and the markup is text', () => {
    const xml = atomFeed(
      head,
      [entry({ committee: '<img src=x onerror=alert(1)>', text: 'a ]]> <script>b</script>', sagTitle: ']]>' })],
      'http://x',
    );
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<img');
    const feed = new XMLParser().parse(xml).feed;
    expect(feed.entry.title).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
