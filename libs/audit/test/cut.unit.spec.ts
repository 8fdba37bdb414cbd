import { describeKnownAt, parseAsOf, parseCut, parseKnownAt } from '../src/cut';
import { InvalidCutError } from '../src/errors';

describe('parseCut', () => {
  it('leaves absent parameters uncut', () => {
    expect(parseCut({})).toEqual({ asOf: null, knownAt: null });
  });

  it('takes asOf as a real calendar date', () => {
    expect(parseAsOf('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2024-13-01', '05-02-2024', '2024-2-5', '2024-02-05T00:00:00Z', '', 'i går']) {
      expect(() => parseAsOf(bad)).toThrow(InvalidCutError);
    }
  });

  it('takes a bare whole number as a global position', () => {
    expect(parseKnownAt('42')).toEqual({ kind: 'position', position: 42n });
    expect(parseKnownAt('0')).toEqual({ kind: 'position', position: 0n });
    expect(parseKnownAt('9223372036854775807')).toEqual({ kind: 'position', position: 2n ** 63n - 1n });
    expect(() => parseKnownAt('9223372036854775808')).toThrow(/beyond/);
    for (const bad of ['-1', '1.5', '1e3', '0x10', '12a']) expect(() => parseKnownAt(bad)).toThrow(InvalidCutError);
  });

  it('takes instants in UTC or with an offset, to the millisecond', () => {
    const at = (raw: string) => describeKnownAt(parseKnownAt(raw));
    expect(at('2024-02-07T12:00:00Z')).toBe('2024-02-07T12:00:00.000Z');
    expect(at('2024-02-07T13:00:00+01:00')).toBe('2024-02-07T12:00:00.000Z');
    expect(at('2024-02-07T08:30-03:30')).toBe('2024-02-07T12:00:00.000Z');
    expect(at('2024-02-07t12:00:00.1234567z')).toBe('2024-02-07T12:00:00.123Z');
    expect(at('2024-03-31T02:30:00+02:00')).toBe('2024-03-31T00:30:00.000Z');
  });

  it('refuses a time without a zone as ambiguous, and says why', () => {
    expect(() => parseKnownAt('2024-02-07T12:00:00')).toThrow(/no time zone/);
    expect(() => parseKnownAt('2024-02-07')).toThrow(/date alone is ambiguous/);
  });

  it('refuses impossible dates, times and offsets', () => {
    for (const bad of [
      '2024-02-30T12:00:00Z',
      '2024-02-07T24:00:00Z',
      '2024-02-07T12:60:00Z',
      '2024-12-31T23:59:60Z',
      '2024-02-07T12:00:00+24:00',
      '2024-02-07T12:00:00+0100',
      '2024-02-07 12:00:00Z',
      'yesterday',
    ]) {
      expect(() => parseKnownAt(bad)).toThrow(InvalidCutError);
    }
  });

  it('names the parameter in the error for the problem document', () => {
    try {
      parseCut({ knownAt: 'soon' });
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toMatchObject({ code: 'audit.invalid-cut', kind: 'invalid', extensions: { parameter: 'knownAt' } });
    }
  });
});
