/**
 * Fonts: role → font files (fonts/fonts.json), @font-face data for Chromium, a
 * project fonts.conf, text measurement for the line breaker and the per-render
 * font report. See fonts/README.md for what is vendored under which licence.
 */
export { ROLES, readFontsConfig } from './config.js';
export type { Role, FontOrigin, FontSource, FontsConfig, RoleConfig, FileEntry, Candidate } from './config.js';
export { loadFontSet, defaultRoot, faceOf, roleFonts, FontFace, LOCAL_LICENSE } from './font-set.js';
export type { FontSet, RoleFonts, ResolvedFont, CssSlot, LoadFontSetOptions } from './font-set.js';
export { cssFontFaces, FONT_MIME } from './css.js';
export type { CssFontFaces, CssFace, CssRole } from './css.js';
export { writeFontconfig, fontconfigXml, fontDirs, chainFamilies } from './fontconfig.js';
export { fontReport, formatCodePoint } from './report.js';
export type { FontReport, ReportedRole, ReportedFont, FallbackChar, ReportRun } from './report.js';
export { measureText, measureEm, fontMetrics, isZeroWidth } from './measure.js';
export type { MeasureOptions, FontMetrics } from './measure.js';
export { extractFace, outlineKind, tableTags } from './sfnt.js';
