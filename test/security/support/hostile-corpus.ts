import { randomBytes } from 'node:crypto';

export interface HostileRequest {
  readonly label: string;
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Appended to the server URL as is (already encoded where meant to be). */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  /** Which key to send: most requests are from a clerk, so they reach validation rather than stop at the door. */
  readonly as?: 'clerk' | 'auditor' | 'admin' | 'none';
}

export const TARGET = '/sager/Lejre/24-000233';
const JSON_TYPE = { 'content-type': 'application/json' };
const TEXT_TYPE = { 'content-type': 'text/plain' };

const VALID = {
  committee: 'Økonomiudvalget',
  meetingDate: '2024-02-21',
  item: 12,
  title: 'Status på kvartalsplaner',
  proposal: '1. at orienteringen tages til efterretning',
};
const post = (label: string, body: string | Buffer, route = 'proposals', headers: Record<string, string> = JSON_TYPE): HostileRequest => ({
  label,
  method: 'POST',
  path: `${TARGET}/${route}`,
  headers,
  body,
});
const json = (label: string, value: unknown, route = 'proposals') => post(label, JSON.stringify(value), route);

function nested(depth: number, leaf = '"x"'): string {
  return '['.repeat(depth) + leaf + ']'.repeat(depth);
}

/**
 * At least 200 requests no API should accept: each is built so that the one
 * hostile thing in it is the only reason to refuse it.
 */
