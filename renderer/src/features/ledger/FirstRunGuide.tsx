/** The first-run empty state: what to set up, in which order, each with a button to go there. */
import { CheckCircleFilled } from '@ant-design/icons';
import { Button, Card, Empty, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi, useCan, useSettings } from '../../api/hooks';
import { navigate, paths } from '../../router/hash';

export function FirstRunGuide() {
  const { t } = useTranslation();
  const can = useCan();
  const settings = useSettings();
  const departments = useApi('departments.list', {});
  const counsels = useApi('counsels.list', {});
  const officeDone = Boolean(settings.data?.officeName);
  const departmentsDone = (departments.data?.length ?? 0) > 0;
  const counselsDone = (counsels.data?.length ?? 0) > 0;

  const step = (done: boolean, title: string, hint: string, path: string, enabled = true) => ({
    status: done ? ('finish' as const) : ('wait' as const),
    title,
    content: (
      <>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {hint}
        </Typography.Paragraph>
        {done ? (
          <Typography.Text type="success">
            <CheckCircleFilled /> {t('firstRun.done')}
          </Typography.Text>
        ) : (
          <Button size="small" disabled={!enabled} aria-label={t('firstRun.goTo', { step: title })} onClick={() => navigate(path)}>
            {t('firstRun.go')}
          </Button>
        )}
      </>
    ),
  });

  const items = [
    step(officeDone, t('firstRun.office'), t('firstRun.officeHint'), paths.settings, can('settings.update')),
    step(departmentsDone, t('firstRun.departments'), t('firstRun.departmentsHint'), paths.departments, can('departments.create')),
    step(counselsDone, t('firstRun.counsels'), t('firstRun.counselsHint'), paths.counsels, can('counsels.create')),
    step(false, t('firstRun.register'), t('firstRun.registerHint'), paths.newConsultation, departmentsDone && can('consultations.create')),
  ];
  const current = items.findIndex((i) => i.status === 'wait');

  return (
    <Card variant="borderless">
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {t('firstRun.title')}
            </Typography.Title>
            <Typography.Paragraph>{t('firstRun.intro')}</Typography.Paragraph>
          </>
        }
      />
      <div style={{ maxWidth: 640, margin: '8px auto 0' }}>
        <Steps orientation="vertical" current={current} items={items} />
      </div>
    </Card>
  );
}
