/**
 * What the admin typed back, as the contract reads it: spaces, dashes and lower case do not
 * matter ("ab12 cd34…" → "AB12-CD34-…"); null when it is not 16 letters or digits.
 */
export function normalizeFingerprint(typed: string): string | null {
  const plain = typed.replace(/[\s\-–—_]/g, '').toUpperCase();
  if (!/^[0-9A-Z]{16}$/.test(plain)) return null;
  return plain.match(/.{4}/g)!.join('-');
}
