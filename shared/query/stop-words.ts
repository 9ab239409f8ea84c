/**
 * Words left out of word frequencies: common English function words, and (as an option) the fillers and
 * back-channel words of spoken transcripts. Lower case; apostrophes written as ' (curly ones are folded to it).
 */

export const ENGLISH_STOP_WORDS: readonly string[] = [
  // articles, determiners, quantifiers
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'some', 'any', 'no', 'every', 'each', 'either', 'neither',
  'all', 'both', 'few', 'more', 'most', 'much', 'many', 'other', 'another', 'such', 'own', 'same', 'several',
  'enough', 'less', 'least', 'lot', 'lots',
  // pronouns
  'i', 'me', 'my', 'mine', 'myself', 'we', 'us', 'our', 'ours', 'ourselves', 'you', 'your', 'yours', 'yourself',
  'yourselves', 'he', 'him', 'his', 'himself', 'she', 'her', 'hers', 'herself', 'it', 'its', 'itself', 'they',
  'them', 'their', 'theirs', 'themselves', 'one', 'ones', 'oneself', 'who', 'whom', 'whose', 'which', 'what',
  'whatever', 'whoever', 'someone', 'somebody', 'something', 'anyone', 'anybody', 'anything', 'everyone',
  'everybody', 'everything', 'nobody', 'nothing', 'none',
  // be, have, do, modals
  'am', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'have', 'has', 'had', 'having', 'do', 'does', 'did',
  'doing', 'done', 'will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must', 'ought',
  // contractions
  "i'm", "i've", "i'd", "i'll", "you're", "you've", "you'd", "you'll", "he's", "he'd", "he'll", "she's", "she'd",
  "she'll", "it's", "it'd", "it'll", "we're", "we've", "we'd", "we'll", "they're", "they've", "they'd", "they'll",
  "that's", "that'd", "that'll", "there's", "there'd", "there'll", "here's", "what's", "who's", "where's",
  "when's", "why's", "how's", "let's", "isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't", "hadn't",
  "doesn't", "don't", "didn't", "won't", "wouldn't", "shan't", "shouldn't", "can't", "cannot", "couldn't",
  "mustn't", "mightn't", "needn't", "ain't",
  // prepositions
  'about', 'above', 'across', 'after', 'against', 'along', 'among', 'around', 'as', 'at', 'before', 'behind',
  'below', 'beneath', 'beside', 'besides', 'between', 'beyond', 'by', 'despite', 'down', 'during', 'except',
  'for', 'from', 'in', 'inside', 'into', 'near', 'of', 'off', 'on', 'onto', 'out', 'outside', 'over', 'past',
  'per', 'since', 'through', 'throughout', 'till', 'to', 'toward', 'towards', 'under', 'underneath', 'until',
  'unto', 'up', 'upon', 'via', 'with', 'within', 'without',
  // conjunctions
  'and', 'but', 'or', 'nor', 'so', 'yet', 'if', 'then', 'than', 'because', 'although', 'though', 'while',
  'whilst', 'whereas', 'unless', 'whether', 'once',
  // adverbs and question words
  'not', 'very', 'too', 'also', 'just', 'only', 'even', 'still', 'already', 'again', 'ever', 'never', 'always',
  'often', 'here', 'there', 'where', 'when', 'why', 'how', 'now', 'rather', 'quite', 'almost', 'perhaps',
  'maybe', 'else', 'however', 'therefore', 'thus', 'hence', 'instead', 'indeed', 'anyway', 'otherwise',
  'further', 'furthermore', 'moreover', 'away', 'back', 'together',
  // very common verbs with little content of their own
  'get', 'gets', 'got', 'gotten', 'getting', 'go', 'goes', 'went', 'gone', 'going', 'make', 'makes', 'made',
  'say', 'says', 'said', 'let', 'put', 'take', 'took', 'come', 'came',
];

/** Fillers, hesitations and back-channel words of spoken English, left out when the option is on. */
export const TRANSCRIPT_FILLERS: readonly string[] = [
  'um', 'umm', 'erm', 'er', 'err', 'uh', 'uhm', 'uhh', 'ah', 'ahh', 'eh', 'hm', 'hmm', 'mm', 'mmm', 'mhm',
  'mm-hmm', 'uh-huh', 'oh', 'ooh', 'yeah', 'yeh', 'yep', 'yup', 'yes', 'nah', 'no', 'okay', 'ok', 'right', 'like',
  'well', 'so', 'actually', 'basically', 'literally', 'really', 'just', 'sort', 'kind', 'kinda', 'sorta', 'know',
  'mean', 'gonna', 'wanna', 'gotta', "y'know", 'cos', "'cause", 'thing', 'things', 'stuff', 'anyway',
  'anyways', 'innit', 'alright',
];
