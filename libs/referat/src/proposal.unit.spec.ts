import { parseProposal, routeOf, splitBodies } from './proposal';

describe('parseProposal', () => {
  it('given "Direktionen indstiller:" and numbered points, then proposer and points are read', () => {
    const { proposal } = parseProposal([
      'Direktionen indstiller:',
      '1. at planen godkendes',
      '2. at der afsættes',
      '500.000 kr. til formålet.',
    ]);
    expect(proposal.proposedBy).toBe('Direktionen');
    expect(proposal.points).toEqual(['at planen godkendes', 'at der afsættes 500.000 kr. til formålet.']);
  });

  it('given bullets, "a)" and bold markers, then they are stripped from the points', () => {
    const { proposal } = parseProposal([
      'Formanden indstiller,',
      '- at sagen oversendes',
      'a) at **budgettet** justeres',
      '- 1. at** Oversigten godkendes.',
    ]);
    expect(proposal.points).toEqual(['at sagen oversendes', 'at budgettet justeres', 'at Oversigten godkendes.']);
  });

  it('given no "indstiller" line, then the proposer is null and points are still read', () => {
    expect(parseProposal(['1. at orienteringen tages til efterretning']).proposal).toEqual({
      proposedBy: null,
      text: '1. at orienteringen tages til efterretning',
      points: ['at orienteringen tages til efterretning'],
    });
  });

  it('given a route wrapped over two lines, then the whole route is read', () => {
    const r = parseProposal([
      'Direktionen indstiller til byrådet via børne- og familieudvalget,',
      'beskæftigelsesudvalget og økonomiudvalget:',
      '1. at planen godkendes',
    ]);
    expect(r.route).toEqual(['Børne- og familieudvalget', 'Beskæftigelsesudvalget', 'Økonomiudvalget']);
    expect(r.decidingBody).toBe('Byrådet');
  });
});

describe('routeOf', () => {
  it.each([
    ['til byrådet via økonomiudvalget', 'Byrådet', ['Økonomiudvalget']],
    ['til økonomiudvalget og byrådet', 'Byrådet', ['Økonomiudvalget']],
    ['til kommunalbestyrelsen', 'Kommunalbestyrelsen', []],
    ['til udvalget', null, []],
    ['', null, []],
  ])('given "indstiller %s", then the deciding body is %s and the route %j', (text, body, route) => {
    expect(routeOf(text)).toEqual({ decidingBody: body, route });
  });
});

describe('splitBodies', () => {
  it('given names with commas and "og" inside, then each body stays whole', () => {
    expect(splitBodies('udvalget for social, sundhed og ældre, kultur-, fritids- og idrætsudvalget og økonomiudvalget')).toEqual([
      'Udvalget for social, sundhed og ældre',
      'Kultur-, fritids- og idrætsudvalget',
      'Økonomiudvalget',
    ]);
  });
});
