import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { keepAliveAgents, NetworkTargetPolicy, post, targetRefusal, webhookOptionsFromEnv } from '../src';

describe('webhook targets', () => {
  const defaults = new NetworkTargetPolicy();

  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '::1',
    '0.0.0.0',
    '::',
    '169.254.169.254',
    'fe80::1',
    '224.0.0.1',
    'ff02::1',
    '255.255.255.255',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '[::ffff:a9fe:a9fe]',
    'fd00:ec2::254',
  ])('refuses %s by default', (address) => {
    expect(defaults.refusal(address)).toEqual(expect.any(String));
  });

  it.each(['10.1.2.3', '172.16.0.5', '192.168.1.10', 'fd12:3456::1', '93.184.216.34', '2606:2800:220:1::248'])(
    'allows %s (private networks are where internal services live)',
    (address) => {
      expect(defaults.refusal(address)).toBeNull();
    },
  );

  it.each([
    ['http://2130706433/', 'integer'],
    ['http://0177.0.0.1/', 'octal'],
    ['http://0x7f.1/', 'hexadecimal, short'],
    ['http://[::ffff:127.0.0.1]:2113/', 'IPv4-mapped IPv6'],
    ['http://169.254.169.254/latest/meta-data/', 'cloud metadata'],
    ['http://localhost/', 'a name resolving to loopback'],
  ])('refuses %s (%s) at registration', async (url) => {
    expect(await targetRefusal(new URL(url), defaults)).toEqual(expect.any(String));
  });

  it('narrows with denied networks and widens with allowed ones; a denied network wins', () => {
    const policy = new NetworkTargetPolicy({ allowed: ['127.0.0.0/8'], denied: ['10.0.0.0/8', '127.0.0.2'] });
    expect(policy.refusal('127.0.0.1')).toBeNull();
    expect(policy.refusal('::ffff:127.0.0.1')).toBeNull();
    expect(policy.refusal('127.0.0.2')).toMatch(/DENIED/);
    expect(policy.refusal('10.9.8.7')).toMatch(/DENIED/);
    expect(policy.refusal('::1')).toMatch(/loopback/);
  });

  it('refuses settings that are not networks', () => {
    expect(() => webhookOptionsFromEnv({ SAGSSPOR_WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/33' })).toThrow(/ALLOWED_NETWORKS/);
    expect(() => webhookOptionsFromEnv({ SAGSSPOR_WEBHOOK_DENIED_NETWORKS: 'intranet' })).toThrow(/DENIED_NETWORKS/);
  });

  describe('at delivery', () => {
    let server: http.Server;
    let port = 0;
    let hits = 0;
    beforeAll(async () => {
      server = http.createServer((_req, res) => {
        hits += 1;
        res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('never connects to a refused address, by literal or by name (checked on the resolved address)', async () => {
      const agents = keepAliveAgents(defaults);
      try {
        for (const url of [`http://127.0.0.1:${port}/`, `http://localhost:${port}/`]) {
          const result = await post(new URL(url), {}, '{}', agents, 2_000);
          expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/EWEBHOOKTARGET/) });
        }
        expect(hits).toBe(0);
      } finally {
        agents.http.destroy();
      }
    });

    it('connects where allowed, and follows no redirect', async () => {
      const agents = keepAliveAgents(new NetworkTargetPolicy({ allowed: ['127.0.0.0/8', '::1/128'] }));
      try {
        const result = await post(new URL(`http://localhost:${port}/`), {}, '{}', agents, 2_000);
        expect(result).toMatchObject({ ok: false, status: 302 });
        expect(hits).toBe(1);
      } finally {
        agents.http.destroy();
      }
    });
  });
});
