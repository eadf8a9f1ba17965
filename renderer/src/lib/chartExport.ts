// A chart on screen as a file: the SVG element serialised as is (the charts draw with presentation
// attributes only, so no stylesheet is needed), or rasterised into a PNG at twice the size for sharp slides.
import { svgFile } from './chart';
import { downloadBlob } from './download';

export function svgMarkup(svg: SVGSVGElement): string {
  return svgFile(new XMLSerializer().serializeToString(svg));
}

export function downloadSvg(svg: SVGSVGElement, fileName: string): void {
  downloadBlob(fileName, new Blob([svgMarkup(svg)], { type: 'image/svg+xml' }));
}

export async function downloadPng(svg: SVGSVGElement, fileName: string, scale = 2): Promise<void> {
  const { width, height } = svg.viewBox.baseVal;
  const url = URL.createObjectURL(new Blob([svgMarkup(svg)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This window cannot draw on a canvas.');
    ctx.fillStyle = '#ffffff'; // a PNG pasted into slides should not come out transparent
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('The chart could not be encoded as PNG.');
    downloadBlob(fileName, blob);
  } finally {
    URL.revokeObjectURL(url);
  }
}
