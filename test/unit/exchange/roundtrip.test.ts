import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readQdc, readQdpx } from '../../../shared/exchange/qdpx-read';
import { writeQdc, writeQdpx } from '../../../shared/exchange/qdpx-write';
import { CODEBOOK_XSD, PROJECT_XSD } from '../../../shared/exchange/schemas';
import type { ProjectData } from '../../../shared/model/types';
import { validateRefiXml } from '../../../electron/cli/commands/validate';
import { at, fixtureProject, id, TEXT_A } from './fixture-project';
import { buildSample } from '../../../shared/sample/index';
import { applyMergePlan, planMerge } from '../../../shared/exchange/merge';

/** The project with every table sorted by a stable key, so comparisons ignore record order. */
function canonical(p: ProjectData): ProjectData {
  const byId = <T extends { id: string }>(list: T[]): T[] => [...list].sort((a, b) => a.id.localeCompare(b.id));
  return {
    ...p,
    documents: byId(p.documents),
    texts: byId(p.texts),
    cases: byId(p.cases),
    attributes: byId(p.attributes),
    attributeValues: [...p.attributeValues].sort((a, b) => `${a.ownerId}${a.attributeId}`.localeCompare(`${b.ownerId}${b.attributeId}`)),
    codes: byId(p.codes),
    codings: byId(p.codings),
    memos: byId(p.memos),
    themes: byId(p.themes),
    coders: byId(p.coders),
  };
}

const entriesOf = (bytes: Uint8Array): Record<string, Uint8Array> => unzipSync(bytes);
const qdeOf = (bytes: Uint8Array): string => strFromU8(entriesOf(bytes)['project.qde']!);

describe('the schemas kept in the engine', () => {
  it('are the published REFI-QDA files, byte for byte', () => {
    const published = (name: string): string => readFileSync(new URL(`../../../../shared/refi/${name}`, import.meta.url), 'utf8');
    expect(PROJECT_XSD).toBe(published('Project-mrt2019.xsd'));
    expect(CODEBOOK_XSD).toBe(published('Codebook.xsd'));
  });
});

