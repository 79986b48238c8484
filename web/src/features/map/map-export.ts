import type { Core } from 'cytoscape';

/** Saves a blob under a file name, as a download the reader's browser offers. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The whole map (not just what is on screen) as an SVG document, white background. */
export function mapSvg(cy: Core): Blob {
  return new Blob([cy.svg({ full: true, scale: 1, bg: '#ffffff' })], { type: 'image/svg+xml' });
}

/** The whole map as a PNG at twice its size, so that the words stay sharp when printed. */
export function mapPng(cy: Core): Blob {
  return cy.png({ full: true, scale: 2, bg: '#ffffff', output: 'blob' });
}
