/**
 * The first start (no account yet): is this copy the office's ledger (机关端) or a counsel's desk
 * (法律顾问端)? Nothing is stored by the choice itself: the office's administrator (auth.setup)
 * or the desk's owner with the desk's keys (desk.setup) is, and that fixes the end for good
 * (electron/domain/ends.ts). Until then either form can go back to the choice.
 */
import { BankOutlined, SolutionOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../session/AuthLayout';
import { SetupScreen } from '../session/SetupScreen';

export function FirstStart() {
  const [choice, setChoice] = useState<'office' | 'desk' | null>(null);
  if (choice) return <SetupScreen desk={choice === 'desk'} onBack={() => setChoice(null)} />;
  return <EndChoice onChoose={setChoice} />;
}

function EndChoice({ onChoose }: { onChoose: (end: 'office' | 'desk') => void }) {
  const { t } = useTranslation();
  return (
    <AuthLayout title={t('desk.firstStart.title')} width={560}>
      <Alert type="info" showIcon title={t('desk.firstStart.intro')} style={{ marginBottom: 16 }} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Choice icon={<BankOutlined />} title={t('desk.firstStart.office')} hint={t('desk.firstStart.officeHint')} onClick={() => onChoose('office')} />
        <Choice icon={<SolutionOutlined />} title={t('desk.firstStart.desk')} hint={t('desk.firstStart.deskHint')} onClick={() => onChoose('desk')} />
      </Space>
    </AuthLayout>
  );
}

function Choice({ icon, title, hint, onClick }: { icon: ReactNode; title: string; hint: string; onClick: () => void }) {
  return (
    <Button block size="large" onClick={onClick} className="end-choice" style={{ height: 'auto', padding: '12px 16px', textAlign: 'left', whiteSpace: 'normal' }}>
      <Space align="start" size="middle">
        <span style={{ fontSize: 28, color: '#1f5fbf' }}>{icon}</span>
        <span>
          <Typography.Text strong style={{ fontSize: 16, display: 'block' }}>
            {title}
          </Typography.Text>
          <Typography.Text type="secondary">{hint}</Typography.Text>
        </span>
      </Space>
    </Button>
  );
}
