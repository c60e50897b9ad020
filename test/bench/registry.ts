import { auditBenchmark } from './audit.bench';
import type { Benchmark } from './harness';
import { ipcBenchmark } from './ipc.bench';
import { killSwitchBenchmark } from './kill-switch.bench';
import { simulationBenchmark } from './simulation.bench';
import { storeBenchmark } from './store.bench';

/** Every benchmark `npm run bench` runs, in order. */
export const benchmarks: Benchmark[] = [ipcBenchmark, storeBenchmark, simulationBenchmark, auditBenchmark, killSwitchBenchmark];
