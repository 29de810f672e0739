import { AppError } from '../../errors';

/** What an uploaded image really is, from its first bytes; null for anything but JPEG and PNG. */
export function imageType(bytes: Buffer): 'image/png' | 'image/jpeg' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

/** Checks an uploaded photo or QR code: a JPG or PNG no larger than `maxBytes`. */
export function checkImage(bytes: Buffer, what: string, maxBytes: number): 'image/png' | 'image/jpeg' {
  const type = imageType(bytes);
  if (!type) throw new AppError('VALIDATION', `${what}应为 JPG 或 PNG 图片文件。`);
  if (bytes.length > maxBytes) {
    throw new AppError(
      'VALIDATION',
      `${what}太大（${(bytes.length / 1024 / 1024).toFixed(1)} MB），请压缩到 ${Math.round(maxBytes / 1024 / 1024)} MB 以内。`,
    );
  }
  return type;
}

export function dataUrl(type: string, bytes: Buffer | Uint8Array): string {
  return `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;
}
