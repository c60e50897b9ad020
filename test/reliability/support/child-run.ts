import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** When to kill the child: some wall milliseconds after it is ready, or as the n-th change it sends commits on the platform. */
export type KillAt = { afterReadyMs: number } | { onApplied: number };

export interface ChildRun {
  /** Every stdout line the child wrote before it died. */
  lines: string[];
  killed: boolean;
  code: number | null;
  stderr: string;
}

/** How long a targeted kill waits for its change before killing anyway (the account may be quiet for a while). */
const APPLIED_WAIT_MS = 1_500;

/**
 * Runs the crash child once and SIGKILLs it at the chosen moment; `settleOnly` lets it start,
 * settle what is pending and exit by itself.
 */
export function runChild(dbPath: string, journalPath: string, options: { killAt?: KillAt; latencyMs: number; settleOnly?: boolean }): Promise<ChildRun> {
  const args = ['--import', 'tsx', CHILD, dbPath, journalPath, String(options.latencyMs), ...(options.settleOnly ? ['settle'] : [])];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  let applied = 0;
  let killed = false;
  let timer: NodeJS.Timeout | undefined;
  const kill = () => {
    if (killed || child.exitCode !== null) return;
    killed = true;
    child.kill('SIGKILL');
  };
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  child.stdout.on('data', (data: Buffer) => {
    const parts = (partial + data.toString()).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      const killAt = options.killAt;
      if (!killAt) continue;
      if (line.startsWith('ready ')) {
        timer = setTimeout(kill, 'afterReadyMs' in killAt ? killAt.afterReadyMs : APPLIED_WAIT_MS);
      } else if (line.startsWith('applied ') && 'onApplied' in killAt && ++applied === killAt.onApplied) {
        kill();
      }
    }
  });
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (partial !== '') lines.push(partial);
      resolve({ lines, killed, code, stderr });
    });
  });
}
