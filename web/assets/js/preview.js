// Sizing the preview iframe: the rendered page is drawn at its real size (mm → CSS px) inside the
// iframe and the iframe is scaled down to the preview column, so the preview is the printed page.
// Canvas documents (certificates, cards) are one <svg class="page" width="…mm" height="…mm"> per
// page: shown whole. Flow documents (forms, tables, plans) are continuous HTML with an @page rule:
// shown one page tall with the page margins, scrolling inside the frame.

const PX_PER_MM = 96 / 25.4;
const PAGE_GAP_PX = 16;
const A4_PORTRAIT = { widthMm: 210, heightMm: 297 };

/** Page size, page count and (flow documents) margins of the renderer's HTML. */
export function pageSizeOf(html) {
  const pages = html.match(/<svg[^>]*class="page"[^>]*>/g) || [];
  if (pages.length > 0) {
    const width = /\swidth="([\d.]+)mm"/.exec(pages[0]);
    const height = /\sheight="([\d.]+)mm"/.exec(pages[0]);
    if (width && height) return { widthMm: Number(width[1]), heightMm: Number(height[1]), pages: pages.length, continuous: false };
  }
  const page = /@page\s*\{([^}]*)\}/.exec(html)?.[1] || '';
  const size = /size:\s*([\d.]+)mm\s+([\d.]+)mm/.exec(page);
  const margin = /margin:\s*([\d.]+)mm\s+([\d.]+)mm\s+([\d.]+)mm\s+([\d.]+)mm/.exec(page);
  return {
    ...(size ? { widthMm: Number(size[1]), heightMm: Number(size[2]) } : A4_PORTRAIT),
    pages: 1,
    continuous: true,
    ...(margin ? { marginsMm: margin.slice(1, 5).map(Number) } : {}),
  };
}

/**
 * The HTML to show: a flow document gets its @page margins as body margins on screen (a browser
 * applies @page only when printing). A constant rule of ours, inserted before </head>.
 */
export function previewHtml(html, size) {
  if (!size.continuous || !size.marginsMm) return html;
  const [top, right, bottom, left] = size.marginsMm;
  const rule = `<style>@media screen { html { background: #fff; } body { margin: ${top}mm ${right}mm ${bottom}mm ${left}mm; } }</style>`;
  return html.includes('</head>') ? html.replace('</head>', `${rule}</head>`) : rule + html;
}

let current;

/** Scales `frame` (inside `box`) so one page width fills the box. */
export function fitPreview(box, frame, size) {
  current = { box, frame, size };
  const widthPx = size.widthMm * PX_PER_MM;
  const heightPx = size.continuous
    ? size.heightMm * PX_PER_MM
    : size.pages * size.heightMm * PX_PER_MM + (size.pages - 1) * PAGE_GAP_PX;
  const available = box.clientWidth || widthPx;
  const scale = Math.min(1, available / widthPx);
  frame.style.width = `${Math.ceil(widthPx)}px`;
  frame.style.height = `${Math.ceil(heightPx)}px`;
  frame.style.transform = `scale(${scale})`;
  box.style.height = `${Math.ceil(heightPx * scale)}px`;
}

window.addEventListener('resize', () => {
  if (current) fitPreview(current.box, current.frame, current.size);
});
