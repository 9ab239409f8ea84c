import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { readQdpx } from '../../../shared/exchange/qdpx-read';
import { writeQdpx } from '../../../shared/exchange/qdpx-write';
import { findLeaksInProject, formatPseudonymTable, readContainerHeader, type PseudonymTable } from '../../../shared/protect';
import { smallProject } from './small-project';

const scratch = mkdtempSync(path.join(tmpdir(), 'tessera-protect-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const file = (name: string): string => path.join(scratch, name);

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), cwd: scratch });
  return { code, out, err };
}

const TABLE: PseudonymTable = [
  { term: 'Kayden', replacement: '[Child A]', category: 'person' },
  { term: 'Marsh Lane Primary', replacement: '[School 1]', category: 'school' },
  { term: 'Marsh Lane', replacement: '[Street 1]', category: 'place' },
  { term: 'Summer', replacement: '[Child B]', category: 'person', caseSensitive: true },
  { term: 'Dawn', replacement: '[Worker 1]', category: 'person' },
  { term: '07700 900412', replacement: '[phone number]', category: 'case or record number' },
  { term: "St Aidan's", replacement: '[School 2]', category: 'school' },
  { term: 'Lucy', replacement: '[Person 9]', category: 'person' },
];

describe('tessera encrypt and decrypt', () => {
  const original = 'term,replacement,category\nKayden,[Child A],person\n';
  beforeAll(() => {
    writeFileSync(file('names.csv'), original);
    writeFileSync(file('pass.txt'), 'correct horse battery staple\nsecond line is ignored\n');
    writeFileSync(file('wrong.txt'), 'not the passphrase at all\n');
  });
  afterEach(() => {
    delete process.env.TESSERA_PASSPHRASE;
  });

  it('encrypts with the passphrase file and decrypts back to the same bytes', async () => {
    const enc = await cli('encrypt', 'names.csv', '-o', 'names.csv.tessera-enc', '--passphrase-file', 'pass.txt');
    expect(enc).toEqual({
      code: 0,
      out: 'Encrypted names.csv to names.csv.tessera-enc (AES-256-GCM, key from PBKDF2-SHA-256 with 600,000 iterations)\n',
      err: '',
    });
    const container = new Uint8Array(readFileSync(file('names.csv.tessera-enc')));
    expect(readContainerHeader(container)).toMatchObject({ name: 'names.csv', type: 'text/csv', iterations: 600_000 });
    expect(Buffer.from(container).includes(Buffer.from('Kayden'))).toBe(false);
    const dec = await cli('decrypt', 'names.csv.tessera-enc', '-o', 'back.csv', '--passphrase-file', 'pass.txt');
    expect(dec).toEqual({ code: 0, out: `Decrypted names.csv.tessera-enc to back.csv (originally names.csv, text/csv, ${original.length} bytes)\n`, err: '' });
    expect(readFileSync(file('back.csv'), 'utf8')).toBe(original);
  });

  it('takes the passphrase from TESSERA_PASSPHRASE when no file is given', async () => {
    process.env.TESSERA_PASSPHRASE = 'correct horse battery staple';
    expect((await cli('encrypt', 'names.csv', '-o', 'env.tessera-enc')).code).toBe(0);
    // The same passphrase from the file opens it.
    delete process.env.TESSERA_PASSPHRASE;
    expect((await cli('decrypt', 'env.tessera-enc', '-o', 'env.csv', '--passphrase-file', 'pass.txt')).code).toBe(0);
    expect(readFileSync(file('env.csv'), 'utf8')).toBe(original);
  });

  it('refuses a wrong passphrase clearly and writes nothing', async () => {
    await cli('encrypt', 'names.csv', '-o', 'w.tessera-enc', '--passphrase-file', 'pass.txt');
    const dec = await cli('decrypt', 'w.tessera-enc', '-o', 'w.csv', '--passphrase-file', 'wrong.txt');
    expect(dec).toEqual({ code: 1, out: '', err: 'w.tessera-enc: wrong passphrase, or the file was changed or damaged.\n' });
    expect(existsSync(file('w.csv'))).toBe(false);
  });

  it('never takes a passphrase as an argument, and says where to put it', async () => {
    const given = await cli('encrypt', 'names.csv', '-o', 'x.tessera-enc', '--passphrase', 'hunter2hunter2');
    expect(given.code).toBe(1);
    expect(given.err).toMatch(/^tessera encrypt: a passphrase is never given on the command line/);
    const none = await cli('decrypt', 'w.tessera-enc', '-o', 'x.csv');
    expect(none.err).toBe(
      'tessera decrypt: no passphrase: give a file whose first line is the passphrase (--passphrase-file F), or set TESSERA_PASSPHRASE\n',
    );
    expect(existsSync(file('x.tessera-enc'))).toBe(false);
  });

  it('names the file when it is missing, not encrypted, or the passphrase is too short', async () => {
    expect((await cli('encrypt', 'nothing.csv', '-o', 'n.tessera-enc', '--passphrase-file', 'pass.txt')).err).toBe(
      'nothing.csv: the file cannot be read (there is no such file)\n',
    );
    expect((await cli('decrypt', 'names.csv', '-o', 'n.csv', '--passphrase-file', 'pass.txt')).err).toBe(
      'names.csv: this is not a Tessera encrypted file (it does not begin with "TESSERA-ENC").\n',
    );
    writeFileSync(file('short.txt'), 'abc\n');
    expect((await cli('encrypt', 'names.csv', '-o', 's.tessera-enc', '--passphrase-file', 'short.txt')).err).toBe(
      'tessera encrypt: The passphrase is too short: use at least 8 characters (a few words are best).\n',
    );
    expect((await cli('encrypt', 'names.csv', '-o', 'names.csv')).code).toBe(1);
  });
});

