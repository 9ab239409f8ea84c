/** Names the kind of file the bytes really are, for messages when a file has the wrong extension. */
export function sniffOtherFormat(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 8));
  if (head.startsWith('%PDF')) return 'a PDF document';
  if (head.startsWith('{\\rtf')) return 'an RTF document';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return 'an older Office document (or an encrypted one)';
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'a zip archive';
  if (bytes[0] === 0x89 && head.slice(1, 4) === 'PNG') return 'a PNG image';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'a JPEG image';
  return undefined;
}
