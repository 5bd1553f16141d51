import { backendFailure, getBackend, kernelsOf } from '@lico/core';
import { Command } from 'commander';
import { BACKEND_NAMES } from '../backends.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';

interface BackendStatus {
  name: string;
  available: boolean;
  description?: string;
  reason?: string;
  kernels: string[];
}

/** `lico backends`: which backends start here, what runs, and why the others don't. */
export function backendsCommand(io: CliIo): Command {
  return new Command('backends')
    .description('list the backends, which ones start on this machine, and which one is picked by default')
    .option('--json', 'print one JSON object on one line')
    .action(async (options) => {
      const statuses: BackendStatus[] = [];
      for (const name of BACKEND_NAMES) {
        try {
          const backend = await getBackend(name);
          statuses.push({ name, available: true, description: backend.description, kernels: kernelsOf(name) });
        } catch {
          statuses.push({ name, available: false, reason: backendFailure(name), kernels: kernelsOf(name) });
        }
      }
      const chosen = statuses.find((s) => s.available && s.name !== 'webgpu')?.name;
      if (options.json) {
        io.out(JSON.stringify({ default: chosen, backends: statuses }));
      } else {
        for (const s of statuses) {
          io.out(
            `${s.available ? '✓' : '✗'} ${s.name.padEnd(7)} ${s.available ? s.description : `unavailable: ${s.reason}`}`,
          );
        }
        io.out(`default: ${chosen ?? 'none'} (webgpu runs only when named: --backend webgpu)`);
      }
      io.setExitCode(chosen ? ExitCode.ok : ExitCode.backendUnavailable);
    });
}
