/**
 * The real exports in ../shared/fixtures/real (see PROVENANCE.md there): counts, hierarchy, and where NVivo's
 * codings land. Expected values were counted in the files themselves (unzip -p ... | grep -c), not by this code.
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { readQdpx } from '../../../shared/exchange/qdpx-read';
import type { ProjectData } from '../../../shared/model/types';
import { validateRefiXml } from '../../../electron/cli/commands/validate';

const real = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../../shared/fixtures/real/${name}`, import.meta.url)));

const NVIVO = 'nvivo-12.6-win_oltas.qdpx';
const NVIVO_TXT = 'Sources/56a79789-d535-4fb8-bedd-a915504c54ba.txt';

describe('NVivo 12.6 (Windows) export', () => {
  let project: ProjectData;
  let warnings: string[];
  beforeAll(async () => {
    ({ project, warnings } = await readQdpx(real(NVIVO), NVIVO));
  });

  it('has the counts the file holds', () => {
    expect(project.documents).toHaveLength(1);
    expect(project.codings).toHaveLength(97);
    expect(project.codes).toHaveLength(60);
    expect(project.coders.map((c) => c.name).sort()).toEqual(['Gergo', 'floriansipos']);
    expect(project.cases).toHaveLength(0);
    expect(project.memos).toHaveLength(0);
    expect(project.themes).toHaveLength(0);
  });

  it('keeps the code hierarchy and descriptions', () => {
    const roots = project.codes.filter((c) => !c.parentId);
    expect(roots).toHaveLength(11);
    const susceptibility = project.codes.find((c) => c.name === '1. Perceived Susceptibility – Észlelt fogékonyság')!;
    expect(project.codes.filter((c) => c.parentId === susceptibility.id).map((c) => c.name)).toEqual([
      'alacsony fogékonyság',
      'csoportszintű fogékonyság',
      'teljes tagadás',
    ]);
    expect(susceptibility.description).toBe(
      'Az emberek akkor hajlandók cselekedni, ha hisznek abban, hogy ők is veszélyben vannak (Rosenstock, 1974).',
    );
    // Three levels: 2. Perceived Severity / Betegség kockázatai / relativizálás, analógiák
    const leaf = project.codes.find((c) => c.name === 'relativizálás, analógiák')!;
    const parent = project.codes.find((c) => c.id === leaf.parentId)!;
    expect(parent.name).toBe('Betegség kockázatai');
    expect(project.codes.find((c) => c.id === parent.parentId)!.name).toBe('2. Perceived Severity – Észlelt súlyosság');
  });

  it('makes the coding user the coder', () => {
    const florian = project.coders.find((c) => c.name === 'floriansipos')!;
    expect(project.codings.every((c) => c.coderId === florian.id)).toBe(true);
  });

  it('stores the text normalised: no BOM, no CR', () => {
    const text = project.texts[0]!.text;
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.includes('\r')).toBe(false);
    // The .txt is 636,385 UTF-16 units after its BOM, 15,272 of them CRs.
    expect(text.length).toBe(636_385 - 15_272);
    expect(project.documents[0]!.length).toBe(text.length);
  });

  it('detects and reports the UTF-16 positions with CR counted', () => {
    expect(warnings.some((w) => /UTF-16 code units with the CR/.test(w) && /194 of 194/.test(w))).toBe(true);
  });

  it('quotes exactly the passages NVivo selected (positions read from the raw file by hand)', () => {
    const raw = new TextDecoder('utf-8', { ignoreBOM: true }).decode(unzipSync(real(NVIVO))[NVIVO_TXT]!).slice(1);
    const qde = new TextDecoder().decode(unzipSync(real(NVIVO))['project.qde']!);
    const selections = [...qde.matchAll(/<PlainTextSelection [^>]*startPosition="(\d+)" endPosition="(\d+)"[^>]*>\s*<Description \/>\s*<Coding guid="([^"]+)"/g)];
    expect(selections).toHaveLength(97);
    const text = project.texts[0]!.text;
    for (const [, start, end, codingGuid] of selections) {
      const coding = project.codings.find((c) => c.id === codingGuid)!;
      // NVivo's convention, applied directly: UTF-16 units of the file text (BOM dropped), CRs included.
      const expected = raw.slice(Number(start), Number(end)).replace(/\r\n/g, '\n');
      expect(text.slice(coding.start, coding.end)).toBe(expected);
    }
    const first = project.codings.find((c) => c.id === 'f0700850-5e65-4b33-ae59-83d36a021670')!;
    expect(text.slice(first.start, first.end)).toMatch(/^Na mi van\? Nem mertétek kötelezővé tenni\?/);
  });

  it('puts every one of the 97 codings on word boundaries', () => {
    const text = project.texts[0]!.text;
    const letter = /[\p{L}\p{N}]/u;
    const cutsWord = (at: number): boolean => at > 0 && at < text.length && letter.test(text[at - 1]!) && letter.test(text[at]!);
    const bad = project.codings.filter((c) => cutsWord(c.start) || cutsWord(c.end));
    expect(bad).toEqual([]);
    expect(project.codings.filter((c) => c.end > c.start)).toHaveLength(97);
  });

  it('validates against the project schema, as NVivo wrote it', async () => {
    const qde = new TextDecoder().decode(unzipSync(real(NVIVO))['project.qde']!);
    expect(await validateRefiXml(qde, 'project')).toEqual([]);
  });
});

describe('ATLAS.ti 23.2.3 (Windows) exports', () => {
  it('reads a blank project: users only, no sources folder', async () => {
    const { project, warnings } = await readQdpx(real('atlasti-23.2.3-win_blank-project.qdpx'), 'blank.qdpx');
    expect(project.project.name).toBe('blank-atlas-project');
    expect(project.coders.map((c) => c.name)).toEqual(['Enric Llagostera', 'ATLAS.ti']);
    // Upper-case GUIDs become lower-case ids.
    expect(project.coders[0]!.id).toBe('088b08ac-d5cd-4adb-8b71-b4f3459c177f');
    expect(project.documents).toHaveLength(0);
    expect(project.codes).toHaveLength(0);
    expect(project.codings).toHaveLength(0);
    expect(warnings).toEqual([]);
  });

  it('reads nested codes whose parent is codable, without colours', async () => {
    const { project } = await readQdpx(real('atlasti-23.2.3-win_codes-only.qdpx'), 'codes.qdpx');
    expect(project.codes).toHaveLength(3);
    const commits = project.codes.find((c) => c.name === 'Commits')!;
    expect(commits.id).toBe('a182cd3a-d83c-4d8c-bc80-26d9103ec6d6');
    expect(commits.parentId).toBeUndefined();
    expect(project.codes.filter((c) => c.parentId === commits.id).map((c) => c.name)).toEqual([
      '2022-05-10T02:05:59Z 19e4dce',
      '2022-02-11T10:39:25Z cdbfd92',
    ]);
    // No colour in the file: each gets a palette colour, written as #rrggbb.
    expect(project.codes.every((c) => /^#[0-9a-f]{6}$/.test(c.color))).toBe(true);
  });
});
