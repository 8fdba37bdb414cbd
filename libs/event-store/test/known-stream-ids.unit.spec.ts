import { describe, expect, it } from '@jest/globals';
import { KnownStreamIds } from '../src/sqlite/known-stream-ids';

describe('KnownStreamIds', () => {
  const head = (revision: number, position: number): { revision: number; position: number } => ({ revision, position });

  it('knows a stream only while its newest event is the one remembered', () => {
    const known = new KnownStreamIds(8);
    known.remember('s', head(1, 7), new Set(['a', 'b']));
    expect(known.at('s', 7)).toEqual({ head: head(1, 7), ids: new Set(['a', 'b']) });
    expect(known.at('s', 9)).toBeUndefined();
    expect(known.at('t', 7)).toBeUndefined();
  });

  it('extends a stream known at the head an append found, and starts a new stream from nothing', () => {
    const known = new KnownStreamIds(8);
    known.remember('s', head(0, 1), new Set(['a']));
    known.appended('s', head(0, 1), head(2, 5), ['b', 'c']);
    known.appended('t', null, head(0, 6), ['d']);
    expect(known.at('s', 5)).toEqual({ head: head(2, 5), ids: new Set(['a', 'b', 'c']) });
    expect(known.at('t', 6)).toEqual({ head: head(0, 6), ids: new Set(['d']) });
  });

  it('learns nothing from an append to a stream it did not know at that head', () => {
    const known = new KnownStreamIds(8);
    known.remember('s', head(0, 1), new Set(['a']));
    known.appended('s', head(1, 3), head(2, 5), ['c']);
    expect(known.at('s', 5)).toBeUndefined();
    known.appended('u', head(4, 4), head(5, 9), ['e']);
    expect(known.at('u', 9)).toBeUndefined();
  });

  it('forgets the stream remembered longest ago when full', () => {
    const known = new KnownStreamIds(2);
    known.remember('a', head(0, 1), new Set(['1']));
    known.remember('b', head(0, 2), new Set(['2']));
    known.appended('a', head(0, 1), head(1, 3), ['3']);
    known.remember('c', head(0, 4), new Set(['4']));
    expect(known.at('b', 2)).toBeUndefined();
    expect(known.at('a', 3)?.ids).toEqual(new Set(['1', '3']));
    expect(known.at('c', 4)?.ids).toEqual(new Set(['4']));
  });
});
