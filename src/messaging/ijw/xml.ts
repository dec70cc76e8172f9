import type * as Libxml2 from 'libxml2-wasm';

export type Libxml2Module = typeof Libxml2;

let loaded: Promise<Libxml2Module> | undefined;

/** The libxml2-wasm module, loaded once (it is an ES module with top-level await). */
export function libxml2(): Promise<Libxml2Module> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see libxml2-loader.cjs for why this is not an import
  loaded ??= (require('./libxml2-loader.cjs') as () => Promise<Libxml2Module>)();
  return loaded;
}

/** libxml2's schema findings of a failed validation, one line each (line: message); its message when it names none. */
export function xsdBevindingen(e: unknown): string[] {
  const details = (e as { details?: { message: string; line?: number }[] }).details;
  return details?.length ? details.map((d) => `${d.line ?? '?'}: ${d.message.trim()}`) : [String((e as Error).message)];
}
