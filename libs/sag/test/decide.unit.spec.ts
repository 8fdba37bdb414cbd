import { committeePeriod, eventIdOf, identityProblem, sagStreamName, type SagEvent } from '@sagsspor/sag';
import { decided, oekonomi, proposal, proposed, recommended, sag, social, superseding } from './fixtures';
import { given } from './given-when-then';

describe('Sag decider', () => {
  describe('proposing', () => {
    it('records a proposal to a committee', () => {
      given()
        .when({ type: 'ProposeSag', data: { sag, treatment: social, proposal } })
        .then([proposed(social)]);
    });

    it('keeps the committee as given and keys it without period, in lower case, with & read as og', () => {
      const [event] = given()
        .when({ type: 'ProposeSag', data: { sag, treatment: social, proposal } })
        .events();
      expect(event?.data.committee).toBe('Social, Sundhed & Ældre - 2022-2025');
      expect(event?.data.committeeKey).toBe('social, sundhed og ældre');
    });

    it.each([
      ['Udvalget for Job, Arbejdsmarked og Integration - 2022-2025', '2022-2025'],
      ['Social- og Beskæftigelsesudvalget (2018-2021)', '2018-2021'],
      ['Udvalget for Social, Sundhed og Ældre - 2022 - 2025', '2022-2025'],
      ['Økonomiudvalget', null],
    ])('reads the electoral period of %s', (name, period) => {
      expect(committeePeriod(name)).toBe(period);
    });

    it('names the kommune without a trailing " Kommune" and keeps the sag number exactly', () => {
      const odd = { kommune: 'Randers Kommune', sagsnummer: '00.01.00-I00-23-12' };
      const [event] = given()
        .when({ type: 'ProposeSag', data: { sag: odd, treatment: social, proposal } })
        .events();
      expect(event?.data).toMatchObject({ kommune: 'Randers', sagsnummer: '00.01.00-I00-23-12' });
    });
  });

  describe('recommending and deciding', () => {
    it('needs the sag to have been proposed to that committee for that meeting', () => {
      given(proposed(oekonomi))
        .when({ type: 'RecommendSag', data: { sag, treatment: social, recommendedTo: 'Økonomiudvalget', text: 'Anbefales' } })
        .thenFailsWith('sag.not-proposed');
    });

    it('accepts a recommendation after the proposal', () => {
      given(proposed(social))
        .when({ type: 'RecommendSag', data: { sag, treatment: social, recommendedTo: 'Økonomiudvalget', text: 'Indstillingen anbefales' } })
        .then([recommended(social, 'Økonomiudvalget')]);
    });

    it('records proposal and outcome from one command that carries the proposal', () => {
      given()
        .when({ type: 'DecideSag', data: { sag, treatment: oekonomi, outcome: 'approved', text: 'Godkendt', proposal } })
        .then([proposed(oekonomi), decided(oekonomi, 'approved', 'Godkendt')]);
    });

    it('matches a proposal with an unknown item number to the treatment', () => {
      const noItem = { ...social, item: null };
      given(proposed(noItem))
        .when({ type: 'DecideSag', data: { sag, treatment: social, outcome: 'noted', text: 'Taget til efterretning' } })
        .then([decided(social, 'noted', 'Taget til efterretning')]);
    });

    it('treats two items of the same meeting as two treatments', () => {
      const other = { ...social, item: 9 };
      given(proposed(social))
        .when({ type: 'DecideSag', data: { sag, treatment: other, outcome: 'noted', text: 'Taget til efterretning' } })
        .thenFailsWith('sag.not-proposed');
    });

    it('never rejects a treatment for arriving out of date order', () => {
      const earlier = { ...social, meetingDate: '2023-11-01' };
      given(proposed(oekonomi), decided(oekonomi, 'approved', 'Godkendt'))
        .when({ type: 'DecideSag', data: { sag, treatment: earlier, outcome: 'discussed', text: 'Drøftet', proposal } })
        .then([proposed(earlier), decided(earlier, 'discussed', 'Drøftet')]);
    });
  });

  describe('recording the same treatment again', () => {
    const history = [proposed(social), recommended(social, 'Økonomiudvalget')];

    it('appends nothing for an identical repeat', () => {
      given(...history)
        .when({
          type: 'RecommendSag',
          data: { sag, treatment: social, recommendedTo: 'Økonomiudvalget', text: 'Indstillingen anbefales', proposal },
        })
        .thenNothingIsRecorded();
    });

    it('is a conflict when the content differs, with both versions and how to correct instead in the error', () => {
      const run = given(...history).when({
        type: 'RecommendSag',
        data: { sag, treatment: social, recommendedTo: 'Byrådet', text: 'Indstillingen anbefales' },
      }).events;
      expect(run).toThrow(
        expect.objectContaining({
          code: 'sag.treatment-conflict',
          extensions: {
            existing: expect.objectContaining({ recommendedTo: 'Økonomiudvalget' }),
            attempted: expect.objectContaining({ recommendedTo: 'Byrådet' }),
            correct: expect.objectContaining({ method: 'POST', href: '/sager/Lejre/23-002657/corrections' }),
          },
        }) as unknown as Error,
      );
    });

    it('enriches a record that lacked the item number', () => {
      const noItem = { ...social, item: null };
      const old = decided(noItem, 'noted', 'Taget til efterretning');
      given(proposed(noItem), old)
        .when({ type: 'DecideSag', data: { sag, treatment: social, outcome: 'noted', text: 'Taget til efterretning', proposal } })
        .then([superseding(proposed(social), proposed(noItem)), superseding(decided(social, 'noted', 'Taget til efterretning'), old)]);
    });

    it("lets the committee's own minutes replace what another body's document said", () => {
      const ref = { ...oekonomi, item: null, evidence: 'reference' as const };
      const refProposal = { title: proposal.title, proposal: '' };
      const oldDecision = decided(ref, 'approved', 'Godkendt.');
      const events = given(proposed(ref, refProposal), oldDecision)
        .when({ type: 'DecideSag', data: { sag, treatment: oekonomi, outcome: 'approved', text: 'Godkendt med bemærkning', proposal } })
        .events();
      expect(events.map((e) => [e.type, e.data.evidence, e.data.item])).toEqual([
        ['SagProposed.v2', 'direct', 12],
        ['SagDecided.v2', 'direct', 12],
      ]);
      expect(events[1]?.data.supersedes).toBe(eventIdOf(oldDecision));
    });

    it('ignores a reference to a treatment already known from the committee itself', () => {
      const ref = { ...oekonomi, evidence: 'reference' as const };
      given(proposed(oekonomi), decided(oekonomi, 'approved', 'Godkendt'))
        .when({
          type: 'DecideSag',
          data: { sag, treatment: ref, outcome: 'approved', text: 'Godkendt.', proposal: { title: 'x', proposal: '' } },
        })
        .thenNothingIsRecorded();
    });

    it('ends in the same record whichever of two differing references arrives first', () => {
      const ref = { ...oekonomi, item: null, evidence: 'reference' as const };
      const p = { title: proposal.title, proposal: '' };
      const cmd = (text: string) => ({
        type: 'DecideSag' as const,
        data: { sag, treatment: ref, outcome: 'approved' as const, text, proposal: p },
      });
      const finalText = (first: string, second: string) => {
        const firstEvents = given().when(cmd(first)).events();
        const secondEvents = given(...firstEvents)
          .when(cmd(second))
          .events();
        const all: SagEvent[] = [...firstEvents, ...secondEvents];
        return all
          .filter((e) => e.type === 'SagDecided.v2')
          .map((e) => e.data.text)
          .pop();
      };
      expect(finalText('Godkendt', 'Indstillingen godkendt')).toBe(finalText('Indstillingen godkendt', 'Godkendt'));
    });
  });

  describe('genoptaget', () => {
    const august = { committee: 'Social- og Beskæftigelsesudvalget', meetingDate: '2019-08-12', item: 7 };
    const september = { ...august, meetingDate: '2019-09-02', item: 9 };

    it('needs an earlier postponed treatment', () => {
      given(proposed(august), decided(august, 'noted', 'Taget til efterretning'))
        .when({ type: 'GenoptagSag', data: { sag, treatment: september, reason: 'Sagen genoptages' } })
        .thenFailsWith('sag.nothing-to-resume');
    });

    it('resumes the latest earlier postponed treatment and names it', () => {
      const [event] = given(proposed(august), decided(august, 'postponed', 'Sagen genoptages på næste møde'))
        .when({ type: 'GenoptagSag', data: { sag, treatment: september, reason: 'Sagen genoptages' } })
        .events();
      expect(event).toMatchObject({
        type: 'SagGenoptaget.v2',
        data: { meetingDate: '2019-09-02', reason: 'Sagen genoptages', resumes: { meetingDate: '2019-08-12', item: 7 } },
      });
    });

    it('does not resume a postponement of a later meeting', () => {
      given(proposed(september), decided(september, 'postponed', 'Udsat'))
        .when({ type: 'GenoptagSag', data: { sag, treatment: august, reason: 'Genoptaget' } })
        .thenFailsWith('sag.nothing-to-resume');
    });

    it('fails when the named date has no postponed treatment', () => {
      given(proposed(august), decided(august, 'postponed', 'Udsat'))
        .when({ type: 'GenoptagSag', data: { sag, treatment: september, reason: 'Genoptaget', resumes: '2019-08-13' } })
        .thenFailsWith('sag.nothing-to-resume');
    });
  });

  describe('invalid commands', () => {
    it.each([
      ['an impossible date', { ...social, meetingDate: '2024-02-30' }],
      ['a date in another format', { ...social, meetingDate: '05-02-2024' }],
      ['an empty committee', { ...social, committee: '  ' }],
      ['a negative item', { ...social, item: -1 }],
      ['a fractional item', { ...social, item: 1.5 }],
    ])('rejects %s', (_what, treatment) => {
      given().when({ type: 'ProposeSag', data: { sag, treatment, proposal } }).thenFailsWith('sag.invalid-command');
    });

    it('rejects an unknown outcome', () => {
      given(proposed(social))
        .when({ type: 'DecideSag', data: { sag, treatment: social, outcome: 'maybe' as never, text: 'Hm' } })
        .thenFailsWith('sag.invalid-command');
    });

    it('rejects an empty sag number and an empty kommune', () => {
      given()
        .when({ type: 'ProposeSag', data: { sag: { ...sag, sagsnummer: '' }, treatment: social, proposal } })
        .thenFailsWith('sag.invalid-command');
      given()
        .when({ type: 'ProposeSag', data: { sag: { ...sag, kommune: ' Kommune ' }, treatment: social, proposal } })
        .thenFailsWith('sag.invalid-command');
    });
  });

  describe('names that identify', () => {
    it('gives two sager two streams wherever the ":" falls', () => {
      expect(sagStreamName({ kommune: 'Kx:y', sagsnummer: 'z' })).not.toBe(sagStreamName({ kommune: 'Kx', sagsnummer: 'y:z' }));
      expect(sagStreamName({ kommune: 'Kx%3Ay', sagsnummer: 'z' })).not.toBe(sagStreamName({ kommune: 'Kx:y', sagsnummer: 'z' }));
      expect(sagStreamName({ kommune: 'Lejre Kommune', sagsnummer: '19/3742' })).toBe('sag-lejre:19/3742');
    });

    it.each([
      ['NFD', { kommune: 'Sørø'.normalize('NFD'), sagsnummer: '24-000301' }],
      ['zero-width characters', { kommune: 'Sø\u200brø', sagsnummer: '24-\u200d000301\ufeff' }],
      ['fullwidth and Arabic-Indic digits', { kommune: 'Sørø', sagsnummer: '２٤-000301' }],
      ['hyphen look-alikes', { kommune: 'Sørø', sagsnummer: '24\u2010000301' }],
      ['a minus sign', { kommune: 'Sørø', sagsnummer: '24\u2212000301' }],
    ])('reads a name with %s as the same sag', (_, id) => {
      expect(sagStreamName(id)).toBe(sagStreamName({ kommune: 'Sørø', sagsnummer: '24-000301' }));
    });

    it('records the normal form and reads text in NFD as the same content', () => {
      const nfd = { ...proposal, title: proposal.title.normalize('NFD'), proposal: proposal.proposal.normalize('NFD') };
      given(proposed(social))
        .when({
          type: 'ProposeSag',
          data: {
            sag: { ...sag, sagsnummer: '２3\u2010002657' },
            treatment: { ...social, committee: social.committee.normalize('NFD') },
            proposal: nfd,
          },
        })
        .thenNothingIsRecorded();
    });

    it.each([
      ['a bidi override', 'sagsnummer', '23-00\u202e2657'],
      ['only a slash', 'sagsnummer', '/'],
      ['101 characters', 'kommune', 'K'.repeat(101)],
      ['a right-to-left mark', 'committee', 'Økonomiudvalget\u200f'],
    ] as const)('refuses a name with %s', (_, kind, value) => {
      expect(identityProblem(kind, value)).toEqual(expect.any(String));
    });

    it('refuses item 0', () => {
      given()
        .when({ type: 'ProposeSag', data: { sag, treatment: { ...social, item: 0 }, proposal } })
        .thenFailsWith('sag.invalid-command');
    });
  });

  describe('closed treatments and callers without closed access', () => {
    const closed = { ...proposal, access: 'closed' as const };
    it('answers a repeat, an enrichment and a contradiction alike, so no guess is confirmed', () => {
      const history = proposed(social, closed);
      for (const attempt of [closed, { ...closed, proposal: 'Noget andet' }, { ...closed, proposedBy: null }]) {
        given(history)
          .when({ type: 'ProposeSag', closedAccess: false, data: { sag, treatment: social, proposal: attempt } })
          .thenFailsWith('sag.treatment-closed');
      }
      given(history)
        .when({ type: 'ProposeSag', closedAccess: true, data: { sag, treatment: social, proposal: closed } })
        .thenNothingIsRecorded();
    });

    it('still lets the caller record a step not yet recorded', () => {
      given(proposed(social, closed))
        .when({ type: 'DecideSag', closedAccess: false, data: { sag, treatment: social, outcome: 'approved', text: 'Godkendt' } })
        .then([decided(social, 'approved', 'Godkendt')]);
    });
  });
});
