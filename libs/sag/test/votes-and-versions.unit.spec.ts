import { buildHistory, decodeSagEvent, eventIdOf, type SagEvent, type Votes } from '@sagsspor/sag';
import { decided, oekonomi, proposal, proposed, sag } from './fixtures';
import { given } from './given-when-then';

const votes: Votes = { for: ['V', 'B', 'A'], against: ['O'], abstained: [], notTakingPart: [] };
const note = { document: 'oeu-2024-02-21.pdf', line: 212, message: 'decision wording not recognised' };

describe('votes, absences and data-quality notes (Sag events v2)', () => {
  it('given a proposal, when a decision with a vote and an absence is recorded, then both are kept beside the text', () => {
    const [event] = given(proposed(oekonomi))
      .when({
        type: 'DecideSag',
        data: { sag, treatment: oekonomi, outcome: 'approved', text: 'Godkendt.', votes, absent: [' Jens Olsen '], quality: [note] },
      })
      .events();
    expect(event).toEqual({
      type: 'SagDecided.v2',
      data: expect.objectContaining({ outcome: 'approved', text: 'Godkendt.', votes, absent: ['Jens Olsen'], quality: [note] }),
    });
  });

  it('given a decision recorded with its vote, when the same is recorded again, then nothing is recorded', () => {
    const command = { type: 'DecideSag', data: { sag, treatment: oekonomi, outcome: 'approved', text: 'Godkendt.', votes } } as const;
    const first = given(proposed(oekonomi)).when(command).events();
    given(proposed(oekonomi), ...first)
      .when(command)
      .thenNothingIsRecorded();
  });

  it('given a clerk recorded the decision without a vote, when minutes with the vote arrive, then the vote enriches it', () => {
    const clerk = decided(oekonomi, 'approved', 'Godkendt.');
    const [event] = given(proposed(oekonomi), clerk)
      .when({ type: 'DecideSag', data: { sag, treatment: oekonomi, outcome: 'approved', text: 'Godkendt.', votes } })
      .events();
    expect(event?.data).toMatchObject({ supersedes: eventIdOf(clerk), votes });
  });

  it('given a recorded decision, when the same comes with other data-quality notes, then nothing is recorded (notes are no fact of the treatment)', () => {
    given(proposed(oekonomi), decided(oekonomi, 'noted', 'Taget til efterretning.'))
      .when({ type: 'DecideSag', data: { sag, treatment: oekonomi, outcome: 'noted', text: 'Taget til efterretning.', quality: [note] } })
      .thenNothingIsRecorded();
  });

  it('given a v1 event from an old log, when it is decoded, then it reads as v2 with no votes, absences or notes', () => {
    const {
      quality: _q,
      votes: _v,
      absent: _a,
      ...v1data
    } = decided(oekonomi, 'approved', 'Godkendt.').data as Extract<SagEvent, { type: 'SagDecided.v2' }>['data'];
    const event = decodeSagEvent('SagDecided.v1', v1data);
    expect(event).toEqual({ type: 'SagDecided.v2', data: { ...v1data, quality: [], votes: null, absent: [] } });
    expect(eventIdOf(event as SagEvent)).toBe(eventIdOf(decided(oekonomi, 'approved', 'Godkendt.')));
    expect(decodeSagEvent('SomethingElse.v1', v1data)).toBeNull();
  });

  it('given records with notes, when the history is folded, then quality lists each note with the record it concerns', () => {
    const p = proposed(oekonomi, { ...proposal, title: 'Budget 2025' });
    const d = {
      ...decided(oekonomi, 'approved', 'Godkendt.'),
      data: { ...decided(oekonomi, 'approved', 'Godkendt.').data, quality: [note] },
    } as SagEvent;
    const history = buildHistory(
      [p, d].map((event, i) => ({
        event,
        provenance: {
          eventId: eventIdOf(event),
          revision: i,
          position: String(i),
          recordedAt: '2024-03-01T00:00:00Z',
          recordedBy: 'x',
          source: null,
        },
      })),
    );
    expect(history?.quality).toEqual([{ treatmentEventId: eventIdOf(d), ...note, access: 'open' }]);
    expect(history?.timeline.find((e) => e.kind === 'decided')?.quality).toEqual([note]);
    expect(history?.timeline.find((e) => e.kind === 'proposed')).not.toHaveProperty('quality');
  });
});
