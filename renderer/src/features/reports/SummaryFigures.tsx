/**
 * The eight headline figures, each with the previous period's value and the
 * change: 次, 项, 出具意见份数, 采纳率, 中位办理天数, 按期办理率, 撤回, 期末未办结.
 */
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Col, Row } from 'antd';
import type { ReactElement, ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Tally } from '#contract/reports-contract';
import { FigureLink } from './FigureLink';
import { countDelta, daysDelta, formatDate, formatNumber, rateDelta, type Delta } from './labels';

function DeltaText({ delta }: { delta: Delta }) {
  const { t } = useTranslation();
  if (delta.kind === 'none') return <span className="report-delta">{t('reports.change.notComparable')}</span>;
  if (delta.kind === 'same') return <span className="report-delta">{t('reports.change.none')}</span>;
  return (
    <span className="report-delta">
      {delta.up ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {delta.text}
    </span>
  );
}

interface CardProps {
  title: string;
  value: ReactNode;
  sub?: ReactNode;
  previous: ReactNode;
  delta: Delta;
}

function FigureCard({ title, value, sub, previous, delta, previousWord }: CardProps & { previousWord: string }) {
  return (
    <section className="report-figure" aria-label={title}>
      <div className="report-figure-title">{title}</div>
      <div className="report-figure-value">{value}</div>
      <div className="report-figure-sub">{sub ?? '\u00a0'}</div>
      <div className="report-figure-prev">
        <span>
          {previousWord} {previous}
        </span>
        <DeltaText delta={delta} />
      </div>
    </section>
  );
}

export function SummaryFigures({ tally, previousWord }: { tally: Tally; previousWord: string }) {
  const { t } = useTranslation();
  const p = tally.previous;
  const times = (n: number) => t('reports.values.times', { value: n });
  const items = (n: number) => t('reports.values.items', { value: n });
  const days = (n: number | null) => (n === null ? t('reports.daysNone') : t('reports.values.days', { value: formatNumber(n) }));
  const link = (value: number, key: string, label: string, text: string, prev = false) => (
    <FigureLink value={value} figureKey={key} label={label} prev={prev}>
      {text}
    </FigureLink>
  );
  const sub = (i18nKey: 'reports.subs.answered' | 'reports.subs.median' | 'reports.subs.adoption' | 'reports.subs.onTime', values: Record<string, number | string>, components: Record<string, ReactNode>) => (
    <Trans i18nKey={i18nKey} values={values} components={components as Record<string, ReactElement>} />
  );
  const lbl = {
    count: t('reports.figures.count'),
    items: t('reports.figures.items'),
    opinions: t('reports.figures.opinions'),
    adoption: t('reports.figures.adoption'),
    median: t('reports.figures.median'),
    onTime: t('reports.figures.onTime'),
    withdrawn: t('reports.figures.withdrawn'),
    carriedOver: t('reports.figures.carriedOver'),
  };
  const outcomeCount = (outcome: string) => tally.byOutcome.find((o) => o.outcome === outcome)?.count ?? 0;
  const prevLink = (value: number, key: string, label: string, text: string) => link(value, key, `${previousWord} ${label}`, text, true);

  const cards: CardProps[] = [
    {
      title: lbl.count,
      value: link(tally.total.count, tally.total.key, lbl.count, times(tally.total.count)),
      previous: prevLink(p.total.count, p.total.key, lbl.count, times(p.total.count)),
      delta: countDelta(tally.total.count, p.total.count),
    },
    {
      title: lbl.items,
      value: link(tally.total.items, tally.total.key, lbl.items, items(tally.total.items)),
      previous: prevLink(p.total.items, p.total.key, lbl.items, items(p.total.items)),
      delta: countDelta(tally.total.items, p.total.items),
    },
    {
      title: lbl.opinions,
      value: t('reports.values.documents', { value: tally.opinions.documents }),
      sub: sub('reports.subs.answered', { count: tally.opinions.answered.count }, {
        n: <FigureLink value={tally.opinions.answered.count} figureKey={tally.opinions.answered.key} label={t('reports.keys.answered')} />,
      }),
      previous: t('reports.values.documents', { value: p.opinions.documents }),
      delta: countDelta(tally.opinions.documents, p.opinions.documents),
    },
    {
      title: lbl.adoption,
      value: tally.adoption.rate.value === null ? t('reports.rateNone') : tally.adoption.rate.text,
      sub: sub(
        'reports.subs.adoption',
        // the rate counts 采纳 and 部分采纳 together: the card says so, with the table's two figures
        {
          full: outcomeCount('adopted'),
          partial: outcomeCount('partiallyAdopted'),
          adopted: tally.adoption.adopted.count,
          withOutcome: tally.adoption.withOutcome.count,
        },
        {
          a: <FigureLink value={tally.adoption.adopted.count} figureKey={tally.adoption.adopted.key} label={t('reports.keys.adopted')} />,
          b: <FigureLink value={tally.adoption.withOutcome.count} figureKey={tally.adoption.withOutcome.key} label={t('reports.keys.withOutcome')} />,
        },
      ),
      previous: p.adoption.rate.value === null ? t('reports.rateNone') : p.adoption.rate.text,
      delta: rateDelta(tally.adoption.rate, p.adoption.rate, t),
    },
    {
      title: lbl.median,
      value: days(tally.turnaround.medianDays),
      sub: sub('reports.subs.median', { count: tally.turnaround.answered.count }, {
        n: <FigureLink value={tally.turnaround.answered.count} figureKey={tally.turnaround.answered.key} label={t('reports.keys.answered')} />,
      }),
      previous: days(p.turnaround.medianDays),
      delta: daysDelta(tally.turnaround.medianDays, p.turnaround.medianDays, t),
    },
    {
      title: lbl.onTime,
      value: tally.turnaround.onTimeRate.value === null ? t('reports.rateNone') : tally.turnaround.onTimeRate.text,
      sub: sub(
        'reports.subs.onTime',
        { met: tally.turnaround.dueMet.count, missed: tally.turnaround.dueMissed.count, tracked: tally.turnaround.dueTracked.count },
        {
          a: <FigureLink value={tally.turnaround.dueMet.count} figureKey={tally.turnaround.dueMet.key} label={t('reports.keys.dueMet')} />,
          b: <FigureLink value={tally.turnaround.dueMissed.count} figureKey={tally.turnaround.dueMissed.key} label={t('reports.keys.dueMissed')} />,
          c: <FigureLink value={tally.turnaround.dueTracked.count} figureKey={tally.turnaround.dueTracked.key} label={t('reports.keys.dueTracked')} />,
        },
      ),
      previous: p.turnaround.onTimeRate.value === null ? t('reports.rateNone') : p.turnaround.onTimeRate.text,
      delta: rateDelta(tally.turnaround.onTimeRate, p.turnaround.onTimeRate, t),
    },
    {
      title: lbl.withdrawn,
      value: link(tally.withdrawn.count, tally.withdrawn.key, lbl.withdrawn, times(tally.withdrawn.count)),
      sub: t('reports.subs.withdrawn', { items: tally.withdrawn.items }),
      previous: prevLink(p.withdrawn.count, p.withdrawn.key, lbl.withdrawn, times(p.withdrawn.count)),
      delta: countDelta(tally.withdrawn.count, p.withdrawn.count),
    },
    {
      title: lbl.carriedOver,
      value: link(tally.carriedOver.total.count, tally.carriedOver.total.key, lbl.carriedOver, times(tally.carriedOver.total.count)),
      sub: t('reports.subs.carriedOver', { items: tally.carriedOver.total.items, asOf: formatDate(tally.carriedOver.asOf, t) }),
      previous: prevLink(p.carriedOver.total.count, p.carriedOver.total.key, lbl.carriedOver, times(p.carriedOver.total.count)),
      delta: countDelta(tally.carriedOver.total.count, p.carriedOver.total.count),
    },
  ];

  return (
    <Row gutter={[12, 12]} className="report-figures">
      {cards.map((c) => (
        <Col span={6} key={c.title}>
          <FigureCard {...c} previousWord={previousWord} />
        </Col>
      ))}
    </Row>
  );
}
