#!/usr/bin/env node
// The `lico` launcher: committed (not built) so that npm links it at install, before the
// TypeScript is compiled to dist/.
import { runCli } from '../dist/main.js';

process.exitCode = await runCli(process.argv.slice(2));
