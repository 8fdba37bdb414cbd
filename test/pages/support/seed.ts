/**
 * Sager for the page tests, written by us (no published minutes): one sag
 * through three committees, a closed item, a postponed and resumed sag, a
 * sag with a planned route, and names that carry markup. Recorded over HTTP as a clerk would.
 */
export const KOMMUNE = 'Lejre';
export const MAIN_SAG = '23-002657';
export const CLOSED_SAG = '24-000111';
export const POSTPONED_SAG = '24-000222';
/** Planned through two committees and decided in a third: one visited so far. */
export const ROUTED_SAG = '24-000333';
export const HOSTILE_SAG = '<script>alert("sag")</script>';
export const HOSTILE_COMMITTEE = '<img src=x onerror=alert(1)>udvalget';

export const SOCIAL = 'Udvalget for Social, Sundhed & Ældre - 2022-2025';
export const JOB = 'Udvalget for Job, Arbejdsmarked og Integration';
export const OEKONOMI = 'Økonomiudvalget';
export const CLOSED_TEXT = 'Salg af grunden til den højestbydende køber.';

type Body = Record<string, unknown>;

export async function seedPages(url: string, headers: Record<string, string> = {}): Promise<void> {
  const post = async (sag: string, what: string, body: Body) => {
    const res = await fetch(`${url}/sager/${encodeURIComponent(KOMMUNE)}/${encodeURIComponent(sag)}/${what}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (res.status !== 201 && res.status !== 200) throw new Error(`${what} ${sag}: ${res.status} ${await res.text()}`);
  };
  const put = async (sag: string, what: string, body: Body) => {
    const res = await fetch(`${url}/sager/${encodeURIComponent(KOMMUNE)}/${encodeURIComponent(sag)}/${what}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (res.status !== 201 && res.status !== 200) throw new Error(`${what} ${sag}: ${res.status} ${await res.text()}`);
  };
  const proposal = { title: 'Status på kvartalsplaner', proposal: '1. at orienteringen tages til efterretning' };
  // Recorded out of date order on purpose: the page orders by meeting date.
  await post(MAIN_SAG, 'decisions', {
    committee: OEKONOMI,
    meetingDate: '2024-02-21',
    item: 12,
    outcome: 'noted',
    text: 'Taget til efterretning.',
    proposal,
  });
  await post(MAIN_SAG, 'proposals', {
    committee: SOCIAL,
    meetingDate: '2024-02-05',
    item: 4,
    ...proposal,
    proposedBy: 'Direktionen',
  });
  await post(MAIN_SAG, 'recommendations', {
    committee: SOCIAL,
    meetingDate: '2024-02-05',
    item: 4,
    recommendedTo: OEKONOMI,
    text: 'Indstillingen anbefales.',
  });
  await post(MAIN_SAG, 'recommendations', {
    committee: JOB,
    meetingDate: '2024-02-07',
    item: 7,
    recommendedTo: OEKONOMI,
    text: 'Indstillingen anbefales.',
    proposal,
  });
  await post(CLOSED_SAG, 'decisions', {
    committee: OEKONOMI,
    meetingDate: '2024-03-13',
    item: 20,
    outcome: 'approved',
    text: CLOSED_TEXT,
    proposal: { title: 'Salg af byggegrund på Hovedgaden', proposal: '1. at grunden sælges', access: 'closed' },
  });
  await post(POSTPONED_SAG, 'decisions', {
    committee: JOB,
    meetingDate: '2024-01-10',
    item: 3,
    outcome: 'postponed',
    text: 'Sagen genoptages på næste møde.',
    proposal: { title: 'Ny beskæftigelsesplan', proposal: '1. at planen godkendes' },
  });
  await post(POSTPONED_SAG, 'genoptagelser', {
    committee: JOB,
    meetingDate: '2024-02-07',
    item: 2,
    reason: 'Udsat fra mødet i januar.',
    resumes: '2024-01-10',
    proposal: { title: 'Ny beskæftigelsesplan', proposal: '1. at planen godkendes' },
  });
  await post(POSTPONED_SAG, 'decisions', {
    committee: JOB,
    meetingDate: '2024-02-07',
    item: 2,
    outcome: 'approved',
    text: 'Godkendt.',
  });
  await post(ROUTED_SAG, 'recommendations', {
    committee: SOCIAL,
    meetingDate: '2024-03-04',
    item: 9,
    recommendedTo: JOB,
    text: 'Indstillingen anbefales.',
    proposal: { title: 'Plan for ældreboliger', proposal: '1. at planen anbefales' },
  });
  await put(ROUTED_SAG, 'route', {
    via: [SOCIAL, JOB],
    decidingBody: OEKONOMI,
    reason: 'Behandles i to fagudvalg og afgøres i Økonomiudvalget',
  });
  await post(HOSTILE_SAG, 'decisions', {
    committee: HOSTILE_COMMITTEE,
    meetingDate: '2024-04-02',
    item: 1,
    outcome: 'discussed',
    text: '<b>Drøftet</b> <script>alert("tekst")</script>',
    proposal: { title: '<svg onload=alert(2)>Titel', proposal: '1. at <i>sagen</i> drøftes' },
  });
}
