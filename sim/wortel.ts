import { existsSync } from 'node:fs';
import path from 'node:path';

/** The checkout's root, where spec/ lies: the simulators run from sim/ in tests and from dist/sim in the demo. */
export function wortel(): string {
  let map = __dirname;
  while (!existsSync(path.join(map, 'package.json'))) {
    const boven = path.dirname(map);
    if (boven === map) throw new Error(`no package.json above ${__dirname}`);
    map = boven;
  }
  return map;
}
