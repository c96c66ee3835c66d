/** The 2025 days the procedure tests count on (the State Council's 劳动节 and 国庆/中秋 schedules). */
/** 2025: 5/1–5/5 off, Sunday 4/27 worked; 10/1–10/8 off, Sunday 9/28 and Saturday 10/11 worked. */
export const HOLIDAYS_2025 = [
  { day: '2025-04-27', kind: 'workday', name: '劳动节调休' },
  ...['01', '02', '03', '04', '05'].map((d) => ({ day: `2025-05-${d}`, kind: 'holiday', name: '劳动节' })),
  { day: '2025-09-28', kind: 'workday', name: '国庆节调休' },
  ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => ({ day: `2025-10-${d}`, kind: 'holiday', name: '国庆节、中秋节' })),
  { day: '2025-10-11', kind: 'workday', name: '国庆节调休' },
];