export function hostileCorpus(): HostileRequest[] {
  const corpus: HostileRequest[] = [];
  const add = (...r: HostileRequest[]) => corpus.push(...r);
  const valid = JSON.stringify(VALID);

  // Malformed and truncated JSON.
  for (let cut = 1; cut < valid.length; cut += Math.ceil(valid.length / 24)) add(post(`truncated at ${cut}`, valid.slice(0, cut)));
  for (const bad of [
    '',
    '{',
    '}',
    '{"committee":}',
    "{'committee':'x'}",
    '{"a":1,}',
    'NaN',
    'undefined',
    '{"a":01}',
    '[1,2',
    '{"a":"\\x41"}',
    '\u0000',
    '{"a":1}{"b":2}',
    'null',
    'true',
    '"just a string"',
    '12345',
  ]) {
    add(post(`malformed ${JSON.stringify(bad).slice(0, 20)}`, bad));
  }
  for (const route of ['recommendations', 'decisions', 'genoptagelser']) add(post(`truncated ${route}`, valid.slice(0, 30), route));

  // Wrong types in every field.
  for (const field of Object.keys(VALID)) {
    for (const wrong of [null, 1, true, [], {}, ['a'], -0.5]) {
      if (field === 'item' && (wrong === 1 || wrong === null)) continue; // a known item, and an unknown one (null), are both fine
      add(json(`${field} = ${JSON.stringify(wrong)}`, { ...VALID, [field]: wrong }));
    }
  }
  add(json('outcome unknown', { ...VALID, outcome: 'approved; DROP TABLE events' }, 'decisions'));
  add(json('access unknown', { ...VALID, access: 'secret' }));
  add(json('unknown field', { ...VALID, isAdmin: true }));
  add(json('recordedBy smuggled in', { ...VALID, recordedBy: 'someone else' }));

  // Huge numbers and strings.
  for (const n of ['1e400', '-1e400', '1e308', '9007199254740993', '123456789012345678901234567890', '-1', '1.5', '1e7', '0x10', '"12"']) {
    add(post(`item ${n}`, valid.replace('"item":12', `"item":${n}`)));
  }
  add(json('title of 10,000 characters', { ...VALID, title: 'T'.repeat(10_000) }));
  add(json('committee of 5,000 characters', { ...VALID, committee: 'Ø'.repeat(5_000) }));
  add(json('proposal of 200,000 characters', { ...VALID, proposal: 'p'.repeat(200_000) }));
  add(json('whitespace-only title', { ...VALID, title: ' \t\n ' }));
  for (const date of [
    '2024-02-30',
    '0000-00-00',
    '2024-2-5',
    '2024-02-05T00:00:00Z',
    '+275760-09-13',
    '20240205',
    '2024-02-05 ',
    'i morgen',
  ]) {
    add(json(`meetingDate ${date}`, { ...VALID, meetingDate: date }));
  }

  // Deep nesting.
  for (const depth of [17, 100, 10_000, 200_000]) add(post(`nested ${depth} deep`, `{"committee":${nested(depth)}}`));
  add(post('deep object', `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`));
  add(json('wide object', Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]))));

  // Prototype pollution.
  for (const body of [
    '{"__proto__":{"isAdmin":true}}',
    `{"committee":"Økonomiudvalget","meetingDate":"2024-02-21","title":"t","proposal":"p","__proto__":{"role":"admin"}}`,
    '{"constructor":{"prototype":{"isAdmin":true}}}',
    `{"committee":"x","meetingDate":"2024-02-21","title":"t","proposal":"p","constructor":{"prototype":{"polluted":1}}}`,
    '{"proposal":{"__proto__":{"polluted":1},"title":"t","proposal":"p"},"committee":"x","meetingDate":"2024-02-21","outcome":"noted","text":"t"}',
    '{"prototype":{"x":1}}',
    '[{"__proto__":{"x":1}}]',
  ]) {
    add(post(`prototype key ${body.slice(0, 30)}`, body, body.includes('outcome') ? 'decisions' : 'proposals'));
  }
  add({ label: 'prototype key in query', method: 'GET', path: `${TARGET}?__proto__[isAdmin]=true`, as: 'auditor' });
  add({ label: 'constructor in query', method: 'GET', path: `${TARGET}?constructor[prototype][x]=1`, as: 'auditor' });

  // MongoDB operators.
  for (const [field, op] of [
    ['committee', { $gt: '' }],
    ['meetingDate', { $ne: null }],
    ['title', { $regex: '.*' }],
    ['item', { $gt: 0 }],
    ['proposal', { $where: 'sleep(1000)' }],
  ] as const) {
    add(json(`operator in ${field}`, { ...VALID, [field]: op }));
  }
  add(json('operator as key', { ...VALID, $where: 'this.access == "closed"' }));
  add(json('operator in body root', { $or: [{ access: 'closed' }] }));
  for (const q of ['asOf[$gt]=', 'knownAt[$ne]=x', 'asOf=2024-01-01&asOf[$gt]=', '$where=1', 'asOf=2024-01-01&asOf=2024-02-01']) {
    add({ label: `operator in query ${q}`, method: 'GET', path: `${TARGET}?${q}`, as: 'auditor' });
  }
  for (const q of ['kommune[$gt]=', 'kommune=Lejre&$where=1', 'name[$ne]=x']) {
    add({
      label: `operator in import query ${q}`,
      method: 'POST',
      path: `/imports?${q}`,
      headers: TEXT_TYPE,
      body: 'REFERAT Økonomiudvalget\n\nPunkt 1: Test\n\n24-000001\n\nBeslutning\n\nGodkendt\n',
    });
  }

  // Control characters and invalid text.
  for (const ch of ['\u0000', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\ud800', 'a\udc00b']) {
    for (const field of ['committee', 'title', 'proposal'])
      add(json(`${JSON.stringify(ch)} in ${field}`, { ...VALID, [field]: `x${ch}y` }));
  }
  add(json('control character in a key', { ...VALID, 'ti\u0000tle': 'x' }));
  for (const bytes of [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xfe, 0xff]]) {
    add(
      post(
        `invalid UTF-8 ${Buffer.from(bytes).toString('hex')}`,
        Buffer.concat([Buffer.from(valid.slice(0, 15)), Buffer.from(bytes), Buffer.from(valid.slice(15))]),
      ),
    );
  }
  add(post('UTF-16 JSON', Buffer.from(`\ufeff${valid}`, 'utf16le')));
  for (const seg of ['24%00', '24%0A0', '%FF', '%C0%AF', '%ED%A0%80', '%E2%82', '%', '%zz', '24%1B']) {
    add({ label: `bad path ${seg}`, method: 'GET', path: `/sager/Lejre/${seg}`, as: 'clerk' });
    add({ label: `bad path ${seg} (write)`, method: 'POST', path: `/sager/Lejre/${seg}/proposals`, headers: JSON_TYPE, body: valid });
  }
  for (const q of ['asOf=%00', 'asOf=%FF', 'knownAt=%0D%0ASet-Cookie:x', 'asOf=2024-01-01%07']) {
    add({ label: `bad query ${q}`, method: 'GET', path: `${TARGET}?${q}`, as: 'auditor' });
  }
  add(post('correlation id with spaces', valid, 'proposals', { ...JSON_TYPE, 'x-correlation-id': 'a b c' }));
  add(post('correlation id too long', valid, 'proposals', { ...JSON_TYPE, 'x-correlation-id': 'a'.repeat(500) }));
  add(post('If-Match garbage', valid, 'proposals', { ...JSON_TYPE, 'if-match': '"abc"' }));
  add(post('If-Match huge', valid, 'proposals', { ...JSON_TYPE, 'if-match': '"99999999999999999999"' }));

  // Path traversal in names.
  for (const p of ['..%2F..%2Fetc%2Fpasswd', '..%5C..%5Cwindows', '%2E%2E%2F%2E%2E%2Fetc', 'a%2F..%2F..%2Fb', '.']) {
    add({ label: `traversal ${p}`, method: 'POST', path: `/sager/Lejre/${p}/proposals`, headers: JSON_TYPE, body: valid });
    add({ label: `traversal kommune ${p}`, method: 'POST', path: `/sager/${p}/24-1/proposals`, headers: JSON_TYPE, body: valid });
  }
  for (const name of ['../../etc/passwd', '..%5C..%5Cboot.ini', '%2Fetc%2Fpasswd', 'a%2Fb.txt', '..']) {
    add({
      label: `traversal in import name ${name}`,
      method: 'POST',
      path: `/imports?kommune=Lejre&name=${name}`,
      headers: TEXT_TYPE,
      body: 'REFERAT Økonomiudvalget\n\nPunkt 1: Test\n\n24-000001\n\nBeslutning\n\nGodkendt\n',
    });
  }
  add({ label: 'traversal in webhook id', method: 'DELETE', path: '/keys/..%2F..%2Faccess.sqlite', as: 'admin' });

  // Oversized bodies.
  add(post('JSON over 1 MB', JSON.stringify({ ...VALID, proposal: 'x'.repeat(1_100_000) })));
  add(post('JSON of 3 MB', Buffer.alloc(3_000_000, 0x20)));
  add({
    label: 'minutes over 5 MB',
    method: 'POST',
    path: '/imports?kommune=Lejre',
    headers: TEXT_TYPE,
    body: Buffer.alloc(5_300_000, 0x41),
  });
  add({ label: 'JSON to /imports', method: 'POST', path: '/imports', headers: JSON_TYPE, body: valid });

  // Binary and other things that are not minutes.
  const binaries: Array<[string, Buffer]> = [
    ['random bytes', randomBytes(20_000)],
    ['random bytes (small)', randomBytes(100)],
    ['PNG', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(5000)])],
    ['PDF', Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n')],
    ['gzip', Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), randomBytes(3000)])],
    ['zero bytes', Buffer.alloc(10_000)],
    ['empty', Buffer.alloc(0)],
    ['UTF-16 text', Buffer.from('\ufeffREFERAT Økonomiudvalget\nPunkt 1: x\n', 'utf16le')],
    ['JSON as minutes', Buffer.from(valid)],
    ['HTML as minutes', Buffer.from('<html><script>alert(1)</script></html>')],
    ['ELF', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), randomBytes(4000)])],
  ];
  for (const [label, bytes] of binaries)
    add({ label: `binary as minutes: ${label}`, method: 'POST', path: '/imports?kommune=Lejre', headers: TEXT_TYPE, body: bytes });
  add({
    label: 'minutes as octet-stream',
    method: 'POST',
    path: '/imports?kommune=Lejre',
    headers: { 'content-type': 'application/octet-stream' },
    body: 'REFERAT x',
  });

  // Wrong content types on JSON routes.
  for (const type of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'application/json; charset=latin1',
  ]) {
    add(
      post(
        `content-type ${type}`,
        type.startsWith('application/x-www') ? 'committee=x&meetingDate=2024-02-21&title=t&proposal=p' : valid,
        'proposals',
        { 'content-type': type },
      ),
    );
  }
  add({ label: 'no content-type', method: 'POST', path: `${TARGET}/proposals`, body: valid });

  // Hostile credentials (answered 401 before anything is read).
  for (const [label, headers] of [
    ['SQL in bearer', { authorization: "Bearer ' OR 1=1 --" }],
    ['operator as key', { 'x-api-key': '{"$gt":""}' }],
    ['basic auth', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ['huge bearer', { authorization: `Bearer ${'A'.repeat(9_000)}` }],
    ['alg none token', { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJhZG1pbiJ9.' }],
    ['key-shaped guess', { authorization: `Bearer sgk_000000000000_${'A'.repeat(43)}` }],
    ['two credentials', { authorization: 'Bearer x', 'x-api-key': 'y' }],
    ['empty bearer', { authorization: 'Bearer ' }],
  ] as const) {
    add({
      label: `credentials: ${label}`,
      method: 'POST',
      path: `${TARGET}/proposals`,
      headers: { ...JSON_TYPE, ...headers },
      body: valid,
      as: 'none',
    });
  }
  add({
    label: 'clerk creating an admin key',
    method: 'POST',
    path: '/keys',
    headers: JSON_TYPE,
    body: JSON.stringify({ name: 'me', role: 'admin' }),
  });
  add({
    label: 'key with unknown role',
    method: 'POST',
    path: '/keys',
    headers: JSON_TYPE,
    body: JSON.stringify({ name: 'me', role: 'root' }),
    as: 'admin',
  });
  add({
    label: 'key with control character in name',
    method: 'POST',
    path: '/keys',
    headers: JSON_TYPE,
    body: JSON.stringify({ name: 'me\u0000', role: 'reader' }),
    as: 'admin',
  });
  return corpus;
}
