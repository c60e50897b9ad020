import { auditBenchmark } from './audit.bench';
import { decisionCycleBenchmark } from './decision-cycle.bench';
import { firstRenderBenchmark } from './first-render.bench';
import type { Benchmark } from './harness';
import { ipcBenchmark } from './ipc.bench';
import { killSwitchBenchmark } from './kill-switch.bench';
import { sandboxSaveBenchmark } from './sandbox-save.bench';
import { simulationBenchmark } from './simulation.bench';
import { storeBenchmark } from './store.bench';
import { timelineScrollBenchmark } from './timeline-scroll.bench';

/** Every benchmark `npm run bench` runs, in order. */
export const benchmarks: Benchmark[] = [
  ipcBenchmark,
  storeBenchmark,
  simulationBenchmark,
  sandboxSaveBenchmark,
  decisionCycleBenchmark,
  auditBenchmark,
  killSwitchBenchmark,
  firstRenderBenchmark,
  timelineScrollBenchmark,
];
