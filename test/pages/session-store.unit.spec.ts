import { SessionStore } from '../../apps/api/src/pages/session/session-store';

describe('SessionStore', () => {
  const limits = { idleMs: 1000, absoluteMs: 5000, maxSessions: 2 };
  let now = 0;
  const store = () => new SessionStore(limits, () => now);
  beforeEach(() => (now = 0));

  it('given a session, when looked up, then it answers the key under an unguessable id', () => {
    const s = store();
    const id = s.create('sgk_key');
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.keyOf(id)).toBe('sgk_key');
    expect(s.keyOf('x'.repeat(43))).toBeNull();
  });

  it('given a session idle longer than allowed, when looked up, then it is gone', () => {
    const s = store();
    const id = s.create('k');
    now = 900;
    expect(s.keyOf(id)).toBe('k');
    now = 1800;
    expect(s.keyOf(id)).toBe('k');
    now = 2801;
    expect(s.keyOf(id)).toBeNull();
  });

  it('given a session in use, when its absolute lifetime ends, then it is gone', () => {
    const s = store();
    const id = s.create('k');
    for (now = 500; now <= 5000; now += 500) expect(s.keyOf(id)).toBe('k');
    now = 5001;
    expect(s.keyOf(id)).toBeNull();
  });

  it('given the store is full, when another signs in, then the oldest session goes', () => {
    const s = store();
    const a = s.create('a');
    const b = s.create('b');
    const c = s.create('c');
    expect([s.keyOf(a), s.keyOf(b), s.keyOf(c)]).toEqual([null, 'b', 'c']);
  });

  it('given a session, when destroyed (signed out), then it is gone', () => {
    const s = store();
    const id = s.create('k');
    s.destroy(id);
    expect(s.keyOf(id)).toBeNull();
  });
});
