import { describe, expect, it } from 'vitest';
import { applyMergePlan, nameSimilarity, planMerge, remapRange, type MergeChanges } from '../../../shared/exchange/merge';
import { readQdpx } from '../../../shared/exchange/qdpx-read';
import { writeQdpx } from '../../../shared/exchange/qdpx-write';
import type { CodingRecord, ProjectData } from '../../../shared/model/types';
import { stableId } from '../../../shared/model/stable-id';
import { fixtureProject, id, TEXT_A } from './fixture-project';

const codingKeys = (p: ProjectData): string[] => {
  const docName = new Map(p.documents.map((d) => [d.id, d.name]));
  const codeName = new Map(p.codes.map((c) => [c.id, c.name]));
  const coderName = new Map(p.coders.map((c) => [c.id, c.name]));
  return p.codings
    .map((c) => `${docName.get(c.documentId)}|${codeName.get(c.codeId)}|${coderName.get(c.coderId)}|${c.start}|${c.end}`)
    .sort();
};

function changeCount(changes: MergeChanges): number {
  return [...Object.values(changes.added), ...Object.values(changes.updated)].reduce((n, list) => n + list.length, 0);
}

/** The same project as exported from another machine: every id different, names as another person typed them. */
function fromAnotherMachine(p: ProjectData): ProjectData {
  const map = new Map<string, string>();
  const re = (old: string): string => {
    if (!map.has(old)) map.set(old, stableId(`other-machine/${old}`));
    return map.get(old)!;
  };
  return {
    project: { ...p.project, id: re(p.project.id) },
    documents: p.documents.map((d) => ({ ...d, id: re(d.id), ...(d.caseId ? { caseId: re(d.caseId) } : {}) })),
    texts: p.texts.map((t) => ({ ...t, id: re(t.id) })),
    cases: p.cases.map((c) => ({ ...c, id: re(c.id) })),
    attributes: p.attributes.map((a) => ({ ...a, id: re(a.id) })),
    attributeValues: p.attributeValues.map((v) => ({ ...v, ownerId: re(v.ownerId), attributeId: re(v.attributeId) })),
    // Same names up to case and spacing.
    codes: p.codes.map((c) => ({ ...c, id: re(c.id), name: c.name.toUpperCase().replace(/ /g, '  '), ...(c.parentId ? { parentId: re(c.parentId) } : {}) })),
    codings: p.codings.map((c) => ({ ...c, id: re(c.id), documentId: re(c.documentId), codeId: re(c.codeId), coderId: re(c.coderId) })),
    memos: p.memos.map((m) => ({ ...m, id: re(m.id), targetId: re(m.targetId), ...(m.authorId ? { authorId: re(m.authorId) } : {}) })),
    themes: p.themes.map((t) => ({ ...t, id: re(t.id), codeIds: t.codeIds.map(re), ...(t.parentId ? { parentId: re(t.parentId) } : {}) })),
    coders: p.coders.map((c) => ({ ...c, id: re(c.id) })),
  };
}

describe('merging two coders’ files of one project', () => {
  it('brings both coders’ codings together, then merging again changes nothing', async () => {
    const project = fixtureProject();
    const amara = id('coder/amara');
    const ben = id('coder/ben');
    const mine = (await readQdpx(writeQdpx(project, { coderIds: [amara] }), 'amara.qdpx')).project;
    const theirs = (await readQdpx(writeQdpx(project, { coderIds: [ben] }), 'ben.qdpx')).project;
    expect(mine.codings).toHaveLength(3);
    expect(theirs.codings).toHaveLength(4);

    const plan = planMerge(mine, theirs);
    expect(plan.summary.documents).toEqual({ matched: 2, added: 0, remapped: 0 });
    expect(plan.summary.codes).toEqual({ matched: 5, added: 0, undecided: 0 });
    expect(plan.summary.coders).toEqual({ matched: 0, added: 1 });
    expect(plan.summary.codings).toEqual({ added: 4, duplicates: 0, unplaced: 0 });
    expect(plan.conflicts).toEqual([]);
    const first = applyMergePlan(mine, plan);
    expect(first.changes.added.codings).toHaveLength(4);
    expect(first.changes.added.coders.map((c) => c.name)).toEqual(['Ben Hughes']);
    expect(codingKeys(first.data)).toEqual(codingKeys(project));
    // Ben's memo about Dawn's interview came across, attached to the same document.
    expect(first.changes.added.memos.map((m) => [m.title, m.targetType, m.targetId])).toContainEqual(['About Dawn', 'document', id('doc/a')]);

    const again = applyMergePlan(first.data, planMerge(first.data, theirs));
    expect(changeCount(again.changes)).toBe(0);
    expect(again.data).toEqual(first.data);
    const planAgain = planMerge(first.data, theirs);
    expect(planAgain.summary.codings).toEqual({ added: 0, duplicates: 4, unplaced: 0 });
    expect(planAgain.summary.memos.added).toBe(0);
  });

  it('never duplicates an identical coding (same document, code, coder, start, end)', () => {
    const project = fixtureProject();
    const plan = planMerge(project, project);
    expect(plan.summary.codings).toEqual({ added: 0, duplicates: 7, unplaced: 0 });
    const result = applyMergePlan(project, plan);
    expect(changeCount(result.changes)).toBe(0);
    expect(result.data.codings).toHaveLength(7);
  });
});

