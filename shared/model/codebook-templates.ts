/**
 * Codebook templates to start from: structures the field uses often. Each code carries a definition so the
 * codebook can be published as it stands.
 */
export interface TemplateCode {
  name: string;
  description: string;
  inclusion?: string;
  exclusion?: string;
  example?: string;
  children?: TemplateCode[];
}

export interface CodebookTemplate {
  id: string;
  name: string;
  summary: string;
  codes: TemplateCode[];
}

export const CODEBOOK_TEMPLATES: readonly CodebookTemplate[] = [
  {
    id: 'keep-stop-start',
    name: 'Keep doing / Stop doing / Start doing / Good practice',
    summary: 'For practice forums and reflective sessions: sort what was said into actions for the service.',
    codes: [
      { name: 'Keep doing', description: 'Practice participants value and want to continue.', inclusion: 'Explicit or implied endorsement of something already done.', exclusion: 'Wishes for new practice (Start doing).', example: '“The pre-meeting with the family really works, we should keep that.”' },
      { name: 'Stop doing', description: 'Practice participants see as unhelpful or harmful and want to end.', inclusion: 'Criticism of current practice with a wish for it to stop.', exclusion: 'Criticism without a wish to change (code elsewhere).', example: '“Sending the report the night before has to stop.”' },
      { name: 'Start doing', description: 'New practice participants propose.', inclusion: 'Suggestions, ideas, things seen elsewhere.', exclusion: 'Changes to existing practice framed as stopping something.', example: '“We could start inviting the foster carer to the whole meeting.”' },
      { name: 'Good practice', description: 'Concrete examples of practice working well, worth sharing.', inclusion: 'A specific story or instance with an outcome.', exclusion: 'General praise without an example.', example: '“In the Jones case the school and health visitor met beforehand and it transformed the meeting.”' },
    ],
  },
  {
    id: 'quality-framework',
    name: 'Case file quality rating (six-point scale)',
    summary: 'For rating case files against a quality framework in pairs of readers from different agencies.',
    codes: [
      { name: 'Excellent', description: 'Practice exceeds the standard in every respect; a model for others.' },
      { name: 'Very good', description: 'Practice meets the standard throughout with some strengths beyond it.' },
      { name: 'Good', description: 'Practice meets the standard.' },
      { name: 'Adequate', description: 'Practice meets the minimum standard with some gaps.' },
      { name: 'Weak', description: 'Practice falls below the standard in important respects.' },
      { name: 'Unsatisfactory', description: 'Practice fails to meet the standard; children may be at risk.' },
    ],
  },
  {
    id: 'multi-agency-meetings',
    name: 'Multi-agency meetings (starter)',
    summary: 'A small starter set for studies of multi-agency meetings in children’s services.',
    codes: [
      { name: 'Benefits to children', description: 'Ways the meeting or its outcomes help the child.', children: [{ name: 'Child’s voice heard', description: 'The child’s wishes and feelings are sought, represented or acted on.' }] },
      { name: 'Partnership with parents and carers', description: 'How parents and carers take part in, experience or are kept from the meeting.' },
      { name: 'Professional confidence', description: 'Professionals’ sense of their own role, competence and authority in the meeting.' },
      { name: 'Information sharing', description: 'What is shared between agencies, when, and under what consent.' },
    ],
  },
];
