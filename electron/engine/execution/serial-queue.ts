/**
 * Runs tasks one at a time, in the order they were queued. Changes that move money go through
 * one queue per account, so that the guard's view of the account (its budgets, pools and caps)
 * cannot change between a change's check and its platform call because another change (an
 * approval, an undo, an agent edit) slipped in between them.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    // The queue goes on whatever became of this task; its caller sees the failure.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
