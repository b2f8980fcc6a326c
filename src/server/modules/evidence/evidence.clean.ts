import decodeHeic from 'heic-decode';
import sharp from 'sharp';
import type { TImageFormat } from './evidence.sniff.js';

export interface TCleanImage {
  data: Buffer;
  mime: string;
  width: number;
  height: number;
}

export class ImageDecodeError extends Error {}

/**
 * Re-encodes an image so that nothing but its pixels survives: `.rotate()` first applies the EXIF orientation
 * to the pixels, then the new file is written without any metadata (no EXIF/GPS, XMP, IPTC, maker notes, ICC;
 * `withMetadata()` is never called). The format is kept; HEIC is written as JPEG (no HEVC encoder here), decoded by libheif when sharp cannot.
 * Animated GIF and WebP keep their frames. Throws ImageDecodeError when the bytes cannot be decoded.
 */
export async function cleanImage(input: Buffer, format: TImageFormat): Promise<TCleanImage> {
  try {
    return await encodeClean(input, format);
  } catch (err) {
    // This sharp build reads HEIC containers but has no HEVC decoder: decode the pixels with libheif
    // (WebAssembly; it applies the file's rotation and mirroring) and re-encode those as JPEG.
    if (format !== 'heic' || !(err instanceof ImageDecodeError)) throw err;
    const { width, height, data } = await decodeHeic({ buffer: input }).catch((e: unknown) => {
      throw new ImageDecodeError(e instanceof Error ? e.message : String(e));
    });
    const { data: jpeg, info } = await sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
      raw: { width, height, channels: 4 },
    })
      .jpeg({ quality: 92, chromaSubsampling: '4:4:4' })
      .toBuffer({ resolveWithObject: true });
    return { data: jpeg, mime: 'image/jpeg', width: info.width, height: info.height };
  }
}

async function encodeClean(input: Buffer, format: TImageFormat): Promise<TCleanImage> {
  const animated = format === 'gif' || format === 'webp';
  let image = sharp(input, { animated, failOn: 'error', limitInputPixels: 100_000_000 }).rotate();
  let mime: string;
  switch (format) {
    case 'jpeg':
    case 'heic':
      image = image.jpeg({ quality: 92, chromaSubsampling: '4:4:4' });
      mime = 'image/jpeg';
      break;
    case 'png':
      image = image.png();
      mime = 'image/png';
      break;
    case 'webp':
      image = image.webp({ quality: 92 });
      mime = 'image/webp';
      break;
    case 'gif':
      image = image.gif();
      mime = 'image/gif';
      break;
  }
  try {
    const { data, info } = await image.toBuffer({ resolveWithObject: true });
    return { data, mime, width: info.width, height: info.pageHeight ?? info.height };
  } catch (err) {
    throw new ImageDecodeError(err instanceof Error ? err.message : String(err));
  }
}
