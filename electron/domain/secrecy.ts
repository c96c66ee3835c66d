/**
 * 密级 of an item. The ledger is a non-classified system: it holds items with no 密级 or
 * marked 工作秘密 (asked for confirmation before they go into an exchange package), never
 * 秘密/机密/绝密 — registration refuses them with CLASSIFIED_REFUSAL.
 */
export const SECRECY_LEVELS = ['none', 'workSecret'] as const;
export type Secrecy = (typeof SECRECY_LEVELS)[number];
export const SECRECY_ZH: Record<Secrecy, string> = { none: '无', workSecret: '工作秘密' };
/** the levels of 国家秘密 (and their English names), which the app may not hold at all */
export const CLASSIFIED_LEVELS: readonly string[] = ['秘密', '机密', '绝密', 'secret', 'confidential', 'topSecret'];
export const CLASSIFIED_REFUSAL = '本系统为非涉密系统，不能登记秘密、机密或绝密事项；请按保密规定通过涉密渠道办理';