describe('tessera pseudonymise', () => {
  beforeAll(() => {
    writeFileSync(file('study.qdpx'), writeQdpx(smallProject()));
    writeFileSync(file('table.csv'), formatPseudonymTable(TABLE));
  });

  it('writes the pseudonymised project, prints the report, and checks the output for leaks', async () => {
    const { code, out, err } = await cli('pseudonymise', 'study.qdpx', '--table', 'table.csv', '-o', 'pseudo.qdpx');
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('Pseudonymised study.qdpx: 28 replacements of 7 of 8 terms');
    expect(lines).toContain('  07700 900412 -> [phone number] (case or record number): 1  [[Worker 1] interview 1]');
    expect(lines).toContain('  not found: Lucy');
    expect(lines).toContain('Leak check: no term of the table is left in pseudo.qdpx');
    const { project } = await readQdpx(new Uint8Array(readFileSync(file('pseudo.qdpx'))), 'pseudo.qdpx');
    expect(findLeaksInProject(project, TABLE)).toEqual([]);
    const doc = project.texts.find((t) => t.text.includes('[Child A] is seven'))!;
    const coding = project.codings.find((c) => c.documentId === doc.id && doc.text.slice(c.start, c.end).startsWith('[Child A] is seven. He'))!;
    expect(doc.text.slice(coding.start, coding.end)).toBe('[Child A] is seven. He goes to [School 1]');
  });

  it('reports as JSON', async () => {
    const { code, out } = await cli('pseudonymise', 'study.qdpx', '--table', 'table.csv', '-o', 'pseudo2.qdpx', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as { output: string; replacements: number; terms: { term: string; count: number }[]; leaks: unknown[] };
    expect(report.output).toBe('pseudo2.qdpx');
    expect(report.replacements).toBe(28);
    expect(report.terms.map((t) => [t.term, t.count])).toEqual([
      ['Kayden', 8], ['Marsh Lane Primary', 4], ['Marsh Lane', 3], ['Summer', 4], ['Dawn', 7], ['07700 900412', 1], ["St Aidan's", 1], ['Lucy', 0],
    ]);
    expect(report.leaks).toEqual([]);
  });

  it('exits 1 and writes nothing when a real term would remain', async () => {
    // "Summer" is matched case-sensitively, so "SUMMER" stays, and the leak check finds it.
    const project = smallProject();
    project.texts[1]!.text = project.texts[1]!.text.replace('Nothing else', 'SUMMER said');
    writeFileSync(file('shout.qdpx'), writeQdpx(project));
    const { code, err } = await cli('pseudonymise', 'shout.qdpx', '--table', 'table.csv', '-o', 'shout-out.qdpx');
    expect(code).toBe(1);
    const [first, ...hits] = err.trim().split('\n');
    expect(first).toBe(`tessera pseudonymise: ${hits.length} real terms are still in the output, so shout-out.qdpx was not written:`);
    // The text is in the project XML and in the source's text file.
    expect(hits.length).toBe(2);
    for (const hit of hits) expect(hit).toMatch(/^ {2}"SUMMER" \(Summer\) in \S+.*SUMMER said/);
    expect(existsSync(file('shout-out.qdpx'))).toBe(false);
  });

  it('names the table file and line of a bad table, and refuses to overwrite the project', async () => {
    writeFileSync(file('bad.csv'), 'term,replacement,category\nKayden,,person\n');
    expect((await cli('pseudonymise', 'study.qdpx', '--table', 'bad.csv', '-o', 'p.qdpx')).err).toBe('bad.csv, line 2: "Kayden" has no replacement.\n');
    expect((await cli('pseudonymise', 'study.qdpx', '--table', 'table.csv', '-o', 'study.qdpx')).code).toBe(1);
    expect((await cli('pseudonymise', 'study.qdpx', '-o', 'p.qdpx')).err).toMatch(/^tessera pseudonymise: give a project, a table and an output/);
    expect((await cli('pseudonymise', 'names-missing.qdpx', '--table', 'table.csv', '-o', 'p.qdpx')).err).toBe(
      'names-missing.qdpx: the file cannot be read (there is no such file)\n',
    );
  });
});
