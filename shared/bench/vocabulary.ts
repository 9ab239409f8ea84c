/**
 * The words of the benchmark corpus, most frequent first: spoken English function words, then the vocabulary of
 * multi-agency practice, then a long tail of made-up but pronounceable words. Sampled with Zipf-like frequencies
 * (rank r drawn with weight (r + 2.7)^-1.1), a search for a word near the top finds thousands of hits and one from
 * the tail a handful, as in real transcripts.
 */
import { type Random } from './random';

const SPOKEN = `the and i to a that of it you was in we they so but is it's for on with like there what just be have
  not at about this think know were all really because if he she them or do had as one when then would which
  there's going them our been don't can more very an me my up out very people things yeah well kind time how lot
  sort actually said get us who could some other got did by from where those no it was any same mean first see
  little bit maybe still only even quite also much way something back make say your want these need now why say
  thing both always never every sometimes probably different important whole again over into before after than
  while through around being might should will right different feel felt thought went came took gave made`;

const PRACTICE = `meeting child children parents family carer carers school social worker health visitor police plan
  information share sharing care placement foster home support review agency agencies professional professionals
  team manager case conference report decision decisions risk safeguarding concern concerns referral assessment
  needs trust relationship relationships partnership consent voice views wishes feelings mother father grandparent
  sibling siblings teacher nurse doctor officer chair minutes agenda outcome outcomes progress contact visit visits
  court order legal plan planning review reviewing independent advocate interpreter record records confidential
  confidentiality multi-agency hospital gp midwife therapist camhs education attendance exclusion behaviour
  emotional wellbeing mental health trauma neglect domestic abuse substance housing benefits poverty transport
  timing notice preparation paperwork email phone call follow-up actions tasks responsibility responsibilities
  accountable accountability leadership supervision training experience confidence confident anxious worried
  upset angry frustrated relieved pleased helpful useful difficult hard easy quick slow late early delay delays
  week weeks month months day days year years morning afternoon evening first second third last next previous
  listen listened heard understand understood explain explained agreed disagreed challenged challenge questions
  answered discussion discussed shared reported recorded decided planned arranged attended missed cancelled
  rescheduled invited included excluded involved engaged participation participate contribution contributed`;

const GENERAL = `year work life world hand part place case week company system program question government number night
  point home water room mother area money story fact month lot right study book eye job word business issue side
  kind head house service friend father power hour game line end member law car city community name president
  team minute idea kid body back parent face others level office door health person art war history party result
  change morning reason research girl guy moment air teacher force education foot boy age policy everything process
  music market sense nation plan college interest death experience effect use class control field development role
  effort rate heart drug show leader light voice wife police mind price report decision son view relationship town
  road arm difference value building action model season society tax director position player record paper space
  ground form event official matter center couple site project activity star table need court american oil
  situation cost industry figure street image phone data picture practice piece land product doctor wall patient
  worker news test movie north love support technology step baby computer type attention film tree source
  organization hair window evidence population truth song interview chance staff fear concern answer
  good new old great high small large big long young important bad early able late hard major better sure clear
  whole real best free full special easy strong certain likely personal open red difficult available simple
  ask tell work seem feel try leave call keep let begin help talk turn start show hear play run move live believe
  hold bring happen write provide sit stand lose pay meet include continue set learn lead understand watch follow
  stop create speak read allow add spend grow open walk win offer remember consider appear buy wait serve die send
  expect build stay fall cut reach kill remain suggest raise pass sell require report decide pull`;

const SYLLABLES = ['ba', 'be', 'bo', 'ca', 'da', 'de', 'do', 'fa', 'fe', 'ga', 'ha', 'ka', 'ki', 'la', 'le', 'li', 'lo', 'ma', 'me', 'mi', 'mo', 'na', 'ne', 'no', 'pa', 'pe', 'po', 'ra', 're', 'ri', 'ro', 'sa', 'se', 'si', 'so', 'ta', 'te', 'ti', 'to', 'va', 've', 'vi', 'wa', 'we', 'ya', 'za', 'bran', 'cor', 'del', 'fen', 'gar', 'hol', 'mar', 'nor', 'pen', 'ster', 'tan', 'vel', 'wick'];

/** Size of the vocabulary: 30,000 word types. */
export const VOCABULARY_SIZE = 30_000;

export interface Vocabulary {
  words: readonly string[];
  /** Cumulative weights, rising to 1, for drawing a word by rank. */
  cumulative: Float64Array;
}

let cached: Vocabulary | undefined;

/** The vocabulary, built once (it never depends on the corpus seed, so search terms stay the same). */
export function vocabulary(makeRandom: (seed: number) => Random): Vocabulary {
  if (cached) return cached;
  const words: string[] = [];
  const seen = new Set<string>();
  const add = (w: string) => {
    if (w && !seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  };
  for (const w of SPOKEN.split(/\s+/)) add(w);
  for (const w of PRACTICE.split(/\s+/)) add(w);
  for (const w of GENERAL.split(/\s+/)) add(w);
  const random = makeRandom(0x7e55e7a);
  while (words.length < VOCABULARY_SIZE) {
    const parts = 2 + Math.floor(random() * 3);
    let w = '';
    for (let k = 0; k < parts; k++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)]!;
    add(w);
  }
  const cumulative = new Float64Array(words.length);
  let total = 0;
  for (let r = 0; r < words.length; r++) {
    total += Math.pow(r + 2.7, -1.1);
    cumulative[r] = total;
  }
  for (let r = 0; r < words.length; r++) cumulative[r] = cumulative[r]! / total;
  cached = { words, cumulative };
  return cached;
}

/** A word drawn by Zipf-like frequency (binary search of the cumulative weights). */
export function drawWord(vocab: Vocabulary, random: Random): string {
  const u = random();
  const c = vocab.cumulative;
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return vocab.words[lo]!;
}
