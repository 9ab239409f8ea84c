import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CONTAINER_VERSION,
  DEFAULT_ITERATIONS,
  decryptFile,
  EncryptedFileError,
  encryptFile,
  isEncryptedContainer,
  readContainerHeader,
} from '../../../shared/protect/encrypted-container';

const PASSPHRASE = 'correct horse battery staple';
const DAMAGED = /^interview\.tessera-enc: wrong passphrase, or the file was changed or damaged/;
const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('encrypted container', () => {
  it('round-trips a file with the default key derivation, and keeps its name and media type', async () => {
    const plain = bytesOf('Dawn: Kayden is seven. £ é 😀');
    const container = await encryptFile(plain, PASSPHRASE, { name: 'project.qdpx', type: 'application/zip' });
    const header = readContainerHeader(container);
    expect(header).toMatchObject({ version: 1, kdf: 'PBKDF2-SHA-256', iterations: 600_000, name: 'project.qdpx', type: 'application/zip' });
    expect(DEFAULT_ITERATIONS).toBe(600_000);
    const out = await decryptFile(container, PASSPHRASE, 'project.qdpx.tessera-enc');
    expect(out.name).toBe('project.qdpx');
    expect(out.type).toBe('application/zip');
    expect(new TextDecoder().decode(out.bytes)).toBe('Dawn: Kayden is seven. £ é 😀');
  });

  it('writes the documented layout, readable by an independent AES-GCM implementation', async () => {
    const plain = bytesOf('confidential');
    const container = await encryptFile(plain, PASSPHRASE, { name: 'notes.txt', type: 'text/plain', iterations: 1000 });
    expect(new TextDecoder().decode(container.subarray(0, 11))).toBe('TESSERA-ENC');
    expect(container[11]).toBe(1);
    expect(container[12]).toBe(1);
    // 1000 = 0x000003E8, big-endian.
    expect([...container.subarray(13, 17)]).toEqual([0x00, 0x00, 0x03, 0xe8]);
    const salt = container.subarray(17, 33);
    const iv = container.subarray(33, 45);
    const metadataLength = new DataView(container.buffer, container.byteOffset).getUint32(45);
    const metadata = '{"name":"notes.txt","type":"text/plain"}';
    expect(metadataLength).toBe(metadata.length);
    expect(new TextDecoder().decode(container.subarray(49, 49 + metadataLength))).toBe(metadata);
    // Ciphertext as long as the plain text, then a 16-byte tag.
    expect(container.length).toBe(49 + metadata.length + plain.length + 16);
    const headerEnd = 49 + metadataLength;
    const key = pbkdf2Sync(PASSPHRASE, salt, 1000, 32, 'sha256');
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(container.subarray(0, headerEnd));
    decipher.setAuthTag(container.subarray(container.length - 16));
    const out = Buffer.concat([decipher.update(container.subarray(headerEnd, container.length - 16)), decipher.final()]);
    expect(out.toString('utf8')).toBe('confidential');
  });

  it('uses a fresh salt and IV each time', async () => {
    const a = await encryptFile(bytesOf('same'), PASSPHRASE, { name: 'a', iterations: 10 });
    const b = await encryptFile(bytesOf('same'), PASSPHRASE, { name: 'a', iterations: 10 });
    expect(Buffer.from(a.subarray(17, 33)).equals(Buffer.from(b.subarray(17, 33)))).toBe(false);
    expect(Buffer.from(a.subarray(33, 45)).equals(Buffer.from(b.subarray(33, 45)))).toBe(false);
  });

  it('round-trips an empty file and reads the passphrase as Unicode NFC', async () => {
    const container = await encryptFile(new Uint8Array(0), 'caf\u00e9 au lait', { name: 'empty.csv', iterations: 10 });
    const out = await decryptFile(container, 'cafe\u0301 au lait');
    expect(out.bytes.length).toBe(0);
    expect(out.name).toBe('empty.csv');
    expect(out.type).toBe('application/octet-stream');
  });

  it('refuses a wrong passphrase with one clear message and no data', async () => {
    const container = await encryptFile(bytesOf('secret'), PASSPHRASE, { name: 'interview.txt', iterations: 1000 });
    const attempt = decryptFile(container, 'correct horse battery stapler', 'interview.tessera-enc');
    await expect(attempt).rejects.toThrow(EncryptedFileError);
    await expect(decryptFile(container, 'wrong passphrase', 'interview.tessera-enc')).rejects.toThrow(DAMAGED);
  });

  it('refuses every single-byte change, anywhere in the file, header included', async () => {
    const container = await encryptFile(bytesOf('Kayden, 07700 900412'), PASSPHRASE, { name: 'i.txt', iterations: 1000 });
    let refused = 0;
    for (let i = 0; i < container.length; i++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const changed = container.slice();
        changed[i]! ^= mask;
        await expect(decryptFile(changed, PASSPHRASE, 'interview.tessera-enc'), `byte ${i} ^ ${mask}`).rejects.toThrow(/^interview\.tessera-enc: /);
        refused++;
      }
    }
    expect(refused).toBe(container.length * 3);
    // Changes after the magic and version bytes all read as damage (or a wrong passphrase).
    const changed = container.slice();
    changed[60]! ^= 1;
    await expect(decryptFile(changed, PASSPHRASE, 'interview.tessera-enc')).rejects.toThrow(DAMAGED);
  });

  it('refuses the file cut short at every length', async () => {
    const container = await encryptFile(bytesOf('short'), PASSPHRASE, { name: 'i.txt', iterations: 100 });
    for (let length = 0; length < container.length; length++) {
      await expect(decryptFile(container.slice(0, length), PASSPHRASE, 'interview.tessera-enc'), `length ${length}`).rejects.toThrow(
        length < 11 ? /not a Tessera encrypted file/ : DAMAGED,
      );
    }
    // And with bytes added at the end.
    const longer = new Uint8Array(container.length + 1);
    longer.set(container);
    await expect(decryptFile(longer, PASSPHRASE, 'interview.tessera-enc')).rejects.toThrow(DAMAGED);
  });

  it('refuses an unknown version clearly, and a file that is not a container', async () => {
    const container = await encryptFile(bytesOf('x'), PASSPHRASE, { name: 'x', iterations: 10 });
    const newer = container.slice();
    newer[11] = 2;
    await expect(decryptFile(newer, PASSPHRASE, 'x.tessera-enc')).rejects.toThrow(
      'x.tessera-enc: this file was encrypted by a newer version of Tessera (container version 2); this version reads version 1. Update Tessera to open it.',
    );
    expect(CONTAINER_VERSION).toBe(1);
    const zero = container.slice();
    zero[11] = 0;
    expect(() => readContainerHeader(zero, 'x.tessera-enc')).toThrow(/unknown encrypted file version 0/);
    const zip = new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(isEncryptedContainer(zip)).toBe(false);
    expect(isEncryptedContainer(container)).toBe(true);
    await expect(decryptFile(zip, PASSPHRASE, 'project.qdpx')).rejects.toThrow(
      'project.qdpx: this is not a Tessera encrypted file (it does not begin with "TESSERA-ENC").',
    );
  });

  it('refuses a short passphrase and an iteration count out of range when encrypting', async () => {
    await expect(encryptFile(bytesOf('x'), 'short', { name: 'x' })).rejects.toThrow(/at least 8 characters/);
    await expect(encryptFile(bytesOf('x'), PASSPHRASE, { name: 'x', iterations: 0 })).rejects.toThrow(/iteration count/);
    await expect(encryptFile(bytesOf('x'), PASSPHRASE, { name: 'x', iterations: 6_000_000 })).rejects.toThrow(/iteration count/);
  });
});
