/** backup-config.json's rotation is read back by the domain's check (services take no zod from the contract); it must agree with backups.configure's input. */
import { describe, expect, it } from 'vitest';
import { rotationInput } from '#contract/contract';
import { isBackupRotation, ROTATION_LIMITS } from '#domain/types';

describe('isBackupRotation', () => {
  const values: unknown[] = [
    { daily: 7, weekly: 4, monthly: 12 },
    { daily: ROTATION_LIMITS.daily[0], weekly: ROTATION_LIMITS.weekly[0], monthly: ROTATION_LIMITS.monthly[0] },
    { daily: ROTATION_LIMITS.daily[1], weekly: ROTATION_LIMITS.weekly[1], monthly: ROTATION_LIMITS.monthly[1] },
    { daily: ROTATION_LIMITS.daily[0] - 1, weekly: 4, monthly: 12 },
    { daily: 7, weekly: ROTATION_LIMITS.weekly[1] + 1, monthly: 12 },
    { daily: 7.5, weekly: 4, monthly: 12 },
    { daily: Number.NaN, weekly: 4, monthly: 12 },
    { daily: Infinity, weekly: 4, monthly: 12 },
    { daily: '7', weekly: 4, monthly: 12 },
    { daily: 7, weekly: 4 },
    { daily: 7, weekly: 4, monthly: 12, yearly: 1 },
    { daily: 7, weekly: 4, monthly: undefined },
    [7, 4, 12],
    null,
    undefined,
    7,
  ];

  it("accepts exactly what backups.configure's rotation accepts", () => {
    for (const value of values) {
      expect({ value, ok: isBackupRotation(value) }).toEqual({ value, ok: rotationInput.safeParse(value).success });
    }
    expect(values.filter(isBackupRotation)).toHaveLength(3);
  });
});
