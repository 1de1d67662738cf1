// Sizing the preview iframe: the rendered page is drawn at its real size (mm → CSS px) inside the
// iframe and the iframe is scaled down to the preview column, so the preview is the printed page.

const PX_PER_MM = 96 / 25.4;
const PAGE_GAP_PX = 16;
const A4_PORTRAIT = { widthMm: 210, heightMm: 297 };

/** Page size and count of the renderer's HTML (one <svg class="page" width="…mm" height="…mm"> per page). */
export function pageSizeOf(html) {
  const pages = html.match(/<svg[^>]*class="page"[^>]*>/g) || [];
  const first = pages[0] || '';
  const width = /\swidth="([\d.]+)mm"/.exec(first);
  const height = /\sheight="([\d.]+)mm"/.exec(first);
  if (!width || !height) return { ...A4_PORTRAIT, pages: 1, known: false };
  return { widthMm: Number(width[1]), heightMm: Number(height[1]), pages: Math.max(1, pages.length), known: true };
}

let current;

/** Scales `frame` (inside `box`) so one page width fills the box. */
export function fitPreview(box, frame, size) {
  current = { box, frame, size };
  const widthPx = size.widthMm * PX_PER_MM;
  const heightPx = size.known ? size.pages * size.heightMm * PX_PER_MM + (size.pages - 1) * PAGE_GAP_PX : 1400;
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
