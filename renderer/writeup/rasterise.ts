import { pngWithDpi } from './settings';

/**
 * Draws an SVG (a chart or the thematic map) as a PNG in the window: the SVG is decoded as an image (it can run
 * nothing and fetch nothing that way) and painted on a canvas. Pictures are limited to what a canvas holds.
 */

/** The largest side a canvas reliably allocates in Chromium. */
const MAX_SIDE = 16_000;
/** Screen pixels per inch, as CSS counts them. */
export const CSS_DPI = 96;
/** Print resolution for saved pictures. */
export const PRINT_DPI = 300;

function svgSize(svg: string): { width: number; height: number } {
  return { width: Number(/\bwidth="([\d.]+)"/.exec(svg)?.[1] ?? 800), height: Number(/\bheight="([\d.]+)"/.exec(svg)?.[1] ?? 600) };
}

/** PNG bytes of the SVG drawn at width x height pixels (white behind transparent parts), with its dpi recorded. */
export async function rasteriseSvg(svg: string, width: number, height: number, dpi = PRINT_DPI): Promise<Uint8Array> {
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image(w, h);
    image.decoding = 'async';
    image.src = url;
    await image.decode().catch(() => {
      throw new Error('the chart could not be drawn (its picture did not load)');
    });
    let blob: Blob | null;
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(w, h);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('this window cannot draw pictures');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, w, h);
      context.drawImage(image, 0, 0, w, h);
      blob = await canvas.convertToBlob({ type: 'image/png' });
    } else {
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('this window cannot draw pictures');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, w, h);
      context.drawImage(image, 0, 0, w, h);
      blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    }
    if (!blob) throw new Error('the picture is too large to draw');
    return pngWithDpi(new Uint8Array(await blob.arrayBuffer()), dpi);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** An SVG as a PNG at print resolution (300 dpi for its size at 96 pixels per inch). */
export function svgToPrintPng(svg: string): Promise<Uint8Array> {
  const { width, height } = svgSize(svg);
  const factor = PRINT_DPI / CSS_DPI;
  return rasteriseSvg(svg, width * factor, height * factor, PRINT_DPI);
}

/**
 * The rasteriser for Word documents. The report engine asks for twice the chart's size; a chart placed at up to the
 * text width of an A4 page then prints at about 200 dpi, so it is drawn larger, at 300 dpi for its size on screen.
 */
export function docxRasterise(svg: string, width: number, height: number): Promise<Uint8Array> {
  const factor = PRINT_DPI / CSS_DPI / 2;
  return rasteriseSvg(svg, width * factor, height * factor, PRINT_DPI);
}
