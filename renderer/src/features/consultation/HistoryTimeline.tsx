/**
 * 办理记录: every step, oldest first. The business date (the day it happened) comes
 * first; when it was typed in, and by whom, second ("录入于 …"). A registrar corrects
 * the date of a past step here (更正日期; the service checks the role again).
 */
import { EditOutlined } from '@ant-design/icons';
import { Button, Timeline, Typography } from 'antd';
import { RatingLine } from '../engagement/CostCard';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTCOMES, STEP_KINDS, type ConsultationDetail, type Outcome, type StatusChange, type StepKind } from '#domain/types';
import { allows, isCorrectableStep } from '#domain/workflow';
import { useCan } from '../../api/hooks';
import { formatInstant } from '../../shared/format';
import { CorrectStepDateDialog } from './actions/StepDialogs';

const COLOR: Record<StatusChange['toStatus'], string> = {
  registered: 'gray',
  assigned: 'blue',
  answered: 'blue',
  closed: 'green',
  withdrawn: 'gray',
  trashed: 'red',
  restored: 'green',
  outcome: 'blue',
  dateCorrected: 'orange',
  opinionCorrected: 'orange',
  returned: 'orange',
  resumed: 'blue',
  extended: 'orange',
  signedOff: 'green',
  signOffReturned: 'red',
  documentSet: 'blue',
};

const isOutcome = (v: unknown): v is Outcome => typeof v === 'string' && (OUTCOMES as readonly string[]).includes(v);
const isStepKind = (v: unknown): v is StepKind => typeof v === 'string' && (STEP_KINDS as readonly string[]).includes(v);

function StepTitle({ h }: { h: StatusChange }) {
  const { t } = useTranslation();
  const d = h.detail ?? {};
  // assigned → assigned is a reassignment; its reason is the service's own word for it
  if (h.fromStatus === 'assigned' && h.toStatus === 'assigned') return <>{t('detail.reassigned')}</>;
  if (h.toStatus === 'outcome' && isOutcome(d.outcome)) return <>{t('detail.outcomeStep', { outcome: t(`outcome.${d.outcome}`) })}</>;
  if (h.toStatus === 'dateCorrected' && isStepKind(d.kind)) {
    return <>{t('detail.dateCorrectedStep', { what: t(`stepDate.${d.kind}`), from: String(d.from), to: String(d.to) })}</>;
  }
  if (h.toStatus === 'opinionCorrected') return <>{t('detail.opinionCorrectedStep', { round: Number(d.round) })}</>;
  return <>{t(`status.${h.toStatus}`)}</>;
}

export function HistoryTimeline({ history, detail }: { history: StatusChange[]; detail?: ConsultationDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const [correcting, setCorrecting] = useState<StatusChange | null>(null);
  const mayCorrect = detail !== undefined && allows('correctStepDate', detail) && can('consultations.correctStepDate');
  return (
    <>
      <Timeline
        items={history.map((h) => {
          const reassigned = h.fromStatus === 'assigned' && h.toStatus === 'assigned';
          const showReason = h.reason && !reassigned;
          return {
            key: h.id,
            color: COLOR[h.toStatus],
            // the business date first; steps without one (trash, corrections) show when they were done
            title: <span className="nowrap history-date">{h.businessOn ?? formatInstant(h.at)}</span>,
            content: (
              <>
                <Typography.Text strong>
                  <StepTitle h={h} />
                </Typography.Text>
                {h.businessOn && h.onOrigin !== 'typed' ? <Typography.Text type="secondary">{t('detail.dateFilled')}</Typography.Text> : null}
                <div>
                  <Typography.Text type="secondary" className="history-entered">
                    {t('detail.enteredAt', { at: formatInstant(h.at), actor: h.actorName })}
                  </Typography.Text>
                </div>
                {showReason ? <div className="pre-wrap">{t('detail.reasonLabel', { reason: h.reason })}</div> : null}
                {mayCorrect && isCorrectableStep(h) ? (
                  <Button size="small" type="link" icon={<EditOutlined />} className="history-correct" onClick={() => setCorrecting(h)}>
                    {t('detail.correctDate')}
                  </Button>
                ) : null}
              </>
            ),
          };
        })}
      />
      {detail ? <RatingLine consultationId={detail.id} /> : null}
      {correcting && detail ? <CorrectStepDateDialog detail={detail} step={correcting} onClose={() => setCorrecting(null)} /> : null}
    </>
  );
}
