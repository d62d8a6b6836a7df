// Saving the lab diagram as a file that stands alone: an SVG whose every element carries its
// computed style inline (no stylesheet, no CSS variables, the theme's colours baked in), and a PNG
// drawn from that SVG on a canvas. Both leave the page as ordinary downloads.

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

/** The presentation properties the diagram's stylesheet sets; nothing else changes how it draws. */
const INLINED_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'letter-spacing',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'stroke-linejoin',
];

/** Twice the diagram's own size, so the PNG stays sharp on a projector or in a slide. */
export const PNG_SCALE = 2;

/** "OrangeBox 64 demo", 2026-11-22 → "orangebox-64-demo-network-2026-11-22.svg" */
export function exportFileName(labName: string | null, when: Date, extension: 'svg' | 'png'): string {
  const slug = (labName ?? 'lab')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'lab'}-network-${when.toISOString().slice(0, 10)}.${extension}`;
}

export function standaloneSvg(svg: SVGSVGElement, background: string, title: string): { markup: string; width: number; height: number } {
  const { width, height } = svg.viewBox.baseVal;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  // Every property listed is inherited in SVG except opacity, so an element only needs what
  // differs from its parent (opacity: what differs from 1); the file stays small and readable.
  const computedOf = new Map(originals.map((original) => [original, getComputedStyle(original)]));
  originals.forEach((original, index) => {
    const target = copies[index];
    if (!target) return;
    const computed = computedOf.get(original)!;
    const parent = original === svg ? null : computedOf.get(original.parentElement!) ?? null;
    const declarations = INLINED_PROPERTIES.flatMap((property) => {
      const value = computed.getPropertyValue(property);
      const unchanged = property === 'opacity' ? value === '1' : parent !== null && parent.getPropertyValue(property) === value;
      return unchanged ? [] : [`${property}:${value}`];
    });
    if (declarations.length > 0) target.setAttribute('style', declarations.join(';'));
    else target.removeAttribute('style');
    target.removeAttribute('class');
    target.removeAttribute('data-testid');
  });
  copy.setAttribute('xmlns', SVG_NAMESPACE);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.removeAttribute('role');
  const backdrop = document.createElementNS(SVG_NAMESPACE, 'rect');
  backdrop.setAttribute('width', '100%');
  backdrop.setAttribute('height', '100%');
  backdrop.setAttribute('fill', background);
  const heading = document.createElementNS(SVG_NAMESPACE, 'title');
  heading.textContent = title;
  copy.insertBefore(backdrop, copy.firstChild);
  copy.insertBefore(heading, copy.firstChild);
  return { markup: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`, width, height };
}

export async function svgToPng(markup: string, width: number, height: number): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * PNG_SCALE);
  canvas.height = Math.ceil(height * PNG_SCALE);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser gives no 2D canvas to draw the PNG on');
  context.scale(PNG_SCALE, PNG_SCALE);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas could not be encoded as PNG'))), 'image/png'));
}
