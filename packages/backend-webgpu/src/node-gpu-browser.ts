import type { NodeAdapter } from './node-gpu.js';

/**
 * What bundlers load for browsers in place of node-gpu.ts (the `browser` condition of the
 * `#node-gpu` import in package.json): Dawn and the file system exist only in Node, and a
 * bundler that inlines the dynamic import would otherwise put node: imports in the page.
 */
export async function requestNodeAdapter(tried: string[]): Promise<NodeAdapter | undefined> {
  tried.push('Dawn (the webgpu package) runs only in Node');
  return undefined;
}
