/** A key's fingerprint in its four groups, spaced apart so it can be read out on the phone group by group. */
import { Typography } from 'antd';

export function Fingerprint({ value, large }: { value: string; large?: boolean }) {
  const groups = value.split('-');
  return (
    <Typography.Text code copyable={large ? { text: value } : false} style={{ fontSize: large ? 18 : undefined, whiteSpace: 'nowrap' }}>
      {groups.map((g, i) => (
        <span key={i}>
          {i > 0 ? <span style={{ margin: large ? '0 6px' : '0 2px' }}>-</span> : null}
          {g}
        </span>
      ))}
    </Typography.Text>
  );
}

/**
 * What the admin typed back, as the contract reads it: spaces, dashes and lower case do not
 * matter ("ab12 cd34…" → "AB12-CD34-…"); null when it is not 16 letters or digits.
 */
export function normalizeFingerprint(typed: string): string | null {
  const plain = typed.replace(/[\s\-–—_]/g, '').toUpperCase();
  if (!/^[0-9A-Z]{16}$/.test(plain)) return null;
  return plain.match(/.{4}/g)!.join('-');
}
