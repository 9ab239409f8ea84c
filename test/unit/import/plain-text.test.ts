import { describe, expect, it } from 'vitest';
import { importPlainText, markdownBlocks } from '../../../shared/import/plain-text';
import { speakersOf } from '../../../shared/import/speakers';
import { blocksOf, ownBytes, turnsOf, utf16, utf8 } from './helpers';

describe('plain text transcripts, one per label style', () => {
  it('Name: labels, with a header kept outside the turns and "Note:" or "10:30" inside a turn left alone', () => {
    const doc = importPlainText(ownBytes('colon-names.txt'), 'colon-names.txt');
    expect(doc.name).toBe('colon-names');
    expect(doc.format).toBe('txt');
    expect(doc.encoding).toBe('utf-8');
    expect(turnsOf(doc)).toEqual([
      ['Interviewer', undefined, 'Thanks for making time. Can you tell me about the first meeting after the child came into care?'],
      ['Dana', undefined, "It was at 10:30 on a Monday, so the school had already started. Note: I'm not sure the parents knew about it."],
      ['Interviewer', undefined, 'And who was there?'],
      ['Dana', undefined, 'The social worker, the health visitor and me. The police joined by phone.\nIt felt rushed, honestly.'],
      ['Int', undefined, 'What would have helped?'],
      ['Dana', undefined, 'Having the report beforehand.'],
    ]);
    expect(blocksOf(doc)[0]).toEqual(['paragraph', 'Interview with P07 (Dana), 3 March 2024, family centre']);
    expect(doc.text.startsWith('Interview with P07 (Dana), 3 March 2024, family centre\n\nThanks for making time.')).toBe(true);
    expect(doc.speakerLabels?.map((l) => [l.label, l.count, l.accepted])).toEqual([
      ['Interviewer', 2, true],
      ['Dana', 3, true],
      ['Int', 1, true],
    ]);
  });

  it('merges labels through the speaker map', () => {
    const doc = importPlainText(ownBytes('colon-names.txt'), 'colon-names.txt', 'txt', { speakerMap: { Int: 'Interviewer' } });
    expect(speakersOf(doc.turns)).toEqual(['Interviewer', 'Dana']);
    expect(doc.turns[4]).toMatchObject({ speaker: 'Interviewer' });
  });

  it('NAME: labels in capitals with [hh:mm:ss] times before them', () => {
    const doc = importPlainText(ownBytes('caps-timestamps.txt'), 'caps-timestamps.txt');
    expect(turnsOf(doc)).toEqual([
      ['INTERVIEWER', 5, 'Could you start by describing your role?'],
      ['RESPONDENT', 12, "I'm a health visitor in Eastfield."],
      ['INTERVIEWER', 83, 'How long have you been in post?'],
      ['RESPONDENT', 90, 'Nine years, give or take.'],
      ['FACILITATOR', 3723, 'We need to stop there.'],
    ]);
  });

  it('[Name] labels, with [Laughter] and [inaudible] kept as text', () => {
    const doc = importPlainText(ownBytes('brackets.txt'), 'brackets.txt');
    expect(turnsOf(doc)).toEqual([
      ['Interviewer', undefined, 'So what happened next?'],
      ['P03', undefined, 'We called a meeting. [Laughter] It was chaos.\n[Laughter]'],
      ['Interviewer', undefined, 'Chaos in what way?'],
      ['P03', undefined, "Nobody had the same information. [inaudible] And the family weren't told."],
    ]);
  });

  it('Q: and A:', () => {
    const doc = importPlainText(ownBytes('qa.txt'), 'qa.txt');
    expect(turnsOf(doc).map(([s, , t]) => [s, t.slice(0, 12)])).toEqual([
      ['Q', 'What does a '],
      ['A', 'Everyone has'],
      ['Q', 'And a bad on'],
      ['A', 'When we only'],
    ]);
  });

  it('Interviewer (mm:ss): and Participant (mm:ss): with the time after the label', () => {
    const doc = importPlainText(ownBytes('paren-times.txt'), 'paren-times.txt');
    expect(turnsOf(doc)).toEqual([
      ['Interviewer', 725, 'Shall we begin?'],
      ['Participant', 751, 'Yes.'],
      ['Interviewer', 782, 'Tell me about information sharing.'],
      ['Participant', 820, 'It depends on the agency.'],
    ]);
    expect(doc.text).toBe('Shall we begin?\nYes.\nTell me about information sharing.\nIt depends on the agency.\n');
  });

  it('a label alone on its line with a time (Otter), the text on the lines below', () => {
    const doc = importPlainText(ownBytes('otter.txt'), 'otter.txt');
    expect(doc.text).toBe("Hello, can you hear me?\n\nYes, loud and clear.\nI'm in the car, sorry.\n\nNo problem at all.\n");
    expect(turnsOf(doc)).toEqual([
      ['Speaker 1', 3, 'Hello, can you hear me?'],
      ['Speaker 2', 7, "Yes, loud and clear.\nI'm in the car, sorry."],
      ['Speaker 1', 75, 'No problem at all.'],
    ]);
  });

  it('prose with "Note:", "Summary:" and "10:30" has no turns and keeps its text exactly', () => {
    const bytes = ownBytes('prose.txt');
    const doc = importPlainText(bytes, 'prose.txt');
    expect(doc.turns).toEqual([]);
    expect(doc.text).toBe(new TextDecoder().decode(bytes));
    expect(blocksOf(doc).map(([, t]) => t.slice(0, 20))).toEqual([
      'Multi-agency meeting',
      'The first meeting us',
      'Practitioners descri',
    ]);
  });

  it('keeps the text untouched when detection is off', () => {
    const bytes = ownBytes('qa.txt');
    const doc = importPlainText(bytes, 'qa.txt', 'txt', { detectSpeakers: false });
    expect(doc.turns).toEqual([]);
    expect(doc.text).toBe(new TextDecoder().decode(bytes));
    // No blank lines in the file: one paragraph per line.
    expect(doc.blocks).toHaveLength(4);
  });
});

