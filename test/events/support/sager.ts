import { http } from '../../support/api-harness';

export interface Treatment {
  readonly committee: string;
  readonly meetingDate: string;
  readonly item?: number;
}

export const proposal = { title: 'Status på kvartalsplaner', proposedBy: 'Direktionen', proposal: '1. at udvalget godkender planen' };

/** Records a decision with its proposal inline: two events (proposed, decided). Returns their ids. */
export async function recordDecision(
  api: string,
  sag: string,
  treatment: Treatment,
  extra: { text?: string; access?: 'open' | 'closed' } = {},
  headers: Record<string, string> = {},
): Promise<string[]> {
  const body = {
    ...treatment,
    outcome: 'noted',
    text: extra.text ?? 'Taget til efterretning',
    proposal: { ...proposal, access: extra.access ?? 'open' },
  };
  const res = await http(`${api}${sag}/decisions`, { body, headers });
  if (res.status !== 201) throw new Error(`recording failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.eventIds as string[];
}

/** The n-th monthly meeting of a committee in 2024: distinct treatments of one standing sag. */
export const meeting = (committee: string, n: number): Treatment => ({
  committee,
  meetingDate: `2024-${String((n % 12) + 1).padStart(2, '0')}-${String(Math.floor(n / 12) + 1).padStart(2, '0')}`,
  item: n + 1,
});
