declare module 'heic-decode' {
  /** Decodes the primary image of a HEIC/HEIF file (libheif compiled to WebAssembly) into RGBA pixels. */
  export default function decode(input: { buffer: Buffer | Uint8Array }): Promise<{
    width: number;
    height: number;
    data: Uint8ClampedArray;
  }>;
}
