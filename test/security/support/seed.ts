import { http } from '../../support/api-harness';

/** Words that appear only inside closed items: finding them in a response is a leak. */
export const SECRET_WORDS = ['Hovedgaden', 'forkøbsret', 'Skjoldborg'];
export const CLOSED = {
  title: 'Køb af Hovedgaden 4',
  proposedBy: 'Ejendomschef Skjoldborg',
  proposal: 'Direktionen indstiller, at kommunen udnytter sin forkøbsret til Hovedgaden 4.',
  text: 'Godkendt. Forkøbsret udnyttes for 4 mio. kr. (Hovedgaden 4)',
};
export const SAG = '/sager/Lejre/24-000987';
/** A sag with nothing but a closed item, which no test writes to: its title stays the closed one. */
export const CLOSED_SAG = '/sager/Lejre/24-000988';
export const OU = 'Økonomiudvalget';

export function leaks(body: unknown): boolean {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  return SECRET_WORDS.some((w) => text.toLowerCase().includes(w.toLowerCase()));
}

/** One sag with an open treatment, a closed one and a postponement (so genoptagelser can be recorded), and one wholly closed sag. */
export async function seedSag(url: string, headers: Record<string, string>): Promise<void> {
  const posts: Array<[string, unknown]> = [
    [
      'proposals',
      { committee: OU, meetingDate: '2024-02-05', item: 3, title: 'Status på grundkøb', proposal: 'Orientering om status', access: 'open' },
    ],
    ['decisions', { committee: OU, meetingDate: '2024-02-05', item: 3, outcome: 'postponed', text: 'Sagen genoptages på næste møde.' }],
    ['proposals', { committee: OU, meetingDate: '2024-03-04', item: 9, ...CLOSED, text: undefined, access: 'closed' }],
    ['decisions', { committee: OU, meetingDate: '2024-03-04', item: 9, outcome: 'approved', text: CLOSED.text }],
  ];
  const all: Array<[string, string, unknown]> = [
    ...posts.map(([r, b]): [string, string, unknown] => [SAG, r, b]),
    [
      CLOSED_SAG,
      'decisions',
      {
        committee: OU,
        meetingDate: '2024-03-04',
        item: 10,
        outcome: 'approved',
        text: CLOSED.text,
        proposal: { ...CLOSED, text: undefined, access: 'closed' },
      },
    ],
  ];
  for (const [sag, route, body] of all) {
    const res = await http(`${url}${sag}/${route}`, { headers, body });
    if (res.status !== 201) throw new Error(`seeding ${route}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}
