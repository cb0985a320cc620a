// Promotion gates and durations, sent by the server as codes (./message.ts) and said by the page in its
// language: the soak gate's label and detail, and `{ ms }` durations ("5 h 10 min", "3 days").
export const enGates = {
  'gate.soak.label': 'DEV stable for {time}',
  'gate.soak.noInfo': 'No health information about DEV yet.',
  'gate.soak.broken': 'DEV is {health} right now: fix DEV before promoting.',
  'gate.soak.unsettled': 'DEV is not settled yet ({sync}, {health}).',
  'gate.soak.passed': 'DEV has been healthy on this version for {time}.',
  'gate.soak.waiting': 'DEV has been healthy for {time}; {left} to go.',
  'dur.min': '{n} min',
  'dur.h': '{h} h',
  'dur.hmin': '{h} h {m} min',
  'dur.days': '{d, plural, one {# day} other {# days}}',
  'dur.daysh': '{d, plural, one {# day} other {# days}} {h} h',
} as const;
