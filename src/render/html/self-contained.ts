/**
 * A rendered HTML document made self-contained for delivery (`--format html`, the API's html
 * format, the web page's live preview): the stylesheet is inlined and every asset URL (fonts,
 * images) becomes a data: URL, so the file opens anywhere without the renderer's interception.
 * The page keeps a Content-Security-Policy that allows nothing else (no scripts, no network).
 */
import { ASSET_ORIGIN, type AssetBundle } from '../assets.js';
import type { HtmlOutput } from './canvas-html.js';

const CSP = `default-src 'none'; font-src data:; img-src data:; style-src 'unsafe-inline'`;

function dataUrl(contentType: string, bytes: Uint8Array): string {
  return `data:${contentType.split(';')[0]};base64,${Buffer.from(bytes).toString('base64')}`;
}

function inlineUrls(text: string, assets: AssetBundle): string {
  return text.replace(/https:\/\/assets\.invalid\/(font|image|css)\/([a-z0-9-]{1,64})/g, (all, kind: string, id: string) => {
    const a = assets.get(id);
    return a && a.kind === kind && kind !== 'css' ? dataUrl(a.contentType, a.bytes) : all;
  });
}

/**
 * The stylesheet declares every face of every role; a render bundles only the (subset) faces its
 * text uses. Chromium's print never asks for the others, but a browser showing the HTML may, and
 * a self-contained file must not point anywhere: such @font-face rules are left out.
 */
function dropUnbundledFaces(css: string, assets: AssetBundle): string {
  return css.replace(/@font-face\s*\{[^}]*\}\n?/g, (rule) => {
    const m = /https:\/\/assets\.invalid\/font\/([a-z0-9-]{1,64})/.exec(rule);
    return m && !assets.has(m[1]!) ? '' : rule;
  });
}

export function selfContainedHtml(out: HtmlOutput): string {
  let html = out.html.replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${CSP}">`);
  html = html.replace(/<link rel="stylesheet" href="(https:\/\/assets\.invalid\/css\/([a-z0-9-]{1,64}))">/g, (all, _url: string, id: string) => {
    const a = out.assets.get(id);
    if (!a || a.kind !== 'css') return all;
    const css = inlineUrls(dropUnbundledFaces(new TextDecoder().decode(a.bytes), out.assets), out.assets).replace(/<\/style/gi, '<\\/style');
    return `<style>\n${css}\n</style>`;
  });
  if (html.includes(ASSET_ORIGIN)) html = inlineUrls(html, out.assets);
  return html;
}