describe('normalised stored text', () => {
  it('normalises line ends and Unicode once, in every encoding', () => {
    const source = 'Interviewer: Cafe\u0301?\r\nDana: Oui.\rInterviewer: Merci.\r\nDana: De rien.';
    for (const bytes of [utf8(source), utf16(source, 'le'), utf16(source, 'be')]) {
      const doc = importPlainText(bytes, 'a.txt');
      expect(doc.text).toBe('Café?\nOui.\nMerci.\nDe rien.');
      expect(doc.text.length).toBe(26); // 5 + 4 + 6 + 8 characters and 3 line ends
      expect(turnsOf(doc)[0]).toEqual(['Interviewer', undefined, 'Café?']);
    }
  });
});

describe('Markdown', () => {
  it('takes headings and bullets into blocks and **Name:** labels into turns', () => {
    const doc = importPlainText(ownBytes('interview.md'), 'interview.md', 'md');
    expect(doc.format).toBe('md');
    expect(blocksOf(doc)).toEqual([
      ['heading1', 'Interview P12'],
      ['heading2', 'Background'],
      ['list-item', 'Role: team manager'],
      ['list-item', "Agency: children's social care"],
      ['heading2', 'Transcript'],
      ['paragraph', 'How did the meeting go?'],
      ['paragraph', "Better than last time. We had the *child's* views written down."],
      ['paragraph', 'What changed?'],
      ['paragraph', 'The IRO chased everyone for reports.'],
    ]);
    expect(turnsOf(doc).map(([s, , t]) => [s, t])).toEqual([
      ['Interviewer', 'How did the meeting go?'],
      ['P12', "Better than last time. We had the *child's* views written down."],
      ['Interviewer', 'What changed?'],
      ['P12', 'The IRO chased everyone for reports.'],
    ]);
    // "Role:" and "Agency:" are list items, not speakers.
    expect(doc.speakerLabels?.filter((l) => !l.accepted).map((l) => l.label)).toEqual(['Role', 'Agency']);
  });

  it('keeps numbered items, closing hashes and fenced code as written', () => {
    const md = markdownBlocks('## Title ##\n1. first\n2) second\n\n```\n# not a heading\n```\n');
    expect(md.text).toBe('Title\n1. first\n2) second\n\n```\n# not a heading\n```\n');
    expect(blocksOf(md)).toEqual([
      ['heading2', 'Title'],
      ['list-item', '1. first'],
      ['list-item', '2) second'],
      ['paragraph', '```\n# not a heading\n```'],
    ]);
  });
});
