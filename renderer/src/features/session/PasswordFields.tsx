/**
 * A new password and its repeat, with the password rules (passwordRules.ts) as the person types:
 * the first start, a new account, a reset, a change.
 */
import { Col, Form, Input, Row } from 'antd';
import type { FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import { newPasswordRules, repeatRule } from './passwordRules';

interface Props {
  /** the new password's field; the repeat is `repeat` */
  name?: string;
  label: string;
  repeatLabel: string;
  /** read when the rules run: the password may not contain it */
  username(): string;
  /** the fields the new password is checked against again when they change */
  dependencies?: string[];
  extraRules?: FormRule[];
  /** mark the repeat as required (its rule is a function, so antd cannot see that it is) */
  repeatRequired?: boolean;
  /** side by side, half the width each */
  columns?: boolean;
}

export function PasswordFields({ name = 'password', label, repeatLabel, username, dependencies, extraRules = [], repeatRequired, columns }: Props) {
  const { t } = useTranslation();
  const password = (
    <Form.Item name={name} label={label} extra={t('auth.passwordHint')} dependencies={dependencies} rules={[...newPasswordRules(t, username), ...extraRules]}>
      <Input.Password autoComplete="new-password" maxLength={128} />
    </Form.Item>
  );
  const repeat = (
    <Form.Item name="repeat" label={repeatLabel} required={repeatRequired} dependencies={[name]} rules={[repeatRule(t, name)]}>
      <Input.Password autoComplete="new-password" maxLength={128} />
    </Form.Item>
  );
  if (!columns) {
    return (
      <>
        {password}
        {repeat}
      </>
    );
  }
  return (
    <Row gutter={16}>
      <Col span={12}>{password}</Col>
      <Col span={12}>{repeat}</Col>
    </Row>
  );
}
