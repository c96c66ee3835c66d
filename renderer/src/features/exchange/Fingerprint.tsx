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

