/** The detail page's buttons wait for 签发 (issue 20): no outcome or closing while the latest opinion is pending or returned. */
import { describe, expect, it } from 'vitest';
import type { Opinion } from '#domain/types';
import { availableActions } from '../../renderer/src/features/consultation/actions/availability';

const opinion = (signOffStatus: Opinion['signOffStatus']) => ({ signOffStatus }) as Opinion;

describe('actions and 签发', () => {
  it('hides 登记采纳情况 and 办结 until the latest opinion is signed off', () => {
    const all = () => true;
    const answered = { status: 'answered' as const, trashedAt: null };
    for (const state of ['pending', 'returned'] as const) {
      const actions = availableActions({ ...answered, opinions: [opinion(state)] }, all);
      expect(actions).not.toContain('recordOutcome');
      expect(actions).not.toContain('close');
      expect(actions).toContain('addOpinion');
    }
    for (const state of ['signed', null] as const) {
      expect(availableActions({ ...answered, opinions: [opinion('returned'), opinion(state)] }, all)).toEqual(expect.arrayContaining(['recordOutcome', 'close']));
    }
  });
});
