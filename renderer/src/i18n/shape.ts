/** The shape a locale's strings must have: the same keys as the Chinese object, string values. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
