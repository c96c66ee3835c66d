/**
 * 账号管理 (admin): accounts with their roles, the counsel a counsel's account
 * is, state (disabled, locked out, must change the password) and last sign-in;
 * create, edit, reset the password, disable or enable. Never deleted.
 */
import { Button, Popconfirm, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, UserAccount } from '#domain/types';
import { useApi, useApiMutation } from '../../api/hooks';
import { formatInstant } from '../../shared/format';
import { actionsColumn, AddButton, emptyList, ListTable, useRun } from '../../shared/ListTable';
import { PageHead } from '../../shared/PageState';
import { useSession } from '../session/context';
import { AccountDialog, ResetPasswordDialog } from './UserDialogs';

const ROLE_COLOR: Record<Role, string> = { admin: 'purple', registrar: 'blue', counsel: 'cyan', leader: 'gold' };

type Editing = { kind: 'new' } | { kind: 'edit'; user: UserAccount } | { kind: 'reset'; user: UserAccount } | null;

export function UsersPage() {
  const { t } = useTranslation();
  const run = useRun();
  const me = useSession().user;
  const list = useApi('users.list', {});
  const update = useApiMutation('users.update');
  const [editing, setEditing] = useState<Editing>(null);

  const toggle = (u: UserAccount) =>
    run(update.mutateAsync({ id: u.id, version: u.version, disabled: !u.disabled }), t(u.disabled ? 'users.enabled' : 'users.disabled', { name: u.displayName }));

  const stateTags = (u: UserAccount) => (
    <Space size={4} wrap>
      {u.disabled ? <Tag>{t('users.state.disabled')}</Tag> : <Tag color="green">{t('users.state.active')}</Tag>}
      {u.lockedUntil ? <Tag color="red">{t('users.state.lockedUntil', { time: formatInstant(u.lockedUntil) })}</Tag> : null}
      {u.mustChangePassword ? <Tag color="orange">{t('users.state.mustChange')}</Tag> : null}
    </Space>
  );

  return (
    <>
      <PageHead
        title={t('users.title')}
        hint={t('users.hint')}
        extra={<AddButton text={t('users.add')} onClick={() => setEditing({ kind: 'new' })} />}
      />
      <ListTable<UserAccount>
        query={list}
        tableLayout="fixed"
        empty={emptyList()}
        columns={[
          { title: t('users.username'), dataIndex: 'username', width: 130 },
          { title: t('users.displayName'), dataIndex: 'displayName', width: 110 },
          {
            title: t('users.roles'),
            dataIndex: 'roles',
            render: (roles: Role[]) => (
              <Space size={4} wrap>
                {roles.map((r) => (
                  <Tag key={r} color={ROLE_COLOR[r]}>
                    {t(`roles.${r}`)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: t('users.counselColumn'), dataIndex: 'counselName', width: 110, render: (v: string | null) => v ?? t('common.none') },
          { title: t('common.status'), key: 'state', width: 190, render: (_: unknown, u) => stateTags(u) },
          { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', width: 150, render: (v: string | null) => (v ? formatInstant(v) : t('users.never')) },
          ...actionsColumn(t, true, 230, (u: UserAccount) => (
            <Space size={4}>
              <Button size="small" onClick={() => setEditing({ kind: 'edit', user: u })}>
                {t('common.edit')}
              </Button>
              <Button size="small" onClick={() => setEditing({ kind: 'reset', user: u })}>
                {t('users.resetPassword')}
              </Button>
              {u.username === me.username ? null : u.disabled ? (
                <Button size="small" onClick={() => void toggle(u)}>
                  {t('common.enable')}
                </Button>
              ) : (
                <Popconfirm
                  title={t('users.disableConfirm', { name: u.displayName })}
                  okText={t('common.disable')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => toggle(u)}
                >
                  <Button size="small" danger>
                    {t('common.disable')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          )),
        ]}
      />
      {editing?.kind === 'new' ? <AccountDialog user={null} onClose={() => setEditing(null)} /> : null}
      {editing?.kind === 'edit' ? <AccountDialog user={editing.user} onClose={() => setEditing(null)} /> : null}
      {editing?.kind === 'reset' ? <ResetPasswordDialog user={editing.user} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
