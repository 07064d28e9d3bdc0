/** Test data of our own writing for issue 14 (not from any article). */
/** A short English report of our own writing, translating two of Pistorius's statements its own way. */
export const SECOND_REPORT = [
  'Berlin. The defence minister told reporters on Tuesday that Russian intelligence had found the call by luck.',
  'Boris Pistorius said on Tuesday: “It has to be assumed that access to this conference was a random hit as part of a wide, scattered approach.”',
  'He added: “For the Russian services it was a real find... targeted hacking took place in the hotels used across the board.”',
  'The minister said no spy had been on the call.',
].join('\n');
