// What a person might type into the demo: short descriptions of meanings, the way search-as-you-type is used.
export const KEYSTROKE_QUERIES = [
  'a tool for cutting wood', 'large body of salt water', 'feeling very happy', 'a place to borrow books',
  'to run away quickly', 'small furry pet', 'a sudden loud noise', 'cooking food in an oven', 'the study of stars',
  'someone who fixes teeth', 'very cold weather', 'a musical instrument with strings', 'to speak softly',
  'an illness of the lungs', 'money paid for work', 'a building for worship', 'to fall asleep', 'bright red color',
  'a boat with sails', 'the opposite of war', 'a sweet yellow fruit', 'to climb a mountain', 'a doctor for animals',
  'writing a letter', 'a very old person', 'to repair a machine', 'a room for sleeping', 'rain with thunder',
  'the feeling of fear', 'a game played with a ball', 'to borrow money', 'a shoe for running', 'slowly and carefully',
  'a bird that cannot fly', 'to lose weight', 'a tall narrow building', 'medicine for pain', 'the edge of the sea',
  'to laugh loudly', 'a drink made from leaves', 'a person who steals', 'to grow vegetables', 'a vehicle on rails',
  'the art of folding paper', 'an angry argument', 'a map of the world', 'to hide something', 'a cold dessert',
  'a judge in a court', 'quickly and without thinking',
];
