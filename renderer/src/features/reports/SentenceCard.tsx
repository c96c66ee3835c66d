/** The report sentence, ready to paste into the annual report, with a copy button. */
import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportSentence } from '#contract/reports-contract';
import { copyText } from './clipboard';

export function SentenceCard({ sentence }: { sentence: ReportSentence }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    if (await copyText(sentence.text)) message.success(t('reports.sentence.copied'));
    else message.error(t('reports.sentence.copyFailed'));
  };
  return (
    <Card
      size="small"
      className="report-sentence report-keep"
      title={t('reports.sentence.title')}
      extra={
        <Button className="report-no-print" icon={<CopyOutlined />} onClick={() => void copy()}>
          {t('reports.sentence.copy')}
        </Button>
      }
    >
      {/* the sentence is Chinese whatever the UI language: it is text of the office's (Chinese) report */}
      <Typography.Paragraph className="report-sentence-text" lang="zh-CN" data-testid="report-sentence">
        {sentence.text}
      </Typography.Paragraph>
      <Typography.Text type="secondary" className="report-sentence-hint report-no-print">
        {t('reports.sentence.hint')}
      </Typography.Text>
    </Card>
  );
}
