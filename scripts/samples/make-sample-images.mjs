// Makes the sample images used by the examples (a neutral photo silhouette on a white
// background and red institution seals). Run once by a developer; the PNG/JPEG files are
// committed under schemas/forms/<id>/examples/assets/. Needs a CJK font in fontconfig.
import sharp from 'sharp';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [, , outDir, ...names] = process.argv;
mkdirSync(outDir, { recursive: true });

const photo = (hue) => `<svg xmlns="http://www.w3.org/2000/svg" width="390" height="546" viewBox="0 0 390 546">
<rect width="390" height="546" fill="#ffffff"/>
<ellipse cx="195" cy="210" rx="92" ry="112" fill="hsl(${hue},25%,62%)"/>
<path d="M25 546 C40 400 120 350 195 350 C270 350 350 400 365 546 Z" fill="hsl(${hue},30%,35%)"/>
</svg>`;

const seal = (text, inner) => {
  // Characters placed one by one on an arc over the top (librsvg has no textPath).
  const chars = [...text];
  const span = Math.min(250, chars.length * 22);
  const glyphs = chars.map((c, i) => {
    const a = -span / 2 + (span * (i + 0.5)) / chars.length; // degrees from the top
    const r = (a * Math.PI) / 180;
    const x = 250 + 178 * Math.sin(r), y = 250 - 178 * Math.cos(r);
    return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" transform="rotate(${a.toFixed(2)} ${x.toFixed(1)} ${y.toFixed(1)})" text-anchor="middle" dominant-baseline="central" font-family="Noto Sans CJK SC" font-weight="bold" font-size="44" fill="#d40000" fill-opacity="0.85">${c}</text>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="500" height="500" viewBox="0 0 500 500">
<circle cx="250" cy="250" r="232" fill="none" stroke="#d40000" stroke-opacity="0.85" stroke-width="16"/>${glyphs}
<polygon points="250,180 266,228 317,228 276,258 291,306 250,277 209,306 224,258 183,228 234,228" fill="#d40000" fill-opacity="0.85"/>
<text x="250" y="380" text-anchor="middle" font-family="Noto Sans CJK SC" font-weight="bold" font-size="30" fill="#d40000" fill-opacity="0.85">${inner}</text>
</svg>`;
};

for (const n of names) {
  const [kind, ...rest] = n.split(':');
  if (kind === 'photo') await sharp(Buffer.from(photo(Number(rest[1] ?? 210)))).jpeg({ quality: 88 }).toFile(join(outDir, `${rest[0]}.jpg`));
  else await sharp(Buffer.from(seal(rest[1], rest[2] ?? ''))).png().toFile(join(outDir, `${rest[0]}.png`));
}
