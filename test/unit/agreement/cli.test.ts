// The `alpha` and `agreement` commands, run in-process through runCli.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { writeQdpx } from '../../../shared/exchange/qdpx-write';
import { coders, makeProject } from './project';

const dir = mkdtempSync(path.join(tmpdir(), 'tessera-agreement-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), cwd: dir });
  return { code, out, err };
}

const close = (actual: unknown, expected: number): void => {
  expect(typeof actual).toBe('number');
  expect(Math.abs((actual as number) - expected)).toBeLessThan(1e-9);
};

describe('tessera alpha', () => {
  // Krippendorff (2011): 4 observers x 12 units with missing values, written with names and a header.
  writeFileSync(
    path.join(dir, 'k2011.csv'),
    [
      'observer,u1,u2,u3,u4,u5,u6,u7,u8,u9,u10,u11,u12',
      'A,1,2,3,3,2,1,4,1,2,.,.,.',
      'B,1,2,3,3,2,2,4,1,2,5,.,3',
      'C,.,3,3,3,2,3,4,2,2,5,1,',
      'D,1,2,3,3,2,4,4,1,2,5,1,NA',
      '',
    ].join('\r\n'),
  );
  const exact = { nominal: 113 / 152, ordinal: 108577 / 133160, interval: 951 / 1120, ratio: 18222619 / 22852465 };

  for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
    it(`${level} matches the published value`, async () => {
      const { code, out, err } = await run('alpha', 'k2011.csv', '--level', level, '--json');
      expect(err).toBe('');
      expect(code).toBe(0);
      const json = JSON.parse(out) as Record<string, unknown>;
      expect(Object.keys(json)).toEqual(['alpha', 'observers', 'units', 'pairable']);
      close(json.alpha, exact[level]);
      expect(json).toMatchObject({ observers: 4, units: 12, pairable: 40 });
    });
  }

  it('reads a bare matrix (no header, no names) the same way', async () => {
    writeFileSync(
      path.join(dir, 'bare.csv'),
      '1,2,3,3,2,1,4,1,2,,,\n1,2,3,3,2,2,4,1,2,5,,3\n,3,3,3,2,3,4,2,2,5,1,\n1,2,3,3,2,4,4,1,2,5,1,\n',
    );
    const { code, out } = await run('alpha', 'bare.csv', '--level', 'interval', '--json');
    expect(code).toBe(0);
    close((JSON.parse(out) as { alpha: number }).alpha, exact.interval);
  });

  it('prints a readable summary without --json', async () => {
    const { code, out } = await run('alpha', 'k2011.csv', '--level', 'nominal');
    expect(code).toBe(0);
    expect(out).toContain("Krippendorff's alpha (nominal): 0.743");
    expect(out).toContain('observers: 4 (A, B, C, D)');
    expect(out).toContain('Computing Krippendorff');
  });

  it('takes labels at the nominal level and reports no variation as null', async () => {
    writeFileSync(path.join(dir, 'labels.csv'), ',case 1,case 2,case 3\nAnn,keep,stop,start\nRaj,keep,stop,stop\n');
    const labels = await run('alpha', 'labels.csv', '--level', 'nominal', '--json');
    expect(labels.code).toBe(0);
    // Units (keep,keep) (stop,stop) (start,stop): n = 6; o_keep,keep = 2, o_stop,stop = 2, o_start,stop = o_stop,start = 1;
    // n_keep = 2, n_stop = 3, n_start = 1; alpha = 1 - 5 x 2 / (2 x (2x3 + 2x1 + 3x1)) = 1 - 10/22 = 6/11.
    close((JSON.parse(labels.out) as { alpha: number }).alpha, 6 / 11);
    writeFileSync(path.join(dir, 'same.csv'), '2,2\n2,2\n');
    const same = await run('alpha', 'same.csv', '--level', 'interval', '--json');
    expect(same.code).toBe(0);
    expect(JSON.parse(same.out)).toEqual({ alpha: null, observers: 2, units: 2, pairable: 4 });
    expect(same.err).toContain('no variation');
  });

  it('orders labels with --scale for the ordinal level', async () => {
    writeFileSync(path.join(dir, 'scale.csv'), 'Good,Weak,Adequate\nGood,Adequate,Adequate\n');
    const { code, out } = await run('alpha', 'scale.csv', '--level', 'interval', '--scale', 'Good,Adequate,Weak', '--json');
    expect(code).toBe(0);
    // Positions 1,3,2 and 1,2,2: units (1,1) (3,2) (2,2); n = 6; n_1 = 2, n_2 = 3, n_3 = 1;
    // sum o delta2 = 2 x 1 = 2; sum n_c n_k delta2 = 2 x (2x3x1 + 2x1x4 + 3x1x1) = 34; alpha = 1 - 5 x 2 / 34 = 12/17.
    close((JSON.parse(out) as { alpha: number }).alpha, 12 / 17);
  });

  it('errors go to stderr with exit code 1', async () => {
    const noLevel = await run('alpha', 'k2011.csv', '--json');
    expect(noLevel).toMatchObject({ code: 1, out: '' });
    expect(noLevel.err).toMatch(/--level nominal\|ordinal\|interval\|ratio/);
    const missing = await run('alpha', 'nothing.csv', '--level', 'nominal');
    expect(missing).toMatchObject({ code: 1, out: '' });
    expect(missing.err).toContain('nothing.csv: no such file');
    const labels = await run('alpha', 'labels.csv', '--level', 'interval', '--json');
    expect(labels).toMatchObject({ code: 1, out: '' });
    expect(labels.err).toMatch(/labels\.csv: The interval level needs numbers, but the data contain the label "keep"/);
  });
});

