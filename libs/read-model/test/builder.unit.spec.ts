import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { builderState, formatBuilder, parseBuilder, thisProcess } from '../src/builder';

describe('who builds a generation, and whether it still can', () => {
  it('is stored as <pid>@<host> and read back whole (a host name may hold @)', () => {
    const b = { pid: 4242, host: 'api-7f@dc1' };
    expect(parseBuilder(formatBuilder(b))).toEqual(b);
    expect(parseBuilder(null)).toBeNull();
    expect(parseBuilder('')).toBeNull();
    expect(parseBuilder('garbage')).toBeNull();
  });

  it('given this process, then running', () => {
    expect(builderState(thisProcess())).toBe('running');
  });

  it('given a process on this host that has exited, then gone', () => {
    const ended = spawnSync(process.execPath, ['-e', '0']);
    expect(builderState({ host: os.hostname(), pid: ended.pid })).toBe('gone');
  });

  it('given the answer of the process table, then that answer', () => {
    const b = { host: 'h', pid: 7 };
    expect(builderState(b, 'h', () => true)).toBe('running');
    expect(builderState(b, 'h', () => false)).toBe('gone');
  });

  it('given another host, or no builder recorded (an older version made it), then unknown: taken to be in progress', () => {
    expect(builderState({ host: 'elsewhere', pid: 1 }, 'here', () => false)).toBe('unknown');
    expect(builderState(null, 'here', () => false)).toBe('unknown');
  });
});
