const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/**
 * The bytes of a file: in Node read from the file system (a path, or a `file:` URL), in
 * browsers fetched (a URL). `undefined` when there is no such file (ENOENT, HTTP 404); other
 * failures are thrown as they come. `node:fs` is imported only when running in Node, so
 * browser bundles never load it.
 */
export async function readBytes(source: string | URL): Promise<Uint8Array | undefined> {
  if (isNode) {
    const { readFile } = await import('node:fs/promises');
    try {
      return new Uint8Array(await readFile(source));
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
      throw error;
    }
  }
  const response = await fetch(source);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`${String(source)}: HTTP ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}