describe('writeQdpx then readQdpx', () => {
  const project = fixtureProject();

  it('round-trips hierarchy, attributes, two coders, memos, themes and astral characters with no difference', async () => {
    const bytes = writeQdpx(project);
    const { project: back, warnings } = await readQdpx(bytes, 'team.qdpx');
    expect(warnings).toEqual([]);
    expect(canonical(back)).toEqual(canonical(project));
  });

  it('round-trips in NVivo mode too', async () => {
    const bytes = writeQdpx(project, { positions: 'nvivo' });
    const { project: back, warnings } = await readQdpx(bytes, 'team-nvivo.qdpx');
    expect(warnings).toEqual([]);
    expect(canonical(back)).toEqual(canonical(project));
  });

  it('writes valid project XML in both modes', async () => {
    expect(await validateRefiXml(qdeOf(writeQdpx(project)), 'project')).toEqual([]);
    expect(await validateRefiXml(qdeOf(writeQdpx(project, { positions: 'nvivo' })), 'project')).toEqual([]);
  });

  it('writes positions in code points as the standard says (counted by hand)', () => {
    const qde = qdeOf(writeQdpx(project));
    const [start, end] = at(TEXT_A, 'Zoë – 𝒳 marks the spot');
    // One astral character (😀) before the passage, one (𝒳) inside it.
    const coding = project.codings.find((c) => c.id === id('coding/a4'))!;
    expect([coding.start, coding.end]).toEqual([start, end]);
    expect(qde).toContain(`startPosition="${start - 1}" endPosition="${end - 2}"`);
    // The text is written as stored: UTF-8, "\n" line ends, no BOM.
    const txt = entriesOf(writeQdpx(project))[`sources/${project.documents[0]!.id}.txt`]!;
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(txt)).toBe(TEXT_A);
  });

  it('writes NVivo positions as UTF-16 units with each CR counted, over a CRLF text with a BOM', () => {
    const bytes = writeQdpx(project, { positions: 'nvivo' });
    const [start, end] = at(TEXT_A, 'Zoë – 𝒳 marks the spot');
    // Two line ends precede the passage, so two CRs are added; none inside it.
    expect(qdeOf(bytes)).toContain(`startPosition="${start + 2}" endPosition="${end + 2}"`);
    const txt = new TextDecoder('utf-8', { ignoreBOM: true }).decode(entriesOf(bytes)[`sources/${project.documents[0]!.id}.txt`]!);
    expect(txt.startsWith('\ufeff')).toBe(true);
    expect(txt.slice(1)).toBe(TEXT_A.replace(/\n/g, '\r\n'));
  });

  it('writes children in schema order and never an empty list element', () => {
    const qde = qdeOf(writeQdpx(project));
    const order = ['<Users>', '<CodeBook>', '<Variables>', '<Cases>', '<Sources>', '<Notes>', '<Links>', '<Sets>'];
    const positions = order.map((tag) => qde.indexOf(tag));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const empty: ProjectData = { ...project, documents: [], texts: [], codings: [], cases: [], attributes: [], attributeValues: [], memos: [], themes: [], coders: [], codes: [] };
    const bare = qdeOf(writeQdpx(empty));
    expect(bare).not.toMatch(/<(Users|CodeBook|Codes|Variables|Cases|Sources|Notes|Links|Sets)\s*\/?>/);
  });

  it('validates with nothing in it', async () => {
    const empty: ProjectData = { ...project, documents: [], texts: [], codings: [], cases: [], attributes: [], attributeValues: [], memos: [], themes: [], coders: [], codes: [] };
    expect(await validateRefiXml(qdeOf(writeQdpx(empty)), 'project')).toEqual([]);
  });

  it('writes themes as Sets of their member codes, and Tessera-only details in tessera/extra.json', () => {
    const bytes = writeQdpx(project);
    const qde = qdeOf(bytes);
    expect(qde).toContain(`<Set guid="${id('theme/partnership')}" name="Partnership with parents and carers">`);
    expect((qde.match(/<MemberCode /g) ?? []).length).toBe(3 + 1 + 2);
    const extra = JSON.parse(strFromU8(entriesOf(bytes)['tessera/extra.json']!));
    expect(extra.format).toBe('tessera-refi-extra');
    expect(extra.version).toBe(1);
    expect(extra.themes[id('theme/heard')].parentId).toBe(id('theme/partnership'));
    expect(extra.codes[id('code/partnership')].inclusion).toBe('Working with families & carers');
  });

  it('keeps what other tools can read when the extra file is dropped', async () => {
    const entries = entriesOf(writeQdpx(project));
    delete entries['tessera/extra.json'];
    const { project: back } = await readQdpx(zipSync(entries), 'from-other-tool.qdpx');
    expect(back.codings).toHaveLength(project.codings.length);
    expect(back.codes.find((c) => c.id === id('code/partnership'))!.description).toBe(
      'Partnership with parents and carers: what it means.\n\nInclusion: Working with families & carers\n\nExclusion: Work between <professionals> only',
    );
    expect(back.themes.map((t) => t.status)).toEqual(['candidate', 'candidate', 'candidate', 'candidate']);
    expect(back.themes.find((t) => t.id === id('theme/partnership'))!.codeIds).toHaveLength(3);
    // Memos come back attached to the same things, with their plain text.
    const targets = Object.fromEntries(back.memos.map((m) => [m.title, m.targetType]));
    expect(targets).toMatchObject({ 'About Dawn': 'document', Scope: 'code', 'Strong quote': 'coding', 'Theme note': 'theme', Sam: 'case', Aims: 'project' });
    expect(back.memos.find((m) => m.title === 'Day 1')!.plainText).toBe('Reflection\nI noticed my own bias 😀.');
    // Attributes come back as variables: number and date typed, the rest as text.
    expect(back.attributes.find((a) => a.name === 'Years in practice')!.type).toBe('number');
    expect(back.attributeValues).toHaveLength(project.attributeValues.length);
  });

  it('finds NVivo-mode positions by measuring them when the extra file (which names the unit) is gone', async () => {
    const entries = entriesOf(writeQdpx(project, { positions: 'nvivo' }));
    delete entries['tessera/extra.json'];
    const { project: back, warnings } = await readQdpx(zipSync(entries), 'nvivo-without-extra.qdpx');
    const spans = (p: ProjectData): string[] => p.codings.map((c) => `${c.id}:${c.start}-${c.end}`).sort();
    expect(spans(back)).toEqual(spans(project));
    expect(warnings.some((w) => w.includes('UTF-16 code units with the CR'))).toBe(true);
  });

  it('does not apply extra details over a description another tool changed', async () => {
    const entries = entriesOf(writeQdpx(project));
    const qde = strFromU8(entries['project.qde']!).replace('Professional confidence: what it means.', 'Edited in another tool.');
    entries['project.qde'] = strToU8(qde);
    const { project: back } = await readQdpx(zipSync(entries), 'edited.qdpx');
    expect(back.codes.find((c) => c.id === id('code/confidence'))!.description).toBe('Edited in another tool.');
    expect(back.codes.find((c) => c.id === id('code/partnership'))!.inclusion).toBe('Working with families & carers');
  });

  it('exports chosen documents and coders only ("my work for the team")', async () => {
    const amara = id('coder/amara');
    const bytes = writeQdpx(project, { documentIds: [id('doc/a')], coderIds: [amara] });
    expect(await validateRefiXml(qdeOf(bytes), 'project')).toEqual([]);
    const { project: back } = await readQdpx(bytes, 'mine.qdpx');
    expect(back.documents.map((d) => d.name)).toEqual(['Interview Dawn']);
    expect(back.coders.map((c) => c.name)).toEqual(['Amara Okafor']);
    expect(back.codings.map((c) => c.id).sort()).toEqual([id('coding/a1'), id('coding/a3')].sort());
    expect(back.codes).toHaveLength(project.codes.length);
    expect(back.cases.map((c) => c.name)).toEqual(['Dawn']);
    // Ben's memo about the document stays behind; the project memo and Amara's journal travel.
    expect(back.memos.map((m) => m.title).sort()).toEqual(['Aims', 'Day 1', 'Scope', 'Theme note']);
  });
});

