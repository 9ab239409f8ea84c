import type { SampleCode } from './format';

/**
 * The sample project's codebook: a two-level frame for interviews about multi-agency meetings held when a child
 * comes into care. Parents are codable for passages that fit the area but none of its children.
 */
export const sampleCodebook: SampleCode[] = [
  {
    path: 'Benefits to children',
    description:
      'What the child gains, or loses, from the meetings held when they come into care: what changed in their life because professionals met and planned together.',
    inclusion:
      'General statements about whether the meetings make a difference for children, and benefits that fit none of the subcodes (e.g. a child "not being forgotten").',
    exclusion:
      'Benefits to parents or professionals; a specific benefit covered by a subcode, which takes that subcode instead.',
    example: 'At their best, they make sure a child isn\'t forgotten.',
  },
  {
    path: "Benefits to children/Child's voice heard",
    description:
      "The child's own wishes, feelings or words reach the meeting and shape what is decided, whether the child attends, writes, draws, or speaks through an advocate or worker.",
    inclusion:
      "Accounts of how a child's view was gathered, brought into the meeting and acted on; and accounts of it being missing or reduced to a summary.",
    exclusion:
      'Professionals describing what they think is best for the child without reference to what the child said (code the relevant benefit instead).',
    example: 'He wrote a letter and asked me to read it out, and it changed the room.',
  },
  {
    path: 'Benefits to children/Continuity of relationships',
    description:
      'Keeping the people who matter to the child in their life: siblings placed together, contact with parents, grandparents and friends, and the same trusted professionals.',
    inclusion:
      'Decisions and problems about siblings, family time, friendships, pets and the loss or keeping of known professionals (a teacher, a health visitor) as the child moves.',
    exclusion:
      'Staying at the same school for the sake of learning (Education kept on track); the placement itself lasting (Stability of placement).',
    example: 'They sorted it so she still sees her nan every other weekend.',
  },
  {
    path: 'Benefits to children/Stability of placement',
    description:
      'The placement is settled, lasts and meets the child\'s needs, or breaks down; includes what carers need to know for a placement to hold.',
    inclusion:
      'Placement moves and breakdowns, settling in, number of placements, and indicators of settledness (behaviour, attendance, no missing episodes) linked to the placement.',
    exclusion: 'Permanence decisions discussed only in legal terms; school moves (Education kept on track).',
    example: 'He\'s been there since January and it\'s holding.',
  },
  {
    path: 'Benefits to children/Education kept on track',
    description:
      "The child's schooling continues with as little disruption as possible: school place kept, transport, PEP, attendance and the school knowing what has happened.",
    inclusion:
      'Decisions about changing or keeping schools, PEPs, virtual school involvement, attendance and attainment, and schools being told in time to support the child.',
    exclusion: 'Schools as agencies attending or missing meetings (Missing agencies), unless the child\'s education is the point.',
    example: 'His teacher knew before he walked in, so he didn\'t have to explain.',
  },
  {
    path: 'Benefits to children/Health needs identified early',
    description:
      'Health needs that are noticed, assessed or treated because the child came into care or because the meetings brought health information together.',
    inclusion:
      'Initial and review health assessments, conditions picked up (hearing, dental, reflux, continence, weight), referrals to CAMHS, and needs missed or delayed.',
    exclusion: 'Parents\' own health, and the process of sharing health records (Consent and data protection).',
    example: 'The health assessment picked up glue ear; she hadn\'t been hearing properly for months.',
  },
  {
    path: 'Partnership with parents and carers',
    description:
      'How parents and carers take part in the meetings and in planning for the child: the working relationship between families and professionals.',
    inclusion: 'General remarks about working with parents or carers, and suggestions for involving them that fit no subcode.',
    exclusion: 'A specific experience covered by a subcode; the child\'s own participation (Child\'s voice heard).',
    example: 'A one-page thing for parents, saying what the meeting is, in normal English.',
  },
  {
    path: 'Partnership with parents and carers/Parents feel listened to',
    description:
      'Parents are heard, their views or requests change what happens, and they are recognised for what they do well.',
    inclusion:
      'Requests granted (a meeting time, contact on a certain day), parents speaking at length and being thanked, reassurance that lands, parents\' strengths named in the meeting.',
    exclusion: 'Parents attending but silent or overwhelmed (Parents excluded or overwhelmed).',
    example: 'She asked for contact on a Saturday so she could go to work, and we did it.',
  },
  {
    path: 'Partnership with parents and carers/Parents excluded or overwhelmed',
    description:
      'Parents are left out of decisions, or present but unable to take part because of the size, pace, or power of the meeting.',
    inclusion:
      'Decisions made before parents arrive, large numbers of professionals, parents silent or distressed, not understanding why an agency is there, signing consent without understanding.',
    exclusion: 'Difficulty caused specifically by professional language (Language and jargon) or by feeling judged (Shame and blame).',
    example: 'There were eleven people in the room, and two on the phone.',
  },
  {
    path: 'Partnership with parents and carers/Carers included in planning',
    description:
      'Foster carers, kinship carers and residential staff are invited, asked and given the information they need to care for the child.',
    inclusion:
      'Carers contributing observations, being asked for their view, bridging with parents, or not being told or invited.',
    exclusion: 'Placement stability as an outcome (Stability of placement).',
    example: 'The IRO turned to the carer and said, you\'re with him every day, what do we need to know?',
  },
  {
    path: 'Partnership with parents and carers/Language and jargon',
    description:
      'Professional terms, acronyms and written forms that parents (or professionals from other agencies) do not understand, and efforts to use plain words.',
    inclusion: 'Acronyms (PLO, ICPC, IHA, PEP), legal and clinical terms, long reports and minutes, plain-language summaries and explanations.',
    exclusion: 'Parents overwhelmed for reasons other than language (Parents excluded or overwhelmed).',
    example: 'She said, I don\'t know what half of this means.',
  },
  {
    path: 'Partnership with parents and carers/Shame and blame',
    description:
      'Parents feel judged, blamed or ashamed in the meetings, or professionals describe how what they say is heard as blame.',
    inclusion: 'Parents saying "it\'s all my fault", feeling on trial, generational shame (a parent who was in care), histories read out in front of others.',
    exclusion: 'Professional self-blame (Anxiety and accountability).',
    example: 'She heard everything we said as "you\'re a bad mum".',
  },
  {
    path: 'Professional confidence',
    description:
      "Professionals' sense of being able, entitled and prepared to contribute to multi-agency meetings.",
    inclusion: 'General statements about feeling intimidated, confident or out of place that fit none of the subcodes.',
    exclusion: 'Specific sources of confidence or its lack that a subcode names.',
    example: 'I find them quite intimidating, if I\'m honest. Less now.',
  },
  {
    path: 'Professional confidence/Knowing the role',
    description:
      'Whether a professional knows what is expected of them in a given meeting, and where their remit begins and ends.',
    inclusion: 'Uncertainty about whether to attend or what to contribute; clear statements of one\'s own remit; role conflict (whose side am I on?).',
    exclusion: 'Lack of training as the stated cause (Training and induction).',
    example: 'I\'m not sure whether I\'m supposed to go once the child\'s in care. Nobody\'s ever said.',
  },
  {
    path: 'Professional confidence/Challenging other agencies',
    description:
      'Questioning, disagreeing with or escalating concerns about another agency\'s view, actions or inaction, or holding back from doing so.',
    inclusion: 'Challenging thresholds, formal escalation and dispute resolution, asking an agency for a date, professional hierarchy that makes challenge hard.',
    exclusion: 'Complaints about an agency made only in the interview, not in practice (code the subject of the complaint).',
    example: 'I\'ll email their manager the same afternoon.',
  },
  {
    path: 'Professional confidence/Training and induction',
    description:
      'Preparation for multi-agency meetings through qualifying training, induction, courses, shadowing or informal learning.',
    inclusion: 'What training covered or left out, learning by watching others, e-learning, role-play, pairing new staff with experienced colleagues.',
    exclusion: 'Ongoing case supervision (Supervision and support).',
    example: 'Nobody teaches you how to sit in a room with eight professionals and a crying parent and hold it.',
  },
  {
    path: 'Professional confidence/Anxiety and accountability',
    description:
      'Worry about getting it wrong, being blamed, or carrying responsibility for decisions about a child, and how it affects what professionals say.',
    inclusion: 'Fear of having missed something, sleepless nights over decisions, signatures on authorisations, staying quiet for fear of saying something stupid.',
    exclusion: 'General distress from the work without a sense of responsibility or blame (Emotional impact on professionals).',
    example: 'It\'s my signature. That\'s the bit that keeps me up at night.',
  },
  {
    path: 'Professional confidence/Supervision and support',
    description:
      'Formal supervision, peer support and informal support that help professionals reflect on and cope with the meetings and the cases behind them.',
    inclusion: 'Safeguarding and management supervision, its frequency, quality or absence, peer groups, team rituals.',
    exclusion: 'Training courses (Training and induction).',
    example: 'You can sit there and say, I don\'t know if I did the right thing, and she\'ll go through it with you.',
  },
  {
    path: 'Interprofessional working and information sharing',
    description: 'How agencies work together around a child and share what they know, in and between meetings.',
    inclusion: 'General descriptions of joint working (co-located teams, relationships between agencies) that fit no subcode.',
    exclusion: 'Specific aspects named by the subcodes.',
    example: 'We sit in the same office as the duty team and the health nurses.',
  },
  {
    path: 'Interprofessional working and information sharing/Information shared in advance',
    description: 'Whether reports and information reach participants, including parents, before the meeting.',
    inclusion: 'Late or absent reports, reading reports in the car park, research summaries sent ahead, agencies finding out about a child late.',
    exclusion: 'Information withheld for legal or consent reasons (Consent and data protection).',
    example: 'The report comes at eleven o\'clock at night before a ten o\'clock review.',
  },
  {
    path: 'Interprofessional working and information sharing/Consent and data protection',
    description:
      'Consent, confidentiality and data protection as reasons to share or withhold information, and uncertainty about what may be shared with whom.',
    inclusion: 'GDPR cited as a barrier, Gillick competence, ongoing investigations, records across trusts, sharing a parent\'s own health information.',
    exclusion: 'Information arriving late for other reasons (Information shared in advance).',
    example: 'People think GDPR means you can\'t share anything, and it\'s the opposite.',
  },
  {
    path: 'Interprofessional working and information sharing/Missing agencies',
    description: 'Agencies that are not invited, do not attend or send nothing, and what is lost as a result.',
    inclusion: 'Absent health, school, CAMHS, housing or GPs; professionals who were not invited despite knowing the child.',
    exclusion: 'Parents or carers not invited (the Partnership subcodes).',
    example: 'Health are very often not there at strategies.',
  },
  {
    path: 'Interprofessional working and information sharing/Chairing and facilitation',
    description: 'How the meeting is chaired or facilitated, and the effect of the chair on the meeting.',
    inclusion: 'Chairs who structure the discussion, hold agencies to account, notice a parent\'s distress, or let the meeting drift.',
    exclusion: 'The chair\'s follow-up of actions after the meeting (Actions and follow-up).',
    example: 'She won\'t move on until she\'s got a date.',
  },
  {
    path: 'Interprofessional working and information sharing/Actions and follow-up',
    description: 'What happens to the actions agreed in meetings: who owns them, whether they are done and whether anyone notices.',
    inclusion: 'Actions falling on one agency, actions carried forward, trackers, named owners and dates, delays in transfer of records.',
    exclusion: 'Disagreements about the decision itself (Challenging other agencies).',
    example: 'The minutes say "police to update" and two weeks later nobody has.',
  },
  {
    path: 'Meeting practicalities',
    description: 'The practical arrangements of meetings: when, where, how long and in what format.',
    inclusion: 'Venues, length and general arrangements that fit neither subcode.',
    exclusion: 'Notice and timing, and online or hybrid format (the subcodes).',
    example: 'If a strategy gets moved, it\'s chaos.',
  },
  {
    path: 'Meeting practicalities/Timing and notice',
    description: 'The time of day meetings are held and how much notice participants receive.',
    inclusion: 'Friday afternoon and late-day strategies, invitations the day before, clashes with clinics, lessons, work or the school run.',
    exclusion: 'Workload as a whole (Workload and time pressure).',
    example: 'I\'ve had invitations the day before, and I\'ve got clinics booked.',
  },
  {
    path: 'Meeting practicalities/Virtual and hybrid meetings',
    description: 'Meetings held online or with some participants joining remotely, and how that helps or hinders participation.',
    inclusion: 'Teams strategies, parents joining by phone, cameras off, being left in a waiting room, young people preferring to join remotely.',
    exclusion: 'Phone calls outside meetings.',
    example: 'Mum\'s joining on her phone on a bus and the sound keeps dropping.',
  },
  {
    path: 'Emotional impact on professionals',
    description: 'The feelings the meetings and the cases behind them stir up in professionals, during and after.',
    inclusion: 'Distress, anger, sadness, guilt or being moved; taking cases home; physical reactions after a hard meeting.',
    exclusion: 'Worry about blame or responsibility (Anxiety and accountability).',
    example: 'I sat in my car for ten minutes before I could drive.',
  },
  {
    path: 'Workload and time pressure',
    description: 'Caseloads, vacancies and competing demands that limit how professionals prepare for, attend and follow up meetings.',
    inclusion: 'Numbers of cases or schools, back-to-back meetings, writing reports the night before, vacancies covered by agency staff.',
    exclusion: 'Short notice for a particular meeting (Timing and notice).',
    example: 'I\'ve got twenty-three children at the moment. It\'s not possible every time.',
  },
  {
    path: 'Good practice examples',
    description: 'Specific practices participants describe as working well and that others could adopt.',
    inclusion: 'Concrete examples: pre-meeting visits with parents, letters to children, advocates, action trackers, research summaries, young people chairing.',
    exclusion: 'General praise without a described practice.',
    example: 'I met mum the day before and went through the form with her in plain English.',
  },
];
