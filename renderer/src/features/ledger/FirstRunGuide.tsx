/** The first-run empty state: what to set up, in which order, each with a button to go there. */
import { CheckCircleFilled } from '@ant-design/icons';
import { App, Button, Card, Space, Steps, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation, useAppInfo, useAuthStatus, useCan, useSettings } from '../../api/hooks';
import { navigate, paths } from '../../router/hash';
import { errorText } from '../../shared/errors';

export function FirstRunGuide() {
  const { t } = useTranslation();
  const can = useCan();
  const settings = useSettings();
  const departments = useApi('departments.list', {});
  const counsels = useApi('counsels.list', {});
  const year = useAppInfo().data?.today.slice(0, 4) ?? '';
  // the seeded name has no city: only a name an administrator saved counts
  const officeDone = Boolean(settings.data?.officeNameConfirmed && settings.data.officeName);
  const departmentsDone = (departments.data?.length ?? 0) > 0;
  const counselsDone = (counsels.data?.length ?? 0) > 0;

  const example = t('settings.serialExample', { prefix: settings.data?.serialPrefix ?? '', year });
  const canRegister = can('consultations.create');

  const step = (done: boolean, title: string, hint: string, path: string, enabled = true, extra: ReactNode = null) => ({
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
          (extra ?? (
            <Button size="small" disabled={!enabled} aria-label={t('firstRun.goTo', { step: title })} onClick={() => navigate(path)}>
              {t('firstRun.go')}
            </Button>
          ))
        )}
      </>
    ),
  });

  const items = [
    step(officeDone, t('firstRun.office'), t('firstRun.officeHint', { example }), paths.settings, can('settings.update')),
    step(departmentsDone, t('firstRun.departments'), t('firstRun.departmentsHint'), paths.departments, can('departments.create')),
    step(counselsDone, t('firstRun.counsels'), t('firstRun.counselsHint'), paths.counsels, can('counsels.create')),
    step(
      false,
      t('firstRun.register'),
      t('firstRun.registerHint'),
      paths.new,
      departmentsDone && canRegister,
      canRegister ? null : <NoRegistrarRole />,
    ),
  ];
  const current = items.findIndex((i) => i.status === 'wait');

  return (
    <Card variant="borderless">
      {/* compact enough that all four steps, with their buttons, are on screen at 1366×768 */}
      <div style={{ textAlign: 'center' }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('firstRun.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('firstRun.intro')}</Typography.Paragraph>
      </div>
      <div style={{ maxWidth: 680, margin: '8px auto 0' }}>
        <Steps orientation="vertical" size="small" current={current} items={items} />
      </div>
    </Card>
  );
}

/**
 * Step 4 for an administrator without the registrar role: 登记 is the
 * registrar's. Say so, and offer the two ways: a 经办人 account for the person
 * who registers, or the role for the administrator (an ordinary users.update,
 * in the audit log like any other).
 */
function NoRegistrarRole() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const me = useAuthStatus().data?.user;
  const users = useApi('users.list', {}, { enabled: can('users.update') });
  const update = useApiMutation('users.update');
  const self = users.data?.find((u) => u.username === me?.username);

  const takeRole = async () => {
    if (!self) return;
    try {
      await update.mutateAsync({ id: self.id, version: self.version, roles: [...self.roles, 'registrar'] });
      void message.success(t('firstRun.roleGiven'));
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <div role="note">
      <Typography.Paragraph type="warning" style={{ marginBottom: 6 }}>
        {t('firstRun.noRegistrar')}
      </Typography.Paragraph>
      {can('users.update') ? (
        <Space wrap>
          <Button size="small" onClick={() => navigate(paths.users)}>
            {t('firstRun.createRegistrar')}
          </Button>
          <Button size="small" type="primary" disabled={!self} loading={update.isPending} onClick={() => void takeRole()}>
            {t('firstRun.takeRegistrar')}
          </Button>
        </Space>
      ) : null}
    </div>
  );
}