describe('writeQdc then readQdc', () => {
  const project = fixtureProject();

  it('writes a codebook that validates, with Sets of member codes', async () => {
    const xml = writeQdc(project);
    expect(await validateRefiXml(xml, 'codebook')).toEqual([]);
    expect(xml).toContain(`<MemberCode guid="${id('code/partnership/parents/heard')}"/>`);
  });

  it('never writes an empty <Sets/>', async () => {
    const xml = writeQdc({ ...project, themes: [] });
    expect(xml).not.toContain('<Sets');
    expect(await validateRefiXml(xml, 'codebook')).toEqual([]);
  });

  it('reads back the codes with hierarchy and colours, and the themes as candidate themes', async () => {
    const { project: back } = await readQdc(writeQdc(project), 'codebook.qdc');
    expect(back.codes.map((c) => [c.id, c.name, c.parentId ?? null, c.color]).sort()).toEqual(
      project.codes.map((c) => [c.id, c.name, c.parentId ?? null, c.color]).sort(),
    );
    expect(back.themes.find((t) => t.id === id('theme/confidence'))!.codeIds).toEqual([id('code/confidence'), id('code/sharing')]);
    expect(back.themes.every((t) => t.status === 'candidate')).toBe(true);
  });

  it('refuses to write a codebook with no codes (the schema needs one)', () => {
    expect(() => writeQdc({ ...project, codes: [] })).toThrow(/no codes/);
  });
});

describe('the built-in sample project', () => {
  it('exports valid REFI-QDA, re-imports with no difference (but the sample flag) and merges into itself as no change', async () => {
    const sample = await buildSample('0f0e0d0c-0b0a-4909-8807-060504030201', Date.UTC(2024, 0, 1));
    const bytes = writeQdpx(sample);
    expect(await validateRefiXml(qdeOf(bytes), 'project')).toEqual([]);
    const { project: back, warnings } = await readQdpx(bytes, 'sample.qdpx');
    expect(warnings).toEqual([]);
    const { sample: _flag, ...info } = sample.project;
    expect(canonical(back)).toEqual(canonical({ ...sample, project: info }));
    const plan = planMerge(sample, back);
    expect(plan.summary.codings.duplicates).toBe(sample.codings.length);
    const { changes } = applyMergePlan(sample, plan);
    expect([...Object.values(changes.added), ...Object.values(changes.updated)].every((list) => list.length === 0)).toBe(true);
  });
});
