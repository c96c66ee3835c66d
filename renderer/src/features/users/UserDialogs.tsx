/** New account, edit an account (name, roles, linked counsel), reset a password. */
import { Alert, Checkbox, Col, Form, Input, Row } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Counsel, type Role, type UserAccount } from '#domain/types';
import { useApi, useApiMutation } from '../../api/hooks';
import { FormModal } from '../../shared/FormModal';
import { textRules } from '../../shared/limits';
import { SearchSelect } from '../../shared/SearchSelect';
import { PasswordFields } from '../session/PasswordFields';
import { usernameRules } from '../session/passwordRules';

interface AccountForm {
  username: string;
  displayName: string;
  roles: Role[];
  counselId?: number | null;
  password: string;
  repeat: string;
}

/** The counsel whose name is exactly the account's name, if there is exactly one. */
export function counselNamed(counsels: readonly Counsel[], displayName: string | undefined): Counsel | undefined {
  const name = displayName?.trim();
  if (!name) return undefined;
  const same = counsels.filter((c) => c.active && c.name.trim() === name);
  return same.length === 1 ? same[0] : undefined;
}

function RoleFields({ form }: { form: FormInstance<AccountForm> }) {
  const { t } = useTranslation();
  const counsels = useApi('counsels.list', {});
  const roles = Form.useWatch('roles', form);
  const displayName = Form.useWatch('displayName', form);
  const isCounsel = (roles ?? []).includes('counsel');
  // 关联法律顾问 preselected when the account's name is a counsel's name (never over a choice already made)
  useEffect(() => {
    if (!isCounsel || form.getFieldValue('counselId')) return;
    const match = counselNamed(counsels.data ?? [], displayName);
    if (match) form.setFieldValue('counselId', match.id);
  }, [isCounsel, displayName, counsels.data, form]);
  return (
    <>
      <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}>
        <Checkbox.Group
          options={ROLES.map((r) => ({ value: r, label: t('users.roleOption', { role: t(`roles.${r}`), hint: t(`users.roleHint.${r}`) }) }))}
          className="role-checkboxes role-grid"
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['roles']}>
        {({ getFieldValue }) =>
          ((getFieldValue('roles') as Role[] | undefined) ?? []).includes('counsel') ? (
            <Form.Item
              name="counselId"
              label={t('users.counsel')}
              extra={t('users.counselHint')}
              rules={[{ required: true, message: t('validation.select', { field: t('users.counsel') }) }]}
            >
              <SearchSelect loading={counsels.isPending} options={(counsels.data ?? []).map((c) => ({ value: c.id, label: t('counsels.withFirm', { name: c.name, firm: c.firm }) }))} />
            </Form.Item>
          ) : null
        }
      </Form.Item>
    </>
  );
}

export function AccountDialog({ user, onClose }: { user: UserAccount | null; onClose(): void }) {
  const { t } = useTranslation();
  const create = useApiMutation('users.create');
  const update = useApiMutation('users.update');
  return (
    <FormModal<AccountForm>
      title={user ? t('users.editTitle', { name: user.displayName }) : t('users.add')}
      okText={t('common.save')}
      doneText={t('common.saved')}
      staleText={t('errors.CONFLICT')}
      fields={['username', 'displayName', 'roles', 'counselId', 'password']}
      width={720}
      initialValues={user ? { displayName: user.displayName, roles: user.roles, counselId: user.counselId } : { roles: ['registrar'] }}
      onClose={onClose}
      submit={(v) => {
        const roles = v.roles;
        const counselId = roles.includes('counsel') ? (v.counselId ?? null) : null;
        return user
          ? update.mutateAsync({ id: user.id, version: user.version, displayName: v.displayName.trim(), roles, counselId })
          : create.mutateAsync({ username: v.username.trim(), displayName: v.displayName.trim(), roles, counselId, password: v.password });
      }}
    >
      {(form) => (
        <>
          {/* two fields a row, so the whole dialog (保存 included) fits in a 768 px high window */}
          <Row gutter={16}>
            {user ? null : (
              <Col span={12}>
                <Form.Item name="username" label={t('users.username')} extra={t('auth.usernameHint')} rules={usernameRules(t)}>
                  <Input maxLength={30} autoComplete="off" />
                </Form.Item>
              </Col>
            )}
            <Col span={12}>
              <Form.Item name="displayName" label={t('users.displayName')} rules={textRules(t, 30, t('users.displayName'))}>
                <Input maxLength={30} />
              </Form.Item>
            </Col>
          </Row>
          <RoleFields form={form} />
          {user ? null : (
            <>
              <Alert type="info" showIcon title={t('users.initialPasswordHint')} style={{ marginBottom: 12 }} />
              <PasswordFields
                label={t('users.initialPassword')}
                repeatLabel={t('auth.repeatPassword')}
                username={() => (form.getFieldValue('username') as string | undefined) ?? ''}
                dependencies={['username']}
                repeatRequired
                columns
              />
            </>
          )}
        </>
      )}
    </FormModal>
  );
}

export function ResetPasswordDialog({ user, onClose }: { user: UserAccount; onClose(): void }) {
  const { t } = useTranslation();
  const reset = useApiMutation('users.resetPassword');
  return (
    <FormModal<{ password: string; repeat: string }>
      title={t('users.resetTitle', { name: user.displayName })}
      okText={t('users.resetPassword')}
      doneText={t('users.resetDone', { name: user.displayName })}
      warning={t('users.resetHint')}
      fields={['password']}
      onClose={onClose}
      submit={(v) => reset.mutateAsync({ id: user.id, password: v.password })}
    >
      {() => <PasswordFields label={t('auth.newPassword')} repeatLabel={t('auth.repeatNewPassword')} username={() => user.username} repeatRequired />}
    </FormModal>
  );
}
