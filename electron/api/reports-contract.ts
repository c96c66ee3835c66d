/** Methods of the annual report (年度统计), merged into the contract. */
import type { MethodDef } from './define';

export const reportsContract = {} as const satisfies Record<string, MethodDef>;
