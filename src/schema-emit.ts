import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { printHubSchema } from './graphql/schema';
import { hubSchema } from './modules';

/** Writes schema/schema.graphql, or with --check fails when the committed file differs. */
const file = path.join(__dirname, '..', '..', 'schema', 'schema.graphql');
const sdl = printHubSchema(hubSchema());
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // missing file counts as drift
  }
  if (committed !== sdl) {
    process.stderr.write('schema/schema.graphql is out of date: run `npm run schema:emit` and commit it\n');
    process.exit(1);
  }
  process.stdout.write('schema: no drift\n');
} else {
  writeFileSync(file, sdl);
  process.stdout.write(`wrote ${file}\n`);
}
