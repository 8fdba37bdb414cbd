import { itemOf, kindOf, parseFixture } from './fixtures';

describe('given Slagelse-style minutes ("Beslutning i <udvalg> den D. måned ÅÅÅÅ:", Sagsnr./Dok.nr. lines)', () => {
  const minutes = parseFixture('slagelse-style.txt');

  it('then the period in parentheses is split off and the lone "d. DD-MM-YYYY" agrees with Mødedato', () => {
    expect(minutes.committee).toEqual({ name: 'Børne- og Familieudvalget', period: '2018-2021' });
    expect(minutes.meeting.date).toBe('2019-10-14');
    expect(minutes.meeting.time).toBe('15:00');
    expect(minutes.warnings).toEqual([]);
  });

  it('then a place wrapped onto the next line is joined, and header "Afbud:" names the absent', () => {
    expect(minutes.meeting.place).toBe('Rådhuset, Torvet 1, 6900 Højmark, mødelokale 2');
    expect(minutes.meeting.absent).toEqual(['Kirsten Lund (A)']);
    expect(minutes.kommune).toBe('Højmark');
  });

  it('then "Sagsnr.:" and "Dok.nr.:" are read on separate lines and on one line', () => {
    expect(itemOf(minutes, 1)).toEqual(expect.objectContaining({ sagsnummer: '330-2019-71102', documentNumber: '330-2019-402211' }));
    expect(itemOf(minutes, 2)).toEqual(expect.objectContaining({ sagsnummer: '330-2019-55410', documentNumber: '330-2019-398870' }));
  });

  it('then "Kompetence:" gives the deciding body with or without the value on the same line', () => {
    expect(itemOf(minutes, 1).decidingBody).toBe('Børne- og Familieudvalget');
    expect(itemOf(minutes, 2).decidingBody).toBe('Børne- og Familieudvalget');
  });

  it('then the dated decision of this committee at this meeting is current, with absences lifted out', () => {
    expect(itemOf(minutes, 1).decisions).toEqual([
      expect.objectContaining({
        committee: 'Børne- og Familieudvalget',
        date: '2019-10-14',
        item: 1,
        current: true,
        text: 'Godkendt.',
        absent: ['Kirsten Lund (A)'],
      }),
    ]);
    expect(itemOf(minutes, 3).decisions[0]?.absent).toEqual(['Kirsten Lund (A)', 'Per Holm (V)']);
    expect(itemOf(minutes, 2).decisions[0]?.text).toBe('Orienteringen taget til efterretning.');
  });

  it('then an item resumed after postponement has both blocks: the earlier postponed, this meeting decided', () => {
    const [earlier, now] = itemOf(minutes, 4).decisions;
    expect(earlier).toEqual(expect.objectContaining({ date: '2019-09-09', item: null, current: false, absent: ['Per Holm (V)'] }));
    expect(kindOf(earlier!.classification)).toBe('decided/postponed');
    expect(now).toEqual(expect.objectContaining({ date: '2019-10-14', item: 4, current: true }));
    expect(kindOf(now!.classification)).toBe('decided/approved');
  });

  it('then attachments listed with wrapped or leading document numbers are titles, once each', () => {
    expect(itemOf(minutes, 2).attachments).toEqual(['Status dagtilbud - september 2019']);
    expect(itemOf(minutes, 4).attachments).toEqual(['Høringsmateriale SFO']);
  });

  it('then the repeated "N. <title>" line is not section text, and "Lukket" closes the item', () => {
    expect(itemOf(minutes, 1).sections['sagsfremstilling'] ?? '').not.toContain('Godkendelse af dagsorden');
    expect(itemOf(minutes, 5).access).toBe('closed');
    expect(kindOf(itemOf(minutes, 5).decisions[0]!.classification)).toBe('decided/rejected');
  });

  it('then proposals with "<proposer> indstiller," are read', () => {
    expect(itemOf(minutes, 3).proposal).toEqual({
      proposedBy: 'Børne- og Familiedirektøren',
      text: 'Børne- og Familiedirektøren indstiller,\n1. at udvalget drøfter budgetopfølgningen.',
      points: ['at udvalget drøfter budgetopfølgningen.'],
    });
  });
});
