import { spawn } from 'node:child_process';
import { describeEnding, supervise } from './supervisor';

/** A real child that runs until signalled; it says "up" once its handlers are in place. */
function child(code = 'setInterval(() => undefined, 1000); process.stdout.write("up")') {
  const p = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const up = new Promise<void>((resolve) => p.stdout.once('data', () => resolve()));
  return { p, up };
}

describe('supervise', () => {
  it('when one child is killed, stops the others and names the one that went', async () => {
    const api = child();
    const worker = child();
    await Promise.all([api.up, worker.up]);
    const s = supervise([
      { name: 'api', process: api.p },
      { name: 'worker', process: worker.p },
    ]);
    api.p.kill('SIGKILL');
    const ended = await s.done;
    expect(ended).toEqual({ name: 'api', code: null, signal: 'SIGKILL' });
    expect(describeEnding(ended!)).toBe('api was killed by SIGKILL');
    expect(worker.p.signalCode).toBe('SIGTERM');
  });

  it('names a child that exits by itself with its code', async () => {
    const worker = child();
    await worker.up;
    const s = supervise([
      { name: 'api', process: child('process.exit(3)').p },
      { name: 'worker', process: worker.p },
    ]);
    const ended = await s.done;
    expect(describeEnding(ended!)).toBe('api exited with code 3');
    expect(worker.p.signalCode).toBe('SIGTERM');
  });

  it('stop() ends every child and reports no culprit', async () => {
    const a = child();
    const b = child();
    await Promise.all([a.up, b.up]);
    const s = supervise([
      { name: 'api', process: a.p },
      { name: 'worker', process: b.p },
    ]);
    s.stop();
    expect(await s.done).toBeNull();
    expect([a.p.signalCode, b.p.signalCode]).toEqual(['SIGTERM', 'SIGTERM']);
  });
});
