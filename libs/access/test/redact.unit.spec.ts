import { CLOSED_NOTICE as EVENT_NOTICE } from '@sagsspor/integration-events';
import {
  CLOSED_NOTICE,
  redactCloudEvent,
  redactDecisionEntry,
  redactHistory,
  redactMeetingItem,
  redactSagSummary,
  redactTimelineEntry,
} from '@sagsspor/access';
import { buildHistory, type RecordedSagEvent, type SagEvent } from '@sagsspor/sag';

const SECRET = 'Køb af Hovedgaden 4 for 4 mio. kr.';
const base = {
  kommune: 'Lejre',
  sagsnummer: '24-1',
  committee: 'Økonomiudvalget',
  committeeKey: 'økonomiudvalget',
  evidence: 'direct' as const,
  supersedes: null,
  quality: [],
};

function recorded(events: SagEvent[]): RecordedSagEvent[] {
  return events.map((event, i) => ({
    event,
    provenance: { eventId: `e${i}`, revision: i, position: String(i), recordedAt: '2024-01-01T00:00:00Z', recordedBy: 'x', source: null },
  }));
}

const closedMeeting = { ...base, meetingDate: '2024-03-04', item: 9 };
const openMeeting = { ...base, meetingDate: '2024-02-05', item: 3 };
const history = buildHistory(
  recorded([
    {
      type: 'SagProposed.v2',
      data: {
        ...openMeeting,
        text: 'Orientering om status',
        title: 'Status',
        proposedBy: null,
        proposal: 'Orientering om status',
        access: 'open',
      },
    },
    { type: 'SagDecided.v2', data: { ...openMeeting, text: 'Taget til efterretning', outcome: 'noted', votes: null, absent: [] } },
    {
      type: 'SagProposed.v2',
      data: { ...closedMeeting, text: SECRET, title: SECRET, proposedBy: 'Direktionen', proposal: SECRET, access: 'closed' },
    },
    {
      type: 'SagDecided.v2',
      data: {
        ...closedMeeting,
        text: `Godkendt. ${SECRET}`,
        outcome: 'approved',
        votes: { for: ['A'], against: ['V'], abstained: [], notTakingPart: [] },
        absent: ['Anne Hansen'],
        quality: [{ document: 'oeu.pdf', line: 9, message: `wording not recognised: "${SECRET}"` }],
      },
    },
  ]),
)!;

describe('redaction of closed items', () => {
  it('says the same as integration events do', () => {
    expect(CLOSED_NOTICE).toBe(EVENT_NOTICE);
  });

  it('hides a closed treatment in a history but keeps where it went and how it ended', () => {
    const shown = redactHistory(history, false);
    expect(JSON.stringify(shown)).not.toContain('Hovedgaden');
    expect(shown.title).toBe(CLOSED_NOTICE);
    expect(shown.timeline.map((e) => [e.date, e.kind, e.outcome ?? null, e.access, e.text])).toEqual([
      ['2024-02-05', 'proposed', null, 'open', 'Orientering om status'],
      ['2024-02-05', 'decided', 'noted', 'open', 'Taget til efterretning'],
      ['2024-03-04', 'proposed', null, 'closed', CLOSED_NOTICE],
      ['2024-03-04', 'decided', 'approved', 'closed', CLOSED_NOTICE],
    ]);
    expect(redactHistory(history, true)).toBe(history);
  });

  it("drops a closed treatment's votes and absences, and hides its data-quality notes, which may quote its text", () => {
    const shown = redactHistory(history, false);
    const closed = shown.timeline[3];
    expect(closed).not.toHaveProperty('votes');
    expect(closed).not.toHaveProperty('absent');
    expect(closed).not.toHaveProperty('quality');
    expect(shown.quality).toEqual([expect.objectContaining({ message: CLOSED_NOTICE, document: 'oeu.pdf', line: 9 })]);
    expect(redactHistory(history, true).timeline[3]).toHaveProperty('votes');
  });

  it('hides the sag title when an open proposal repeats a closed title', () => {
    const repeated = { ...history, title: SECRET, access: 'open' as const };
    expect(redactHistory(repeated, false).title).toBe(CLOSED_NOTICE);
  });

  it('leaves open records and null titles alone', () => {
    const open = history.timeline[0]!;
    expect(redactTimelineEntry(open, false)).toBe(open);
    expect(redactSagSummary({ title: null, access: 'closed' as const, sagsnummer: '1' }, false).title).toBeNull();
  });

  it('redacts summaries, meeting items, decision entries and CloudEvents', () => {
    expect(redactSagSummary({ sagsnummer: '24-1', title: SECRET, access: 'closed' as const, status: 'decided' }, false)).toEqual({
      sagsnummer: '24-1',
      title: CLOSED_NOTICE,
      access: 'closed',
      status: 'decided',
    });
    expect(redactMeetingItem({ item: 9, title: SECRET, access: 'closed' as const }, false).title).toBe(CLOSED_NOTICE);
    expect(redactDecisionEntry({ title: SECRET, text: SECRET, outcome: 'approved', access: 'closed' as const }, false)).toEqual({
      title: CLOSED_NOTICE,
      text: CLOSED_NOTICE,
      outcome: 'approved',
      access: 'closed',
    });
    const event = {
      id: '1',
      type: 'dk.sagsspor.sag.proposed.v1',
      data: { title: SECRET, text: SECRET, proposal: SECRET, proposedBy: null, access: 'closed' as const, redacted: false },
    };
    expect(redactCloudEvent(event, false).data).toEqual({
      title: CLOSED_NOTICE,
      text: CLOSED_NOTICE,
      proposal: CLOSED_NOTICE,
      proposedBy: null,
      access: 'closed',
      redacted: true,
    });
    expect(redactCloudEvent(event, true)).toBe(event);
  });
});
