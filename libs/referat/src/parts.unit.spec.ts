import { absenceNames } from './absence';
import { findTextDate, parseAnyDate } from './dates';
import { decisionHeading, sectionHeading } from './headings';
import { KommuneCounter } from './kommune';
import { looksLikeSagsnummer, sagsnummerLine } from './sagsnummer';
import { sameCommittee, splitPeriod } from './text';

describe('sag numbers', () => {
  it.each(['23-002657', '330-2019-57265', '19/3742', '00.01.00-I00-23-12', '15.00.00-K01-1-20'])(
    'given "%s", then it is a sag number',
    (n) => {
      expect(looksLikeSagsnummer(n)).toBe(true);
    },
  );
  it.each(['02-09-2019', '2022-2025', '2024', 'Godkendt', '12 3', 'A-23'])('given "%s", then it is not', (n) => {
    expect(looksLikeSagsnummer(n)).toBe(false);
  });
  it('given "Sagsnr.: ... Dok.nr.: ..." on one line, then both numbers are read exactly', () => {
    expect(sagsnummerLine('Sagsnr.: 00.01.00-I00-23-12 Dok.nr.: 330-2019-1')).toEqual({
      sagsnummer: '00.01.00-I00-23-12',
      documentNumber: '330-2019-1',
    });
    expect(sagsnummerLine('Dok.nr.: 330-2019-283408')).toEqual({ sagsnummer: null, documentNumber: '330-2019-283408' });
    expect(sagsnummerLine('Sagsnummeret er endnu ikke oprettet.')).toBeNull();
  });
});

describe('dates', () => {
  it('given Danish month names and numeric forms, then they become YYYY-MM-DD', () => {
    expect(findTextDate('Mandag d. 02. september 2019 kl. 12:30')).toBe('2019-09-02');
    expect(parseAnyDate('7. Februar 2024')).toBe('2024-02-07');
    expect(parseAnyDate('02/09/2019')).toBe('2019-09-02');
    expect(parseAnyDate('31-02-2024')).toBeNull();
  });
});

describe('decision headings', () => {
  it.each([
    ['Beslutning', { kind: 'plain', rest: '' }],
    ['Beslutning: Godkendt.', { kind: 'plain', rest: 'Godkendt.' }],
    [
      'Beslutning i Økonomiudvalget den 2. september 2019:',
      { kind: 'dated', committee: 'Økonomiudvalget', date: '2019-09-02', item: null, rest: '' },
    ],
    ['Beslutning Byrådet den 13-03-2024', { kind: 'dated', committee: 'Byrådet', date: '2024-03-13', item: null, rest: '' }],
    [
      'Beslutning Ældreudvalget den 29. april 2024 punkt 31:',
      { kind: 'dated', committee: 'Ældreudvalget', date: '2024-04-29', item: 31, rest: '' },
    ],
    [
      'Beslutning fra Udvalget for Job, Vækst og Erhverv, 3. juni 2024, pkt. 9:',
      { kind: 'dated', committee: 'Udvalget for Job, Vækst og Erhverv', date: '2024-06-03', item: 9, rest: '' },
    ],
    [
      'Beslutning i Byrådet den 3. juni 2024: Godkendt.',
      { kind: 'dated', committee: 'Byrådet', date: '2024-06-03', item: null, rest: 'Godkendt.' },
    ],
    ['Beslutning i Byrådet den 31. juni 2024:', { kind: 'unrecognised' }],
  ])('given "%s", then it is %j', (line, expected) => {
    expect(decisionHeading(line)).toEqual(expected);
  });
  it.each([
    'Beslutningstema',
    'Beslutningskompetence',
    'Beslutning af effektmål for ungeindsatsen (B)',
    'Beslutningen blev truffet den 2. maj 2024 efter debat',
  ])('given "%s", then it is no decision heading', (line) => {
    expect(decisionHeading(line)).toBeNull();
  });
});

describe('section headings', () => {
  it('given headings with and without colon or inline value, then they map to normalised keys', () => {
    expect(sectionHeading('Resumé')).toEqual({ key: 'resume', value: '' });
    expect(sectionHeading('Kompetence: Social- og Beskæftigelsesudvalget')).toEqual({
      key: 'beslutningskompetence',
      value: 'Social- og Beskæftigelsesudvalget',
    });
    expect(sectionHeading('Økonomiske og personalemæssige konsekvenser')).toEqual({ key: 'økonomi', value: '' });
    expect(sectionHeading('Sagens videre forløb')).toEqual({ key: 'videre forløb', value: '' });
    expect(sectionHeading('Borgerservice')).toBeNull();
  });
});

describe('absence lines', () => {
  it.each([
    ['Fraværende: Ida Holm (V), Ole Bak (A) og Per Mose', ['Ida Holm (V)', 'Ole Bak (A)', 'Per Mose']],
    ['Fraværende:', []],
    ['Afbud: Lene Friis', ['Lene Friis']],
    ['Afbud fra Lene Friis', ['Lene Friis']],
    ['Irene Dahl (F) deltog ikke under dette punkt.', ['Irene Dahl (F)']],
    ['Mette von Ahn og Kim Lund deltog ikke i behandlingen.', ['Mette von Ahn', 'Kim Lund']],
  ])('given "%s", then the names are %j', (line, names) => {
    expect(absenceNames(line)).toEqual(names);
  });
  it.each(['Fraværet i grundskolen er steget.', 'Udvalget deltog ikke i konferencen i år, men vil gerne deltage næste år.', 'Godkendt.'])(
    'given "%s", then it is no absence line',
    (line) => {
      expect(absenceNames(line)).toBeNull();
    },
  );
});

describe('committee names', () => {
  it('given periods in various forms, then they are split off', () => {
    expect(splitPeriod('Udvalget for Social, Sundhed og Ældre - 2022 - 2025')).toEqual({
      name: 'Udvalget for Social, Sundhed og Ældre',
      period: '2022-2025',
    });
    expect(splitPeriod('Social- og Beskæftigelsesudvalget (2018-2021)')).toEqual({
      name: 'Social- og Beskæftigelsesudvalget',
      period: '2018-2021',
    });
    expect(splitPeriod('Økonomiudvalget')).toEqual({ name: 'Økonomiudvalget', period: null });
  });
  it('given spellings of the same committee, then they are the same', () => {
    expect(sameCommittee('Social og Beskæftigelsesudvalget', 'Social- og Beskæftigelsesudvalget')).toBe(true);
    expect(
      sameCommittee('Udvalget for Job, Arbejdsmarked & Integration', 'Udvalget for Job, Arbejdsmarked og Integration - 2022-2025'),
    ).toBe(true);
    expect(sameCommittee('Økonomiudvalg', 'Økonomiudvalget')).toBe(true);
    expect(sameCommittee('Økonomiudvalget', 'Byrådet')).toBe(false);
  });
});

describe('kommune', () => {
  it('given a text naming kommuner, then the most frequent real name wins and genitive forms count', () => {
    const counter = new KommuneCounter();
    for (const line of ['Lejre Kommunes pris', 'Denne Kommune', 'Roskilde Kommune', 'i Lejre Kommune', 'Høje-Taastrup Kommune'])
      counter.add(line);
    expect(counter.best()).toBe('Lejre');
  });
});
