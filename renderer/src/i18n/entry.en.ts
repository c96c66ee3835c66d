/** English strings of data entry. */
import type entry from './entry.zh-CN';
import type { Shape } from './shape';

const entry_en: Shape<typeof entry> = {
  date: {
    placeholder: 'e.g. 2026-03-10',
    understood: 'Read as {{date}}',
    understoodFormat: 'dddd, D MMMM YYYY',
    pick: 'Pick from the calendar',
    problem: {
      empty: 'Enter a date',
      unrecognised: 'Cannot read “{{typed}}”: write 2026-03-10, 2026/3/10, 2026.3.10 or 20260310',
      noSuchDay: 'There is no such day: “{{typed}}”',
      yearOutOfRange: 'Implausible year: “{{typed}}” ({{min}}–{{max}})',
      shortYear: 'Write the year of “{{typed}}” with four digits',
      ambiguousOrder: 'Cannot tell month from day in “{{typed}}”: write year-month-day',
    },
    future: 'Cannot be after today ({{today}})',
    before: 'Cannot be before the {{what}} ({{day}})',
  },
  itemCount: {
    tooltip: 'How many distinct items this consultation covers, the “items” of “N consultations (M items)”: one contract, one document or one question needing its own opinion is 1 item; 3 contracts sent together are 3 items.',
    empty: 'Enter the number of items',
    decimal: 'The number of items must be a whole number',
    notNumber: 'The number of items must be a number',
    range: 'The number of items must be between {{min}} and {{max}}',
  },
  secrecy: {
    label: 'Classification',
    level: { none: 'None', workSecret: 'Work secret' },
    hint: 'This is a non-classified system: items classified secret, confidential or top secret cannot be registered. Work-secret items must be confirmed before they go into a review package.',
  },
  unsaved: {
    title: 'Unsaved changes',
    content: 'What you typed here has not been saved and will be lost. Leave anyway?',
    leave: 'Discard and leave',
    stay: 'Keep editing',
  },
};

export default entry_en;
