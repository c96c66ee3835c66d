/** The header's account menu: who is signed in, 修改密码, 锁定, 退出登录. */
import { DownOutlined, KeyOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEnd } from '../../api/hooks';
import { useSession } from './context';
import { ChangePasswordDialog } from './PasswordChange';

export function UserMenu() {
  const { t } = useTranslation();
  const { user, lock, signOut } = useSession();
  const [changing, setChanging] = useState(false);
  // a counsel's desk has one account, its owner: its admin role is not the office's 系统管理员
  const desk = useEnd() === 'desk';
  const roles = desk ? t('desk.owner') : user.roles.map((r) => t(`roles.${r}`)).join(t('common.listSeparator'));

  const items: MenuProps['items'] = [
    { key: 'who', type: 'group', label: <Typography.Text type="secondary">{t('user.signedInAs', { name: user.displayName, username: user.username })}</Typography.Text> },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: t('user.changePassword') },
    { key: 'lock', icon: <LockOutlined />, label: t('user.lockNow') },
    { key: 'signOut', icon: <LogoutOutlined />, label: t('auth.signOut'), danger: true },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') setChanging(true);
    else if (key === 'lock') void lock();
    else if (key === 'signOut') void signOut();
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
        <Button type="text" aria-label={t('user.menu', { name: user.displayName })} className="user-menu-button">
          <UserOutlined />
          <span className="user-menu-name">{user.displayName}</span>
          <Typography.Text type="secondary" className="nowrap">
            {roles}
          </Typography.Text>
          <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      </Dropdown>
      {changing ? <ChangePasswordDialog user={user} onClose={() => setChanging(false)} /> : null}
    </>
  );
}
