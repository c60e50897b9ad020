import type { Clock } from '@shared/time';
import type { AccountZone } from '@shared/zone';
import type { ExperimentRecords } from '../ipc/services';
import type { Store } from '../store';

/**
 * The experiments of one workspace over its store, on the account's clock and local days. The
 * holdout is read from the store at every ask rather than cached: it is a few rows, and so an
 * experiment created or stopped (by this host or another on the same file) holds or releases its
 * campaigns at the runtime's next question. An experiment whose last day is over is finished at
 * the first read after it, and holds nothing from that local midnight on even if finishing it
 * could not be recorded yet.
 */
export function createExperimentBook(deps: {
  store: Store;
  clock: Clock;
  zone: AccountZone;
  log?: (message: string, error?: unknown) => void;
}): ExperimentRecords {
  const { store, clock, zone } = deps;
  const experiments = store.experiments;

  function finishEnded(today: string): void {
    for (const experiment of experiments.running()) {
      if (experiment.endDate >= today) continue;
      try {
        experiments.finish(experiment.id, clock.now());
      } catch (error) {
        deps.log?.(`could not record that experiment '${experiment.name}' finished`, error);
      }
    }
  }

  const today = () => zone.date(clock.now());
  const settled = () => finishEnded(today());

  return {
    holdout() {
      const date = today();
      finishEnded(date);
      return experiments.holdout(date);
    },
    list() {
      settled();
      return experiments.list();
    },
    get(id) {
      settled();
      return experiments.get(id);
    },
    create(experiment, at) {
      settled();
      return experiments.create(experiment, at);
    },
    stop(id, at, reason) {
      settled();
      return experiments.stop(id, at, reason);
    },
  };
}
