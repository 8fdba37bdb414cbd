import { readFileSync } from 'fs';
import * as path from 'path';
import { decodeMinutes, parseMinutes, type ParseOptions, type ParsedItem, type ParsedMinutes } from '@sagsspor/referat';

/** Invented minutes written for these tests, one per format variant. */
export const FIXTURES = path.join(__dirname, 'fixtures');

export function fixtureBytes(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, name));
}

export function fixtureText(name: string): string {
  return decodeMinutes(fixtureBytes(name));
}

export function parseFixture(name: string, opts: ParseOptions = {}): ParsedMinutes {
  return parseMinutes(fixtureText(name), { documentName: name, ...opts });
}

export function itemOf(minutes: ParsedMinutes, number: number): ParsedItem {
  const item = minutes.items.find((i) => i.number === number);
  if (!item) throw new Error(`no item ${number}; items are ${minutes.items.map((i) => i.number).join(', ')}`);
  return item;
}

/** The outcome of a classification, or its step when it is not a decision. */
export function kindOf(c: { step: string; outcome?: string }): string {
  return c.step === 'decided' ? `decided/${c.outcome ?? ''}` : c.step;
}
