/** The exchange commands, run in-process through runCli with files in a temporary folder. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { readQdpx } from '../../../shared/exchange/qdpx-read';
import { writeQdpx } from '../../../shared/exchange/qdpx-write';
import { fixtureProject, id } from './fixture-project';

const REAL = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../../shared/fixtures/real');
let dir: string;

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), cwd: dir });
  return { code, out, err };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tessera-exchange-'));
  copyFileSync(path.join(REAL, 'nvivo-12.6-win_oltas.qdpx'), path.join(dir, 'nvivo.qdpx'));
  copyFileSync(path.join(REAL, 'atlasti-23.2.3-win_codes-only.qdpx'), path.join(dir, 'atlas.qdpx'));
  const project = fixtureProject();
  writeFileSync(path.join(dir, 'team.qdpx'), writeQdpx(project));
  writeFileSync(path.join(dir, 'amara.qdpx'), writeQdpx(project, { coderIds: [id('coder/amara')] }));
  writeFileSync(path.join(dir, 'ben.qdpx'), writeQdpx(project, { coderIds: [id('coder/ben')] }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('info', () => {
  it('counts the NVivo export', async () => {
    const { code, out } = await cli('info', 'nvivo.qdpx', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ sources: 1, codes: 60, codings: 97, users: 2, cases: 0, variables: 0, notes: 0, sets: 0 });
  });

  it('counts a Tessera export and a codebook', async () => {
    expect(JSON.parse((await cli('info', 'team.qdpx', '--json')).out)).toEqual({ sources: 2, codes: 5, codings: 7, users: 2, cases: 2, variables: 4, notes: 7, sets: 4 });
    await cli('export-codebook', 'team.qdpx', '-o', 'team.qdc');
    expect(JSON.parse((await cli('info', 'team.qdc', '--json')).out)).toEqual({ sources: 0, codes: 5, codings: 0, users: 0, cases: 0, variables: 0, notes: 0, sets: 4 });
  });

  it('reports a missing or refused file on stderr with exit code 1', async () => {
    const missing = await cli('info', 'nope.qdpx', '--json');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^nope\.qdpx: .*no such file/);
    writeFileSync(path.join(dir, 'evil.qdpx'), zipSync({ 'project.qde': strToU8('<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project name="p">&x;</Project>') }));
    const evil = await cli('info', 'evil.qdpx', '--json');
    expect(evil.code).toBe(1);
    expect(evil.out).toBe('');
    expect(evil.err).toMatch(/^evil\.qdpx: .*declares entities/);
  });
});

describe('quotes', () => {
  it('lists NVivo quotes with code path, coder and UTF-16 offsets into the stored text', async () => {
    const { code, out } = await cli('quotes', 'nvivo.qdpx', '--json');
    expect(code).toBe(0);
    const quotes = JSON.parse(out) as { source: string; code: string; coder: string; start: number; end: number; text: string }[];
    expect(quotes).toHaveLength(97);
    expect(quotes.every((q) => q.source === 'videos_selection' && q.coder === 'floriansipos')).toBe(true);
    const { project } = await readQdpx(new Uint8Array(readFileSync(path.join(dir, 'nvivo.qdpx'))), 'nvivo.qdpx');
    const text = project.texts[0]!.text;
    expect(quotes.every((q) => text.slice(q.start, q.end) === q.text)).toBe(true);
    expect(quotes.some((q) => q.code === '4. Perceived Barriers – Észlelt akadályok/érzelmek, szorongás, pszichológiai tényezők/harag')).toBe(true);
  });

  it('filters by the exact code path', async () => {
    const { out } = await cli('quotes', 'team.qdpx', '--code', 'Partnership with parents and carers/Parents/Feeling heard', '--json');
    expect(JSON.parse(out)).toEqual([
      { source: 'Interview Dawn', code: 'Partnership with parents and carers/Parents/Feeling heard', coder: 'Amara Okafor', start: 182, end: 204, text: 'the parents felt heard' },
      { source: 'Interview Dawn', code: 'Partnership with parents and carers/Parents/Feeling heard', coder: 'Ben Hughes', start: 182, end: 204, text: 'the parents felt heard' },
    ]);
    expect(JSON.parse((await cli('quotes', 'team.qdpx', '--code', 'Feeling heard', '--json')).out)).toEqual([]);
  });
});

describe('merge', () => {
  it('merges two coders’ files, and merging the result with one of them again adds nothing', async () => {
    const first = await cli('merge', 'amara.qdpx', 'ben.qdpx', '-o', 'merged.qdpx', '--json');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.out);
    expect(report.added).toMatchObject({ codings: 4, coders: 1, documents: 0, codes: 0 });
    expect(report.matched).toMatchObject({ documents: 2, codes: 5 });
    expect(report.duplicateCodings).toBe(0);
    expect(JSON.parse((await cli('info', 'merged.qdpx', '--json')).out)).toMatchObject({ codings: 7, users: 2 });
    expect((await cli('validate', 'merged.qdpx')).out).toBe('valid\n');

    const again = JSON.parse((await cli('merge', 'merged.qdpx', 'ben.qdpx', '-o', 'merged2.qdpx', '--json')).out);
    expect(Object.values(again.added).every((n) => n === 0)).toBe(true);
    expect(again.duplicateCodings).toBe(4);
  });

  it('writes NVivo-compatible positions on request', async () => {
    expect((await cli('merge', 'amara.qdpx', 'ben.qdpx', '-o', 'nvivo-out.qdpx', '--nvivo')).code).toBe(0);
    expect((await cli('validate', 'nvivo-out.qdpx')).out).toBe('valid\n');
    const entries = unzipSync(new Uint8Array(readFileSync(path.join(dir, 'nvivo-out.qdpx'))));
    const txt = Object.entries(entries).find(([name]) => name.startsWith('sources/'))![1];
    expect(new TextDecoder().decode(txt)).toContain('\r\n');
    const quotes = JSON.parse((await cli('quotes', 'nvivo-out.qdpx', '--json')).out) as { text: string }[];
    expect(quotes.map((q) => q.text)).toContain('Zoë – 𝒳 marks the spot');
  });

  it('needs two inputs and an output', async () => {
    const r = await cli('merge', 'amara.qdpx', '-o', 'x.qdpx');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/two or more projects/);
  });
});

describe('validate', () => {
  it('says valid for a real export and for what Tessera writes', async () => {
    expect(await cli('validate', 'nvivo.qdpx')).toEqual({ code: 0, out: 'valid\n', err: '' });
    expect(await cli('validate', 'team.qdpx')).toEqual({ code: 0, out: 'valid\n', err: '' });
  });

  it('exits 1 with the schema errors', async () => {
    writeFileSync(path.join(dir, 'empty-sets.qdc'), '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="12345678-1234-4234-8234-123456789012" name="A" isCodable="true"/></Codes><Sets/></CodeBook>');
    const r = await cli('validate', 'empty-sets.qdc');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/empty-sets\.qdc: not valid against the REFI-QDA codebook schema/);
    expect(r.err).toMatch(/Sets.*Missing child element/);
  });
});

describe('export-codebook', () => {
  it('writes a valid .qdc from the NVivo project', async () => {
    const r = await cli('export-codebook', 'nvivo.qdpx', '-o', 'nvivo.qdc');
    expect(r.code).toBe(0);
    expect(await cli('validate', 'nvivo.qdc')).toEqual({ code: 0, out: 'valid\n', err: '' });
    expect(JSON.parse((await cli('info', 'nvivo.qdc', '--json')).out).codes).toBe(60);
  });

  it('refuses a project without codes, writing nothing', async () => {
    copyFileSync(path.join(REAL, 'atlasti-23.2.3-win_blank-project.qdpx'), path.join(dir, 'blank.qdpx'));
    const r = await cli('export-codebook', 'blank.qdpx', '-o', 'blank.qdc');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^blank\.qdpx: the project has no codes/);
    expect(() => readFileSync(path.join(dir, 'blank.qdc'))).toThrow();
  });
});
