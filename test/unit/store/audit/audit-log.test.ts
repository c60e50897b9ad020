import { afterEach, describe, expect, it } from 'vitest';
import { CHECKPOINT_EVERY, type Store } from '@store/index';
import { signatureHolds } from '@store/audit/checkpoints';
import { decision, memoryStore } from '../fixtures';
import { T0, writeHistory } from './account';
import { connectionOf } from '@store/testing';

let store: Store;
afterEach(() => store?.close());

const kinds = () => connectionOf(store).prepare('SELECT kind FROM audit_log ORDER BY seq').pluck().all();

describe('the hash-chained audit log', () => {
  it('records every change the repositories make, in order, as one chain', () => {
    store = memoryStore();
    writeHistory(store);
    expect(kinds()).toEqual([
      'agent.created',
      'agent.created',
      'decision.proposed',
      'decision.state',
      'decision.state',
      'decision.proposed',
      'decision.state',
      'decision.approved',
      'decision.state',
      'decision.proposed',
      'decision.state',
      'decision.proposed',
      'decision.state',
      'decision.undo',
      'decision.state',
      'decision.state',
      'decision.state',
      'outcome.recorded',
      'outcome.recorded',
      'conflict.recorded',
      'alert.raised',
      'alert.acknowledged',
      'agent.paused',
      'agent.resumed',
    ]);
    const verdict = store.audit.verify();
    expect(verdict).toMatchObject({ ok: true, count: 24 });
    expect(store.audit.head()).toEqual({ count: 24, hash: (verdict as { headHash: string }).headHash });
  });

  it("keeps a decision's whole story, its approver included, under its id", () => {
    store = memoryStore();
    writeHistory(store);
    const story = store.audit.forDecision('d2');
    expect(story.map((e) => e.kind)).toEqual(['decision.proposed', 'decision.state', 'decision.approved', 'decision.state', 'outcome.recorded']);
    expect(JSON.parse(story[2].content)).toEqual({ from: 'escalated', to: 'pending', approvedBy: 'operator' });
    expect(JSON.parse(story[0].content)).toMatchObject({ id: 'd2', state: 'proposed', agent_id: 'a2', campaign_id: 'c2' });
    expect(story.every((e, i) => i === 0 || e.prevHash !== story[i - 1].prevHash)).toBe(true);
  });

  it('writes no entry for a change that did not happen', () => {
    store = memoryStore();
    writeHistory(store);
    const before = store.audit.head();
    expect(() => store.decisions.insert(decision({ id: 'bad', agentId: 'nobody' }))).toThrow(/FOREIGN KEY/);
    expect(store.decisions.transition('d3', 'proposed', 'pending')).toBe(false);
    expect(store.alerts.acknowledge('al1')).toBe(false);
    store.agents.setStatus('a1', 'active', T0);
    expect(store.audit.head()).toEqual(before);
  });

  it('rolls the entry back with the change when the surrounding transaction fails, and the chain goes on intact', () => {
    store = memoryStore();
    writeHistory(store);
    const before = store.audit.head();
    expect(() =>
      store.immediate(() => {
        store.agents.setStatus('a1', 'paused', T0);
        throw new Error('platform call failed');
      }),
    ).toThrow('platform call failed');
    expect(store.agents.get('a1')?.status).toBe('active');
    expect(store.audit.head()).toEqual(before);
    store.agents.setStatus('a1', 'terminated', T0);
    expect(store.audit.head().count).toBe(before.count + 1);
    expect(store.audit.verify()).toMatchObject({ ok: true });
  });

  it('refuses to change or delete an entry', () => {
    store = memoryStore();
    writeHistory(store);
    expect(() => connectionOf(store).prepare("UPDATE audit_log SET content = '{}' WHERE seq = 3").run()).toThrow(/append-only: entries cannot be changed/);
    expect(() => connectionOf(store).prepare('DELETE FROM audit_log WHERE seq = 3').run()).toThrow(/append-only: entries cannot be deleted/);
    store.audit.checkpoint();
    expect(() => connectionOf(store).prepare('DELETE FROM audit_checkpoints').run()).toThrow(/append-only/);
  });

  it('refuses an append outside a transaction', () => {
    store = memoryStore();
    expect(() => store.audit.append({ kind: 'alert.raised', subject: 'x', content: '{}' })).toThrow(/inside the transaction/);
  });

  it(`signs the head by itself every ${CHECKPOINT_EVERY} entries once the change is committed, and on demand`, async () => {
    store = memoryStore();
    store.agents.create({ id: 'a1', name: 'Scaler', definition: {}, goals: [] }, T0);
    store.immediate(() => {
      for (let i = 1; i < CHECKPOINT_EVERY; i++) store.decisions.insert(decision({ id: `d${i}`, createdAt: T0 + i }));
      expect(store.audit.latestCheckpoint()).toBeUndefined();
    });
    await new Promise(setImmediate);
    const auto = store.audit.latestCheckpoint();
    // The first checkpoint records the key it is signed with first: the entry after the thousandth.
    expect(store.audit.at(CHECKPOINT_EVERY + 1)?.kind).toBe('audit.key');
    expect(auto).toMatchObject({ count: CHECKPOINT_EVERY + 1, headHash: store.audit.at(CHECKPOINT_EVERY + 1)?.hash });
    expect(signatureHolds(auto!)).toBe(true);
    store.decisions.insert(decision({ id: 'last', createdAt: T0 }));
    const digest = store.audit.currentDigest();
    expect(digest).toMatchObject({ format: 'acm-audit-digest/1', algorithm: 'ed25519', count: CHECKPOINT_EVERY + 2 });
    expect(store.audit.currentDigest()).toEqual(digest);
    expect(signatureHolds({ ...auto!, headHash: digest.headHash })).toBe(false);
  });
});
