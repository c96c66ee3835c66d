/**
 * The report's tables (分类, 月度, 处室, 顾问, 意见结论, 采纳情况), each with 次 and
 * 项 and a 合计 row; every number opens its consultations.
 */
import { Card, Col, Row, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Figure, Tally } from '#contract/reports-contract';
import { FigureLink } from './FigureLink';
import { conclusionLabel, monthLabel, outcomeLabel, spansYears, type NameBook } from './labels';

interface FigureRow {
  rowKey: string;
  /** the row's name as text (for the numbers' accessible names) */
  name: string;
  label?: ReactNode;
  extra?: ReactNode;
  figure: Figure;
}

interface TableProps {
  id: string;
  title: string;
  labelTitle: string;
  rows: FigureRow[];
  total: Figure;
  extraTitle?: string;
}

function FigureTable({ id, title, labelTitle, rows, total, extraTitle }: TableProps) {
  const { t } = useTranslation();
  const countTitle = t('reports.tables.colCount');
  const itemsTitle = t('reports.tables.colItems');
  const columns: TableColumnsType<FigureRow> = [
    { title: labelTitle, key: 'label', render: (_: unknown, r) => r.label ?? r.name },
    ...(extraTitle ? [{ title: extraTitle, key: 'extra', render: (_: unknown, r: FigureRow) => r.extra }] : []),
    {
      title: countTitle,
      key: 'count',
      width: 84,
      align: 'right',
      render: (_: unknown, r) => <FigureLink value={r.figure.count} figureKey={r.figure.key} label={`${r.name} ${countTitle}`} />,
    },
    {
      title: itemsTitle,
      key: 'items',
      width: 84,
      align: 'right',
      render: (_: unknown, r) => <FigureLink value={r.figure.items} figureKey={r.figure.key} label={`${r.name} ${itemsTitle}`} />,
    },
  ];
  const totalName = `${title} ${t('reports.tables.total')}`;
  return (
    <Col span={12} className="report-table-col">
      <Card size="small" title={title} className="report-table-card report-keep" data-table={id}>
        <Table<FigureRow>
          rowKey="rowKey"
          size="small"
          bordered
          pagination={false}
          columns={columns}
          dataSource={rows}
          aria-label={title}
          summary={() => (
            <Table.Summary.Row className="report-total-row">
              <Table.Summary.Cell index={0} colSpan={extraTitle ? 2 : 1}>
                {t('reports.tables.total')}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={extraTitle ? 2 : 1} align="right">
                <FigureLink value={total.count} figureKey={total.key} label={`${totalName} ${countTitle}`} />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={extraTitle ? 3 : 2} align="right">
                <FigureLink value={total.items} figureKey={total.key} label={`${totalName} ${itemsTitle}`} />
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>
    </Col>
  );
}

export function ReportTables({ tally, names }: { tally: Tally; names: NameBook }) {
  const { t } = useTranslation();
  const withYear = spansYears(tally);
  const periodEnd = tally.period.to;

  const categories: FigureRow[] = tally.byCategory.map((c) => {
    const name = names.category(c.categoryId);
    return {
      rowKey: c.key,
      name,
      label: c.active ? name : (
        <>
          {name} <Tag>{t('reports.tables.inactiveCategory')}</Tag>
        </>
      ),
      figure: c,
    };
  });
  const months: FigureRow[] = tally.byMonth.map((m) => ({ rowKey: m.key, name: monthLabel(m.month, withYear, t), figure: m }));
  const departments: FigureRow[] = tally.byDepartment.map((d) => ({ rowKey: d.key, name: names.department(d.departmentId), figure: d }));
  const counsels: FigureRow[] = tally.byCounsel.map((c) => {
    const name = names.counsel(c.counselId);
    const left = c.engagedTo !== null && c.engagedTo < periodEnd;
    return {
      rowKey: c.key,
      name,
      label: (
        <>
          {name}
          {left ? <Tag className="report-tag">{t('reports.tables.counselLeft', { date: c.engagedTo })}</Tag> : null}
          {!c.active && !left ? <Tag className="report-tag">{t('reports.tables.counselInactive')}</Tag> : null}
        </>
      ),
      extra: c.firm,
      figure: c,
    };
  });
  const conclusions: FigureRow[] = tally.byConclusion.map((c) => ({ rowKey: c.key, name: conclusionLabel(c.conclusion, t), figure: c }));
  const outcomes: FigureRow[] = tally.byOutcome.map((o) => ({ rowKey: o.key, name: outcomeLabel(o.outcome, t), figure: o }));

  return (
    <Row gutter={[12, 12]} className="report-tables">
      <FigureTable id="category" title={t('reports.tables.category')} labelTitle={t('reports.tables.colCategory')} rows={categories} total={tally.total} />
      <FigureTable id="month" title={t('reports.tables.month')} labelTitle={t('reports.tables.colMonth')} rows={months} total={tally.total} />
      <FigureTable id="department" title={t('reports.tables.department')} labelTitle={t('reports.tables.colDepartment')} rows={departments} total={tally.total} />
      <FigureTable
        id="counsel"
        title={t('reports.tables.counsel')}
        labelTitle={t('reports.tables.colCounsel')}
        extraTitle={t('reports.tables.colFirm')}
        rows={counsels}
        total={tally.total}
      />
      <FigureTable id="conclusion" title={t('reports.tables.conclusion')} labelTitle={t('reports.tables.colConclusion')} rows={conclusions} total={tally.total} />
      <FigureTable id="outcome" title={t('reports.tables.outcome')} labelTitle={t('reports.tables.colOutcome')} rows={outcomes} total={tally.total} />
    </Row>
  );
}
