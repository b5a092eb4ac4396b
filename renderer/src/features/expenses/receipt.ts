// A receipt is a photo or a PDF kept on this computer only. What it is is read from its first bytes,
// not from its name: a file called "receipt.pdf" that is not a PDF is refused.
const MAX_RECEIPT_MB = 10;

const SIGNATURES: ReadonlyArray<{ type: string; matches: (b: Uint8Array) => boolean }> = [
  { type: 'application/pdf', matches: (b) => ascii(b, 0, 5) === '%PDF-' },
  { type: 'image/png', matches: (b) => b[0] === 0x89 && ascii(b, 1, 3) === 'PNG' },
  { type: 'image/jpeg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', matches: (b) => ascii(b, 0, 4) === 'GIF8' },
  { type: 'image/webp', matches: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP' },
];

function ascii(bytes: Uint8Array, from: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(from, from + length));
}

/** The first bytes of a file (FileReader: what every browser and jsdom has). */
function head(file: Blob, length: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsArrayBuffer(file.slice(0, length));
  });
}

export type ReceiptCheck = { ok: true; type: string } | { ok: false; error: string };

/** Whether the file can be kept as a receipt, and its type as read from its content. */
export async function checkReceipt(file: Blob): Promise<ReceiptCheck> {
  if (file.size > MAX_RECEIPT_MB * 1024 * 1024) {
    return { ok: false, error: `This file is ${(file.size / 1024 / 1024).toFixed(1)} MB; a receipt can be at most ${MAX_RECEIPT_MB} MB. Take a smaller photo or scan, then attach it again.` };
  }
  const bytes = await head(file, 12);
  const found = SIGNATURES.find((s) => s.matches(bytes));
  return found ? { ok: true, type: found.type } : { ok: false, error: 'This file is not a photo (JPEG, PNG, GIF, WebP) or a PDF, so it cannot be kept as a receipt.' };
}