describe('matching', () => {
  it('matches documents by content and codes by name path ignoring case and spacing when no GUID is shared', () => {
    const project = fixtureProject();
    const other = fromAnotherMachine(project);
    const plan = planMerge(project, other);
    expect(plan.documents.map((d) => d.match)).toEqual(['content', 'content']);
    expect(plan.codes.map((c) => c.match)).toEqual(['path', 'path', 'path', 'path', 'path']);
    expect(plan.coders.map((c) => c.match)).toEqual(['name', 'name']);
    expect(plan.cases.map((c) => c.match)).toEqual(['name', 'name']);
    expect(plan.themes.map((t) => t.match)).toEqual(['name', 'name', 'name', 'name']);
    expect(plan.summary.codings).toEqual({ added: 0, duplicates: 7, unplaced: 0 });
    const result = applyMergePlan(project, plan);
    expect(result.changes.added).toEqual({ documents: [], texts: [], cases: [], attributes: [], attributeValues: [], codes: [], codings: [], memos: [], themes: [], coders: [] });
    expect(changeCount(result.changes)).toBe(0);
  });

  it('leaves unmatched codes to the user, with similar names suggested; adds them by default or merges them as chosen', () => {
    const project = fixtureProject();
    const typo = id('code/typo');
    const incoming: ProjectData = {
      ...project,
      codes: [...project.codes, { ...project.codes[3]!, id: typo, name: 'Profesional confidance' }],
      codings: [{ id: id('coding/typo'), documentId: id('doc/b'), codeId: typo, coderId: id('coder/ben'), start: 0, end: 11, createdAt: 1 }],
      memos: [],
    };
    const plan = planMerge(project, incoming);
    const match = plan.codes.find((c) => c.incomingId === typo)!;
    expect(match.match).toBe('none');
    expect(match.suggestions[0]).toMatchObject({ currentId: id('code/confidence'), path: 'Professional confidence' });
    expect(plan.summary.codes.undecided).toBe(1);

    const added = applyMergePlan(project, plan);
    expect(added.changes.added.codes.map((c) => c.name)).toEqual(['Profesional confidance']);
    expect(added.changes.added.codings[0]!.codeId).toBe(typo);

    const mapped = applyMergePlan(project, plan, { codes: { [typo]: { action: 'map', currentId: id('code/confidence') } } });
    expect(mapped.changes.added.codes).toEqual([]);
    expect(mapped.changes.added.codings.map((c) => c.codeId)).toEqual([id('code/confidence')]);
  });

  it('lists conflicting descriptions and colours, keeps the current value unless told otherwise', () => {
    const project = fixtureProject();
    const incoming: ProjectData = {
      ...project,
      codes: project.codes.map((c) => (c.id === id('code/sharing') ? { ...c, color: '#000000', description: 'Passing on what we know.' } : c)),
    };
    const plan = planMerge(project, incoming);
    expect(plan.conflicts.map((c) => [c.id, c.current, c.incoming])).toEqual([
      [`code:${id('code/sharing')}:description`, 'Information sharing: what it means.', 'Passing on what we know.'],
      [`code:${id('code/sharing')}:color`, '#ee6677', '#000000'],
    ]);
    const kept = applyMergePlan(project, plan);
    expect(changeCount(kept.changes)).toBe(0);
    const taken = applyMergePlan(project, plan, { conflicts: { [`code:${id('code/sharing')}:color`]: 'incoming' } });
    expect(taken.changes.updated.codes).toEqual([{ ...project.codes[4]!, color: '#000000' }]);
    // Merging again after taking it: the colour now agrees, only the description is still listed.
    expect(planMerge(taken.data, incoming).conflicts.map((c) => c.field)).toEqual(['description']);
  });

  it('merges cases and attribute values, listing a value that differs', () => {
    const project = fixtureProject();
    const newCase = id('case/new');
    const incoming: ProjectData = {
      ...project,
      cases: [...project.cases, { id: newCase, name: 'Riley', description: 'Teacher', order: 5 }],
      attributeValues: [
        { ownerId: id('case/dawn'), attributeId: id('attr/agency'), value: 'School' },
        { ownerId: id('case/sam'), attributeId: id('attr/years'), value: '4' },
        { ownerId: newCase, attributeId: id('attr/agency'), value: 'School' },
      ],
      memos: [],
    };
    const plan = planMerge(project, incoming);
    expect(plan.conflicts.map((c) => [c.label, c.current, c.incoming])).toEqual([['Dawn: Agency', 'Health', 'School']]);
    const result = applyMergePlan(project, plan);
    expect(result.changes.added.cases.map((c) => c.name)).toEqual(['Riley']);
    expect(result.changes.added.attributeValues).toEqual([
      { ownerId: id('case/sam'), attributeId: id('attr/years'), value: '4' },
      { ownerId: newCase, attributeId: id('attr/agency'), value: 'School' },
    ]);
    expect(changeCount(applyMergePlan(result.data, planMerge(result.data, incoming)).changes)).toBe(0);
  });
});

