/** Minimal structured logger (JSON lines). Never log a BSN or a whole entity. */
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
let threshold: Level = (process.env.LOG_LEVEL as Level | undefined) ?? 'info';

export function setLogLevel(l: Level): void {
  threshold = l;
}

function write(level: Level, msg: string, fields: Record<string, unknown>): void {
  if (ORDER[level] < ORDER[threshold] || process.env.HUB_SILENT === '1') return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields });
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
}

export const log = {
  debug: (msg: string, f: Record<string, unknown> = {}) => write('debug', msg, f),
  info: (msg: string, f: Record<string, unknown> = {}) => write('info', msg, f),
  warn: (msg: string, f: Record<string, unknown> = {}) => write('warn', msg, f),
  error: (msg: string, f: Record<string, unknown> = {}) => write('error', msg, f),
};
