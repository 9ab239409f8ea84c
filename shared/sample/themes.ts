import type { SampleTheme } from './format';

/** Three candidate themes, at the stage of phase 3 (generating themes): each gathers codes from several areas. */
export const sampleThemes: SampleTheme[] = [
  {
    name: 'Benefits to children',
    definition:
      'The meetings matter when they change something concrete in the child\'s life: a sibling rejoined, a school kept, glue ear or rotten teeth noticed, a dog fed. Participants judge a meeting by whether the child was known as a person in it, through their own words, a carer\'s observations or a worker who had time to see them, rather than by whether the process was followed.',
    boundaries:
      'Not the benefits of good meetings to parents or professionals, and not the quality of the process for its own sake: a well-chaired meeting belongs here only when participants link it to what changed for the child. Health or education issues described only as agency attendance belong to interprofessional working.',
    codes: [
      'Benefits to children',
      "Benefits to children/Child's voice heard",
      'Benefits to children/Continuity of relationships',
      'Benefits to children/Stability of placement',
      'Benefits to children/Education kept on track',
      'Benefits to children/Health needs identified early',
      'Partnership with parents and carers/Carers included in planning',
      'Interprofessional working and information sharing/Missing agencies',
      'Good practice examples',
    ],
  },
  {
    name: 'Partnership with parents and carers',
    definition:
      'Parents arrive at the first meetings feeling on trial, and partnership depends on whether professionals make room for them before, during and after the meeting: explaining in plain words, meeting them beforehand, changing a time, naming what they do well. Carers are a bridge between child and parent when they are asked, and a lost source of knowledge when they are not.',
    boundaries:
      'Not the child\'s own participation (Benefits to children), and not relationships between agencies. Professionals\' own feelings about difficult encounters with parents belong to professional confidence unless the parent\'s experience is the point.',
    codes: [
      'Partnership with parents and carers',
      'Partnership with parents and carers/Parents feel listened to',
      'Partnership with parents and carers/Parents excluded or overwhelmed',
      'Partnership with parents and carers/Carers included in planning',
      'Partnership with parents and carers/Language and jargon',
      'Partnership with parents and carers/Shame and blame',
      'Interprofessional working and information sharing/Information shared in advance',
      'Meeting practicalities/Timing and notice',
      'Meeting practicalities/Virtual and hybrid meetings',
      'Good practice examples',
    ],
  },
  {
    name: 'Professional confidence',
    definition:
      'Confidence in multi-agency meetings is learned on the job, unevenly, and shaped by a felt hierarchy of agencies: participants describe learning to ask for a date, to challenge or to stay quiet by watching others rather than through training. It rises with knowing one\'s role and having somewhere to take the weight of decisions, and falls with workload, isolation and fear of blame.',
    boundaries:
      'Not the organisation of meetings or whether agencies attend, except where a participant explains their own willingness to speak by it. Distress about a child\'s circumstances with no bearing on how the professional acts in meetings is emotional impact, not confidence.',
    codes: [
      'Professional confidence',
      'Professional confidence/Knowing the role',
      'Professional confidence/Challenging other agencies',
      'Professional confidence/Training and induction',
      'Professional confidence/Anxiety and accountability',
      'Professional confidence/Supervision and support',
      'Interprofessional working and information sharing/Chairing and facilitation',
      'Emotional impact on professionals',
      'Workload and time pressure',
    ],
  },
];