describe('documents whose text changed', () => {
  it('moves codings onto the current text by finding their passage, and lists those it cannot place', () => {
    const project = fixtureProject();
    const edited = `A note added at the top.\n${TEXT_A.replace('and the parents felt heard', 'and the carers felt heard')}`;
    const current: ProjectData = {
      ...project,
      texts: project.texts.map((t) => (t.id === id('doc/a') ? { ...t, text: edited } : t)),
      documents: project.documents.map((d) => (d.id === id('doc/a') ? { ...d, length: edited.length, source: { ...d.source, hash: 'changed' } } : d)),
      codings: project.codings.filter((c) => c.documentId !== id('doc/a')),
    };
    // The incoming copy has the same document under another id: matched by name.
    const incoming: ProjectData = {
      ...project,
      documents: project.documents.map((d) => (d.id === id('doc/a') ? { ...d, id: id('doc/a-copy') } : d)),
      texts: project.texts.map((t) => (t.id === id('doc/a') ? { ...t, id: id('doc/a-copy') } : t)),
      codings: project.codings.map((c) => (c.documentId === id('doc/a') ? { ...c, documentId: id('doc/a-copy') } : c)),
      memos: [],
    };
    const plan = planMerge(current, incoming);
    expect(plan.documents.find((d) => d.incomingId === id('doc/a-copy'))).toMatchObject({ match: 'name', currentId: id('doc/a'), textDiffers: true });
    // The two codings of "the parents felt heard" no longer have their passage.
    expect(plan.unplaced.map((u) => u.text)).toEqual(['the parents felt heard', 'the parents felt heard']);
    const result = applyMergePlan(current, plan);
    const placed = result.changes.added.codings.filter((c: CodingRecord) => c.documentId === id('doc/a'));
    expect(placed.map((c) => edited.slice(c.start, c.end)).sort()).toEqual(['Honestly 😀 it was the first time', 'Zoë – 𝒳 marks the spot']);
    // Placed once, never again.
    expect(changeCount(applyMergePlan(result.data, planMerge(result.data, incoming)).changes)).toBe(0);
  });
});

describe('remapRange', () => {
  it('follows a passage moved by an edit before it (by hand)', () => {
    const before = 'We met. The plan worked.';
    const after = 'Yesterday we met. The plan worked.';
    expect(remapRange(before, after, 8, 16)).toEqual({ start: 18, end: 26 });
    expect(after.slice(18, 26)).toBe('The plan');
  });

  it('prefers the occurrence with the same context when the passage repeats', () => {
    const before = 'yes. He said yes. She said yes.';
    const after = 'Well, yes. He said yes. She said yes.';
    // The third "yes" (after "She said ").
    expect(remapRange(before, after, 27, 30)).toEqual({ start: 33, end: 36 });
  });

  it('gives up when the passage is gone', () => {
    expect(remapRange('the parents felt heard', 'the carers felt heard', 4, 11)).toBeUndefined();
  });
});

describe('nameSimilarity', () => {
  it('scores a typo high and an unrelated name low', () => {
    expect(nameSimilarity('Professional confidence', 'Profesional confidance')).toBeGreaterThan(0.85);
    expect(nameSimilarity('Professional confidence', 'Information sharing')).toBeLessThan(0.4);
  });
});
