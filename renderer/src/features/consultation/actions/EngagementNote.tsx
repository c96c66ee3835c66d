/**
 * 分派: a counsel whose engagement (聘期) does not cover the item's 收件日期 is
 * still offered (an office may engage a lawyer late and hand over earlier
 * items), but marked, and a warning says why when one is chosen.
 */
import { Alert, Form } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Counsel } from '#domain/types';

/** Why the counsel was not engaged on `day` (a YYYY-MM-DD), or null when they were (or no period is recorded). */
export function engagementGap(counsel: Pick<Counsel, 'engagedFrom' | 'engagedTo'>, day: string): 'notYet' | 'ended' | null {
  if (counsel.engagedFrom && counsel.engagedFrom > day) return 'notYet';
  if (counsel.engagedTo && counsel.engagedTo < day) return 'ended';
  return null;
}

/** The option's label: name and firm, marked when the engagement does not cover the day. */
export function counselOption(t: TFunction, counsel: Counsel, day: string): { value: number; label: string } {
  const label = t('counsels.withFirm', { name: counsel.name, firm: counsel.firm });
  return { value: counsel.id, label: engagementGap(counsel, day) ? `${label}${t('counsels.outsideEngagement')}` : label };
}

/** Under the counsel field: the warning for the chosen counsel, if their engagement does not cover the day. */
export function EngagementNote({ counsels, day }: { counsels: readonly Counsel[]; day: string }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const chosen = Form.useWatch('counselId', form) as number | undefined;
  const counsel = counsels.find((c) => c.id === chosen);
  const gap = counsel ? engagementGap(counsel, day) : null;
  if (!counsel || !gap) return null;
  const text =
    gap === 'notYet'
      ? t('counsels.engagementNotYet', { name: counsel.name, from: counsel.engagedFrom, day })
      : t('counsels.engagementEnded', { name: counsel.name, to: counsel.engagedTo, day });
  return <Alert type="warning" showIcon role="alert" style={{ marginBottom: 16 }} title={text} />;
}
