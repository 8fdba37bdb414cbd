import { canonicalJson } from '../src/canonical-json';
import { chainHash } from '../src/hash-chain';
import { leafOf } from '../src/checkpoints/log-chain';

/**
 * Stored logs were hashed by earlier builds: the expected strings and
 * digests below were computed by them, so a faster encoder or hash call must
 * reproduce them byte for byte, or every existing log stops verifying.
 */
describe('canonicalJson', () => {
  it('given members in any order, nested, with undefined, escapes and non-ASCII keys, when encoded, then the bytes the earlier builds hashed', () => {
    const value = {
      z: 1,
      a: [3, undefined, { y: null, b: 'Ø"\\\n', c: undefined }],
      é: true,
      A: -0.5,
      m: {},
      n: [],
      e: '\u2028',
    };
    expect(canonicalJson(value)).toBe('{"A":-0.5,"a":[3,null,{"b":"Ø\\"\\\\\\n","y":null}],"e":"\u2028","m":{},"n":[],"z":1,"é":true}');
  });

  it('given the same members built in another order, when encoded, then the same string', () => {
    const built = { source: { sha256: 'ab', kind: 'import' }, recordedBy: 'x', eventId: 'e' };
    const reordered = { eventId: 'e', recordedBy: 'x', source: { kind: 'import', sha256: 'ab' } };
    expect(canonicalJson(built)).toBe(canonicalJson(reordered));
  });

  it('given scalars, when encoded, then as JSON.stringify writes them, undefined as null', () => {
    expect([null, true, 0, 'ø', undefined].map(canonicalJson)).toEqual(['null', 'true', '0', '"ø"', 'null']);
  });

  it('given any value, when encoded and parsed back, then the value without its undefined members', () => {
    const value = { b: [1, { d: 'x', c: [true, null] }], a: { f: undefined, e: 'Økonomiudvalget' } };
    expect(JSON.parse(canonicalJson(value))).toEqual({ a: { e: 'Økonomiudvalget' }, b: [1, { c: [true, null], d: 'x' }] });
  });
});

describe('hashes over canonical JSON', () => {
  const event = {
    streamName: 'sag-lejre:19/3001',
    revision: 2,
    type: 'SagDecided.v1',
    data: { sagsnummer: '19/3001', vote: { for: 7, against: 2 }, title: 'Anlægsbevilling' },
    metadata: {
      eventId: 'e1',
      recordedAt: '2024-03-05T10:15:00.000Z',
      source: { kind: 'api' },
      prevHash: 'a'.repeat(64),
      hash: 'left out of its own hash',
    },
  };

  it('given a stored event, when its chain hash is computed, then the digest earlier builds stored', () => {
    expect(chainHash('a'.repeat(64), event)).toBe('581a466b7936f13fcb7bc6099bfd584585eb6438b716d2c7395a895de79a716d');
  });

  it('given a stored event, when its checkpoint leaf is computed, then the digest earlier builds stored', () => {
    expect(leafOf({ ...event, position: 41n }).hash).toBe('69c9955f4a961a4bdf1809f57b1f5bae6f3f19f73ef24b1db6f49166bd9ffd75');
  });
});
