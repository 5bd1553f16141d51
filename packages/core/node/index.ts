/**
 * Node-only helpers shared by Lico's command line, tools and trainer. Kept out of the main
 * entry point, which browsers load and which must not import `node:` modules.
 */
export { writeFileAtomically } from './write-file-atomically.js';
