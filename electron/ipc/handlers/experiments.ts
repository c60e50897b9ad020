import type { CampaignDay } from '@shared/domain/experiment';
import { AcmError } from '@shared/errors';
import type { ExperimentView } from '@shared/ipc/channels/experiments';
import type { Handlers } from '@shared/ipc/contract';
import { AccountZone } from '@shared/zone';
import { analyseExperiment } from '@engine/experiments/analysis';
import { groupDays } from '@engine/experiments/group-days';
import type { Services } from '../services';
import { experimentDays } from './campaign-days';
import { planExperiment } from './experiment-plan';

type ExperimentChannel = 'experiments.list' | 'experiments.plan' | 'experiments.create' | 'experiments.get' | 'experiments.stop' | 'experiments.export';

export const experimentHandlers = (services: Services): Pick<Handlers, ExperimentChannel> => {
  const zone = () => AccountZone.of(services.account.timezone);

  function mustGet(id: string): ExperimentView {
    const experiment = services.experiments.get(id);
    if (!experiment) throw new AcmError('NOT_FOUND', `no experiment with id ${id}`);
    return experiment;
  }

  const rowsOf = (experiment: ExperimentView): CampaignDay[] => experimentDays(services.records.metrics, zone(), experiment, services.clock.now());

  return {
    'experiments.list': () => services.experiments.list(),
    'experiments.plan': (request) => planExperiment(services, request, zone().startOfDay(services.clock.now())),
    'experiments.create': async ({ name, startDate: previewed, ...request }) => {
      const z = zone();
      const now = services.clock.now();
      const start = z.startOfDay(now);
      if (previewed !== undefined && previewed !== z.date(start))
        throw new AcmError(
          'CONFLICT',
          `the split was previewed for ${previewed}, and the account's day is now ${z.date(start)}: its pre-period moved, so preview it again`,
          { path: 'startDate' },
        );
      const { assignment, power } = await planExperiment(services, request, start);
      return services.experiments.create(
        {
          name,
          agentIds: request.agentIds,
          assignment,
          startDate: z.date(start),
          endDate: z.date(z.addLocalDays(start, request.durationDays - 1)),
          durationDays: request.durationDays,
          preDays: request.preDays,
          power,
        },
        now,
      );
    },
    'experiments.get': ({ id }) => {
      const experiment = mustGet(id);
      const rows = rowsOf(experiment);
      return {
        experiment,
        days: groupDays(experiment.assignment, rows, experiment.startDate),
        analysis: analyseExperiment({ assignment: experiment.assignment, rows, startDate: experiment.startDate, seed: experiment.assignment.seed }),
        timezone: services.account.timezone,
        currency: services.account.currency,
      };
    },
    'experiments.stop': ({ id, reason }) => services.experiments.stop(id, services.clock.now(), reason),
    'experiments.export': ({ id }) => {
      const experiment = mustGet(id);
      const days = groupDays(experiment.assignment, rowsOf(experiment), experiment.startDate);
      return services.exportDestination.deliver(services.experimentExporter.prepare(experiment, days));
    },
  };
};
