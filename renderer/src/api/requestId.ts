/**
 * The idempotency key of one form (contract.ts `requestId`): made once when the form
 * opens, sent with every attempt to save it, so a double click, a retry or the same
 * form saved twice registers one item (the router answers a repeat with the first).
 */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // not a secure context: the same shape from getRandomValues
  const b = crypto.getRandomValues(new Uint8Array(16));
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
