/** 办理记录: every status change, oldest first, with who, when and why. */
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StatusChange } from '#domain/types';
import { formatInstant } from '../../shared/format';

const COLOR: Record<StatusChange['toStatus'], string> = {
  registered: 'gray',
  assigned: 'blue',
  answered: 'blue',
  closed: 'green',
  withdrawn: 'gray',
  trashed: 'red',
  restored: 'green',
};

export function HistoryTimeline({ history }: { history: StatusChange[] }) {
  const { t } = useTranslation();
  return (
    <Timeline
      items={history.map((h) => {
        // assigned → assigned is a reassignment; its reason is the service's own word for it
        const reassigned = h.fromStatus === 'assigned' && h.toStatus === 'assigned';
        return {
          key: h.id,
          color: COLOR[h.toStatus],
          title: <span className="nowrap">{formatInstant(h.at)}</span>,
          content: (
            <>
              <Typography.Text strong>{reassigned ? t('detail.reassigned') : t(`status.${h.toStatus}`)}</Typography.Text>
              <Typography.Text type="secondary"> · {h.actorName}</Typography.Text>
              {h.reason && !reassigned ? (
                <div className="pre-wrap">{t('detail.reasonLabel', { reason: h.reason })}</div>
              ) : null}
            </>
          ),
        };
      })}
    />
  );
}