describe('tessera agreement', () => {
  // Two documents of 1000 and 39 characters. Trust: in document 1 Alice 0-100, Bob 50-200 (NVivo's 85 % case);
  // in document 2 both 0-20. Chen coded only document 2 (Trust 0-20).
  const text2 = 'line one\nline two\nline three\nline four.';
  const project = makeProject({
    documents: [
      { id: 'd1', text: 'x'.repeat(1000) },
      { id: 'd2', text: text2 },
    ],
    codes: [
      { id: 'p', name: 'Partnership' },
      { id: 't', name: 'Trust', parentId: 'p' },
    ],
    coders,
    codings: [
      ['d1', 't', 'a', 0, 100],
      ['d1', 't', 'b', 50, 200],
      ['d2', 't', 'a', 0, 20],
      ['d2', 't', 'b', 0, 20],
      ['d2', 't', 'c', 0, 20],
    ],
  });
  writeFileSync(path.join(dir, 'study.qdpx'), writeQdpx(project));

  it('compares two coders by name, any case, on characters', async () => {
    const { code, out } = await run('agreement', 'study.qdpx', '--coders', 'alice,BOB', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out) as {
      coders: string[];
      unit: string;
      documents: number;
      codes: { code: string; percentAgreement: number; kappa: number; alpha: number }[];
      overall: { percentAgreement: number; kappa: number; alpha: number };
    };
    expect(Object.keys(json)).toEqual(['coders', 'unit', 'documents', 'codes', 'overall']);
    expect(json).toMatchObject({ coders: ['Alice', 'Bob'], unit: 'character', documents: 2 });
    expect(json.codes.map((c) => c.code)).toEqual(['Partnership/Trust']);
    expect(Object.keys(json.codes[0]!)).toEqual(['code', 'percentAgreement', 'kappa', 'alpha']);
    // Pooled over 1039 characters: both 50 + 20, only A 50, only B 100, neither 800 + 19: (70 + 819)/1039.
    // Alice coded 120, Bob 170: p_e = (120 x 170 + 919 x 869)/1039^2; kappa = (p_o - p_e)/(1 - p_e).
    const po = 889 / 1039;
    const pe = (120 * 170 + 919 * 869) / 1039 ** 2;
    close(json.codes[0]!.percentAgreement, 100 * po);
    close(json.codes[0]!.kappa, (po - pe) / (1 - pe));
    close(json.overall.percentAgreement, 100 * po);
  });

  it('with three coders, % and kappa are means over pairs; Chen’s missing document is left out for Chen', async () => {
    const { code, out, err } = await run('agreement', 'study.qdpx', '--coders', 'Alice,Bob,Chen', '--unit', 'paragraph', '--json');
    expect(code).toBe(0);
    expect(err).toContain('u-alpha uses only the 1 document(s) coded by all 3 coders');
    const json = JSON.parse(out) as { documents: number; codes: { percentAgreement: number; kappa: number | null; alpha: number }[] };
    expect(json.documents).toBe(2);
    // Paragraphs: document 1 is one paragraph, coded by Alice and Bob (both). Document 2 has four lines;
    // 0-20 covers "line one" and "line two" and the start of "line three" (18-28): three coded by all, one by none.
    // Pairs A-B: 4 both, 1 neither of 5 units: 100 %, kappa: p_e = (16 + 1)/25, p_o = 1: kappa 1.
    // A-C and B-C: document 2 only: 100 %, kappa 1. Mean 100 %, kappa 1.
    close(json.codes[0]!.percentAgreement, 100);
    close(json.codes[0]!.kappa!, 1);
    close(json.codes[0]!.alpha, 1);
  });

  it('prints a readable table without --json, naming the left-out documents', async () => {
    const { code, out } = await run('agreement', 'study.qdpx', '--coders', 'Alice,Chen');
    expect(code).toBe(0);
    expect(out).toMatch(/Partnership\/Trust\s+100\.00 %/);
    expect(out).toContain('Documents left out:');
    expect(out).toContain('Document d1: coded only by Alice');
  });

  it('accepts a user GUID and refuses an unknown coder, listing the coders', async () => {
    const { project: read } = await import('../../../shared/exchange/qdpx-read').then(async (m) =>
      m.readQdpx(new Uint8Array(writeQdpx(project)), 'study.qdpx'),
    );
    const bob = read.coders.find((c) => c.name === 'Bob')!;
    const byGuid = await run('agreement', 'study.qdpx', '--coders', `Alice,{${bob.id.toUpperCase()}}`, '--json');
    expect(byGuid.code).toBe(0);
    expect((JSON.parse(byGuid.out) as { coders: string[] }).coders).toEqual(['Alice', 'Bob']);
    const unknown = await run('agreement', 'study.qdpx', '--coders', 'Alice,Dana', '--json');
    expect(unknown).toMatchObject({ code: 1, out: '' });
    expect(unknown.err).toContain('study.qdpx: no coder named "Dana" in this project; its coders are "Alice", "Bob", "Chen"');
    const one = await run('agreement', 'study.qdpx', '--coders', 'Alice');
    expect(one).toMatchObject({ code: 1, out: '' });
    const badUnit = await run('agreement', 'study.qdpx', '--coders', 'Alice,Bob', '--unit', 'word');
    expect(badUnit.err).toContain('--unit must be one of character, turn, paragraph');
  });

  it('on a real NVivo export where only one user coded: the document is left out and every figure is null', async () => {
    const file = fileURLToPath(new URL('../../../../shared/fixtures/real/nvivo-12.6-win_oltas.qdpx', import.meta.url));
    const { code, out, err } = await run('agreement', file, '--coders', 'gergo,floriansipos', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      coders: ['Gergo', 'floriansipos'],
      unit: 'character',
      documents: 0,
      codes: [],
      overall: { percentAgreement: null, kappa: null, alpha: null },
    });
    expect(err).toContain('no document was coded by at least two of the chosen coders');
    const table = await run('agreement', file, '--coders', 'gergo,floriansipos');
    expect(table.out).toContain('videos_selection: coded only by floriansipos');
  });

  it('says in its help that % and kappa are means over coder pairs with three or more coders', async () => {
    const { out } = await run('agreement', '--help');
    expect(out).toMatch(/3\+ coders the mean over coder pairs/);
  });
});
