/** English strings of the exchange screen: the same keys as exchange.zh-CN.ts. */
import type zh from './exchange.zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const exchange: Shape<typeof zh> = {
  title: 'Data exchange',
  own: {
    title: 'This office’s exchange key',
    none: 'This computer has no exchange key yet',
    noneHint: 'An administrator makes the key, hands the public key file to the counsel and compares the fingerprint with them on the phone.',
    name: 'Name',
    fingerprint: 'Fingerprint',
  },
  peers: {
    title: 'Paired counsel keys',
    empty: 'No counsel key has been paired yet',
    counsel: 'Counsel',
    name: 'Key name',
    fingerprint: 'Fingerprint',
    added: 'Added',
    state: 'State',
    active: 'Active',
    revoked: 'Revoked ({{day}})',
    by: '{{day}}, {{who}}',
  },
};

export default exchange;
