import type { AgentRuntime } from '../../engine/runtime/agent-runtime';

/**
 * The runtime as people command it: "Pause all" (of a workspace, or every workspace's) is the
 * kill switch, and the workspace's channels hear of it. The host's own pauses (a lost connection)
 * use the runtime itself and raise their own alert.
 */
export function withKillSwitchNotice(runtime: AgentRuntime, used: (agentIds: readonly string[]) => void): AgentRuntime {
  return new Proxy(runtime, {
    get(target, key) {
      if (key === 'pauseAll') {
        return () => {
          const change = target.pauseAll();
          used(change.agentIds);
          return change;
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
