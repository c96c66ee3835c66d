/** New account, edit an account (name, roles, linked counsel), reset a password. */
import { Alert, Checkbox, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type UserAccount } from '#domain/types';
import { useApi, useApiMutation } from '../../api/hooks';
import { FormModal } from '../../shared/FormModal';
import { newPasswordRules, repeatRule } from '../session/passwordRules';

interface AccountForm {
  username: string;
  displayName: string;
  roles: Role[];
  counselId?: number | null;
  password: string;
  repeat: string;
}

const USERNAME = /^[A-Za-z0-9_.\-\u4e00-\u9fff]+$/;

function RoleFields() {
  const { t } = useTranslation();
  const counsels = useApi('counsels.list', {});
  return (
    <>
      <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}>
        <Checkbox.Group
          options={ROLES.map((r) => ({ value: r, label: t('users.roleOption', { role: t(`roles.${r}`), hint: t(`users.roleHint.${r}`) }) }))}
          className="role-checkboxes"
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
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={counsels.isPending}
                placeholder={t('form.selectPlaceholder')}
                options={(counsels.data ?? []).map((c) => ({ value: c.id, label: t('counsels.withFirm', { name: c.name, firm: c.firm }) }))}
              />
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
      width={600}
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
          {user ? null : (
            <Form.Item
              name="username"
              label={t('users.username')}
              extra={t('auth.usernameHint')}
              rules={[
                { required: true, whitespace: true, message: t('auth.usernameRequired') },
                { min: 2, max: 30, message: t('auth.usernameLength') },
                { pattern: USERNAME, message: t('auth.usernameChars') },
              ]}
            >
              <Input maxLength={30} autoComplete="off" />
            </Form.Item>
          )}
          <Form.Item
            name="displayName"
            label={t('users.displayName')}
            rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('users.displayName') }) }, { max: 30, message: t('validation.maxLength', { max: 30 }) }]}
          >
            <Input maxLength={30} />
          </Form.Item>
          <RoleFields />
          {user ? null : (
            <>
              <Alert type="info" showIcon title={t('users.initialPasswordHint')} style={{ marginBottom: 16 }} />
              <Form.Item
                name="password"
                label={t('users.initialPassword')}
                extra={t('auth.passwordHint')}
                dependencies={['username']}
                rules={newPasswordRules(t, () => (form.getFieldValue('username') as string | undefined) ?? '')}
              >
                <Input.Password autoComplete="new-password" maxLength={128} />
              </Form.Item>
              <Form.Item name="repeat" label={t('auth.repeatPassword')} dependencies={['password']} rules={[repeatRule(t, 'password')]}>
                <Input.Password autoComplete="new-password" maxLength={128} />
              </Form.Item>
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
      {() => (
        <>
          <Form.Item name="password" label={t('auth.newPassword')} extra={t('auth.passwordHint')} rules={newPasswordRules(t, () => user.username)}>
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item name="repeat" label={t('auth.repeatNewPassword')} dependencies={['password']} rules={[repeatRule(t, 'password')]}>
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
