import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SRC = path.join(__dirname, '..');

function bestanden(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) return bestanden(p);
    return p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

/** Where each kind of statement occurs in the application's code. */
function waar(re: RegExp): string[] {
  return bestanden(SRC)
    .filter((f) => re.test(readFileSync(f, 'utf8')))
    .map((f) => path.relative(SRC, f))
    .sort();
}

describe("one writer of a message's state and of the outbox", () => {
  it('only messaging/status.ts changes a stored message or the outbox', () => {
    expect(waar(/UPDATE\s+bericht\b/i)).toEqual(['messaging/status.ts']);
    expect(waar(/UPDATE\s+outbox\b|DELETE\s+FROM\s+outbox\b/i)).toEqual(['messaging/status.ts']);
    expect(waar(/INSERT\s+INTO\s+outbox\b/i)).toEqual(['messaging/status.ts', 'messaging/uitgaand.ts']);
  });

  it('only the inbox and the writer of outbound messages store a message', () => {
    expect(waar(/INSERT\s+INTO\s+bericht\b/i)).toEqual(['messaging/inbox/inbox.service.ts', 'messaging/uitgaand.ts']);
  });
});
