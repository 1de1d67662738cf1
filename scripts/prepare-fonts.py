#!/usr/bin/python3
"""Reproducible dev-time recipe for the vendored fonts in fonts/.

Produces TrueType-outline (glyf) single-face fonts from the Debian font packages:

  fonts-arphic-ukai  /usr/share/fonts/truetype/arphic/ukai.ttc       -> kai
  fonts-noto-cjk     /usr/share/fonts/opentype/noto/NotoSans*CJK*.ttc -> hei, hei-bold, fallback
                     /usr/share/fonts/opentype/noto/NotoSerifCJK*.ttc -> song
  fonts-liberation2  LiberationSerif-{Regular,Bold}.ttf               -> times (copied unmodified)

Why: Chromium embeds CFF-outline fonts as Type 3 fonts in PDFs, and .ttc collections must be split into
single faces. Steps per CJK face: pick the SC/CN face from the .ttc by name, subset it with
fontTools.subset to the target Unicode set, convert CFF -> TrueType quadratic outlines with cu2qu (the
fontTools otf2ttf recipe), rename the family (suffix " SEF" so it never collides with a system copy),
record the change (Arphic licence clause 2 / OFL) in the name table, and write coverage into
fonts/fonts.json ("files" section only; roles are hand-maintained there).

Target set for the CJK roles: every GBK character (2-byte GBK decoded with Python's gbk codec) + the
GB 18030 two-byte extras + the whole CJK Unified Ideographs block and Extension A + CJK symbols and
punctuation, full-width forms, ASCII, Latin-1, general punctuation, enclosed numbers, a few marks.
The fallback font gets everything Noto Sans CJK SC has beyond that target (Ext B.., compatibility
ideographs, kana, Hangul, ...), so a rare name character such as U+20BB7 still renders with an
embeddable TrueType font.

Usage (run with Debian's python3, which has fontTools):
  /usr/bin/python3 scripts/prepare-fonts.py [--out fonts] [--only id[,id...]] [--no-json] [--jobs N]
  /usr/bin/python3 scripts/prepare-fonts.py otf2ttf IN.otf OUT.ttf [--face N]   # used by fetch-fangsong
  /usr/bin/python3 scripts/prepare-fonts.py sets                                # print set sizes
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata

from fontTools import subset as ftsubset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

NOTO_DIR = '/usr/share/fonts/opentype/noto'
ARPHIC = '/usr/share/fonts/truetype/arphic/ukai.ttc'
LIB_DIR = '/usr/share/fonts/truetype/liberation2'

# Layout features kept in the subsets. Dropping 'locl' (and aalt/fwid/hwid/pwid/ruby/hist/dlig...)
# keeps the JP/KR/TC alternates of the shared Noto .ttc glyph set out of the SC subsets.
LAYOUT_FEATURES = ['ccmp', 'liga', 'calt', 'kern', 'mark', 'vert', 'vrt2', 'vkrn', 'palt', 'vpal',
                   'halt', 'vhal', 'frac']

# Date of the recipe (the "date of change" the Arphic licence asks for). A constant, not today's date, so
# rerunning the recipe reproduces the vendored files byte for byte; bump it when the recipe changes.
RECIPE_DATE = '2026-11-23'

MODIFIED_NOTE = ('Modified for skill-eval-forms on {date}: subset to GBK + GB 18030 CJK + common '
                 'symbols{conv}; renamed "{family}". Recipe: scripts/prepare-fonts.py.')


# --------------------------------------------------------------------------------------------
# Unicode sets
# --------------------------------------------------------------------------------------------
def _decode_2byte(codec: str, lead: range, trail: range) -> set[int]:
    out: set[int] = set()
    for b1 in lead:
        for b2 in trail:
            if b2 == 0x7F:
                continue
            try:
                ch = bytes([b1, b2]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(ch) == 1 and not 0xE000 <= ord(ch) <= 0xF8FF:
                out.add(ord(ch))
    return out


def is_hanzi(cp: int) -> bool:
    n = unicodedata.name(chr(cp), '')
    return n.startswith('CJK UNIFIED IDEOGRAPH') or n.startswith('CJK COMPATIBILITY IDEOGRAPH') or cp == 0x3007


def gb2312_set() -> set[int]:
    return _decode_2byte('gb2312', range(0xA1, 0xFF), range(0xA1, 0xFF))


def gbk_set() -> set[int]:
    return _decode_2byte('gbk', range(0x81, 0xFF), range(0x40, 0xFF))


def gb18030_2byte_set() -> set[int]:
    return _decode_2byte('gb18030', range(0x81, 0xFF), range(0x40, 0xFF))


def rng(a: int, b: int) -> set[int]:
    return set(range(a, b + 1))


EXT_A = rng(0x3400, 0x4DBF)
URO = rng(0x4E00, 0x9FFF)
EXT_B = rng(0x20000, 0x2A6DF)

# Symbol blocks a form may use (☐ ☑ ☒ ✓ ✔ ✗ √ ■ □ ① …): the symbols font fills what the CJK primaries lack.
SYMBOL_SET = (rng(0x2100, 0x214F) | rng(0x2150, 0x218F) | rng(0x2190, 0x21FF) | rng(0x2200, 0x22FF) |
              rng(0x2300, 0x23FF) | rng(0x2460, 0x24FF) | rng(0x2500, 0x259F) | rng(0x25A0, 0x25FF) |
              rng(0x2600, 0x26FF) | rng(0x2700, 0x27BF) | rng(0x2B00, 0x2BFF))


def cjk_target_set() -> set[int]:
    s = gbk_set() | gb18030_2byte_set()
    s |= URO | EXT_A                      # GB 18030 extra CJK (4-byte BMP ideographs)
    s |= rng(0x20, 0x7E) | rng(0xA0, 0xFF)  # ASCII, Latin-1
    s |= rng(0x2000, 0x206F)              # general punctuation — – ‘ ’ “ ” … ·
    s |= rng(0x2100, 0x214F) | rng(0x2150, 0x218F)  # letterlike (℃ №), number forms (Ⅰ-Ⅻ)
    s |= rng(0x2190, 0x21FF) | rng(0x2200, 0x22FF)  # arrows, maths (√ × ÷ ≤ ≥)
    s |= rng(0x2460, 0x24FF)              # ①-⑳ ⑴ ⒈ Ⓐ
    s |= rng(0x2500, 0x257F) | rng(0x25A0, 0x25FF)  # box drawing, □ ■ ○ ● ◎ △
    s |= rng(0x2600, 0x26FF) | rng(0x2700, 0x27BF)  # ☐ ☑ ★ ☆ ✓ ✔ ✗
    s |= rng(0x2E80, 0x2EFF) | rng(0x2F00, 0x2FDF) | rng(0x2FF0, 0x2FFF)  # radicals, IDC
    s |= rng(0x3000, 0x303F)              # CJK symbols and punctuation
    s |= rng(0x3100, 0x312F) | rng(0x31A0, 0x31BF)  # bopomofo (pinyin annotations in GBK)
    s |= rng(0x31C0, 0x31EF)              # CJK strokes
    s |= rng(0x3200, 0x32FF) | rng(0x3300, 0x33FF)  # ㈠ ㊣ ㎡ ㎏
    s |= rng(0xF900, 0xFAFF)              # CJK compatibility ideographs (GBK has 21)
    s |= rng(0xFE10, 0xFE1F) | rng(0xFE30, 0xFE4F)  # vertical forms, CJK compat forms
    s |= rng(0xFF00, 0xFFEF)              # half/full-width forms
    s |= {0x2E3A, 0x2E3B, 0xFFFD}
    return s


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------
def pkg_version(pkg: str) -> str:
    try:
        return subprocess.run(['dpkg-query', '-W', '-f=${Version}', pkg], check=True,
                              capture_output=True, text=True).stdout.strip()
    except Exception:  # noqa: BLE001
        return 'unknown'


def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, 'rb') as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b''):
            h.update(chunk)
    return h.hexdigest()


def open_face(path: str, face_name: str | None) -> TTFont:
    """Open one face; for a .ttc pick the face whose full/family name equals face_name."""
    if not path.lower().endswith(('.ttc', '.otc')):
        return TTFont(path)
    coll = TTCollection(path, lazy=True)
    for i, f in enumerate(coll.fonts):
        names = {f['name'].getDebugName(1), f['name'].getDebugName(4)}
        if face_name in names:
            return TTFont(path, fontNumber=i)
    raise SystemExit(f'face {face_name!r} not found in {path}')


def _glyphs_to_quadratic(glyph_set, max_err: float = 1.0, reverse_direction: bool = True) -> dict:
    quad = {}
    for gname in glyph_set.keys():
        tt_pen = TTGlyphPen(glyph_set)
        glyph_set[gname].draw(Cu2QuPen(tt_pen, max_err, reverse_direction=reverse_direction))
        quad[gname] = tt_pen.glyph()
    return quad


def otf_to_ttf(font: TTFont, max_err: float = 1.0) -> None:
    """CFF -> glyf in place (fontTools snippets/otf2ttf.py)."""
    if 'CFF ' not in font:
        if 'CFF2' in font:
            raise SystemExit('CFF2 (variable) fonts are not supported')
        return
    order = font.getGlyphOrder()
    font['loca'] = newTable('loca')
    font['glyf'] = glyf = newTable('glyf')
    glyf.glyphOrder = order
    glyf.glyphs = _glyphs_to_quadratic(font.getGlyphSet(), max_err)
    del font['CFF ']
    if 'VORG' in font:
        del font['VORG']
    glyf.compile(font)
    # lsb must equal xMin for TrueType
    hmtx = font['hmtx']
    for name, glyph in glyf.glyphs.items():
        adv, _ = hmtx.metrics[name]
        hmtx.metrics[name] = (adv, getattr(glyph, 'xMin', 0) if glyph.numberOfContours else 0)
    font['maxp'] = maxp = newTable('maxp')
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for attr in ('maxTwilightPoints', 'maxStorage', 'maxFunctionDefs', 'maxInstructionDefs',
                 'maxStackElements', 'maxSizeOfInstructions'):
        setattr(maxp, attr, 0)
    maxp.maxComponentElements = max((len(getattr(g, 'components', []) or []) for g in glyf.glyphs.values()),
                                     default=0)
    maxp.compile(font)
    post = font['post']
    post.formatType = 3.0      # no glyph names (CID fonts have none worth keeping; smaller)
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = '\x00\x01\x00\x00'
    font['head'].glyphDataFormat = 0


# Code points that CJK fonts draw with the very glyph of a unified ideograph: the Kangxi and
# supplementary radicals (⽉ U+2F49 looks like 月 U+6708). When two code points share one glyph,
# Chromium's ToUnicode map names the lower one, so the PDF's text reads 月 as ⽉: search, copy and
# every text check break. Such aliases are dropped from the cmap; the rare text that really uses a
# radical falls back to another font. Compatibility ideographs (U+F900-FAFF, 21 of them in GBK) sit
# above their unified twins, so the unified reading wins and they stay.
ALIAS_PRONE = rng(0x2E80, 0x2EFF) | rng(0x2F00, 0x2FDF)


def drop_aliased_code_points(font: TTFont) -> int:
    """Removes ALIAS_PRONE code points whose glyph another code point also maps; returns the count."""
    best = font.getBestCmap()
    users: dict[str, int] = {}
    for cp, g in best.items():
        if cp not in ALIAS_PRONE:
            users[g] = users.get(g, 0) + 1
    drop = {cp for cp, g in best.items() if cp in ALIAS_PRONE and users.get(g, 0) > 0}
    if drop:
        for table in font['cmap'].tables:
            if table.isUnicode():
                for cp in drop:
                    table.cmap.pop(cp, None)
    return len(drop)


def subset_font(font: TTFont, unicodes: set[int], drop_hinting: bool) -> None:
    opts = ftsubset.Options()
    opts.layout_features = LAYOUT_FEATURES
    opts.name_IDs = ['*']
    opts.name_languages = ['*']
    opts.name_legacy = True
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.hinting = not drop_hinting
    opts.desubroutinize = True
    opts.drop_tables += ['FFTM', 'VORG', 'DSIG']
    opts.prune_unicode_ranges = True
    sub = ftsubset.Subsetter(options=opts)
    sub.populate(unicodes=unicodes)
    sub.subset(font)


def set_names(font: TTFont, family: str, style: str, weight: int, note: str) -> None:
    name = font['name']
    ps_family = re.sub(r'[^A-Za-z0-9]', '', family)
    ps = f'{ps_family}-{style.replace(" ", "")}'
    full = family if style == 'Regular' else f'{family} {style}'
    version = name.getDebugName(5) or 'Version 1.000'
    # drop typographic/WWS family names and localized family names of the original
    name.names = [r for r in name.names if r.nameID not in (1, 2, 3, 4, 6, 16, 17, 21, 22)]
    for nid, val in ((1, family), (2, style), (3, f'{ps};SEF'), (4, full), (6, ps),
                     (5, f'{version.strip()}; SEF subset')):
        name.setName(val, nid, 3, 1, 0x409)
        name.setName(val, nid, 1, 0, 0)
    desc = (name.getDebugName(10) or '').strip()
    name.setName((note + (' ' + desc if desc else ''))[:4000], 10, 3, 1, 0x409)
    os2 = font['OS/2']
    os2.usWeightClass = weight
    bold = weight >= 700
    os2.fsSelection = (os2.fsSelection & ~0b1100001) | (0b100000 if bold else 0b1000000)
    font['head'].macStyle = 1 if bold else 0
    if os2.fsType & 0x0002 or os2.fsType & 0x0300:
        os2.fsType = 0  # installable embedding; all vendored fonts are free licences


def coverage(cmap: set[int], sets: dict[str, set[int]]) -> dict:
    gb2312_h = {u for u in sets['gb2312'] if is_hanzi(u)}
    gbk_h = {u for u in sets['gbk'] if is_hanzi(u)}
    return {
        'codePoints': len(cmap),
        'gb2312Hanzi': f'{len(cmap & gb2312_h)}/{len(gb2312_h)}',
        'gbkHanzi': f'{len(cmap & gbk_h)}/{len(gbk_h)}',
        'gbk': f'{len(cmap & sets["gbk"])}/{len(sets["gbk"])}',
        'cjkExtA': len(cmap & EXT_A),
        'cjkExtB': len(cmap & EXT_B),
        'cjkExtCplus': len({u for u in cmap if 0x2A700 <= u <= 0x323AF}),
        'hangulSyllables': len(cmap & rng(0xAC00, 0xD7A3)),
        'U+20BB7': 0x20BB7 in cmap,
        'U+5803': 0x5803 in cmap,
        'U+5586': 0x5586 in cmap,
    }


# --------------------------------------------------------------------------------------------
# recipes
# --------------------------------------------------------------------------------------------
RECIPES = [
    dict(id='ukai-cn', src=ARPHIC, face='AR PL UKai CN', pkg='fonts-arphic-ukai',
         out='arphic-ukai/ARPLUKaiCN-SEF.ttf', family='AR PL UKai CN SEF', style='Regular', weight=400,
         set='cjk', license='Arphic Public License', licenseFile='arphic-ukai/LICENSE'),
    dict(id='noto-sans-sc-regular', src=f'{NOTO_DIR}/NotoSansCJK-Regular.ttc', face='Noto Sans CJK SC',
         pkg='fonts-noto-cjk', out='noto-sans-cjk/NotoSansCJKsc-SEF-Regular.ttf',
         family='Noto Sans CJK SC SEF', style='Regular', weight=400, set='cjk',
         license='OFL-1.1', licenseFile='noto-sans-cjk/OFL.txt'),
    dict(id='noto-sans-sc-bold', src=f'{NOTO_DIR}/NotoSansCJK-Bold.ttc', face='Noto Sans CJK SC',
         pkg='fonts-noto-cjk', out='noto-sans-cjk/NotoSansCJKsc-SEF-Bold.ttf',
         family='Noto Sans CJK SC SEF', style='Bold', weight=700, set='cjk',
         license='OFL-1.1', licenseFile='noto-sans-cjk/OFL.txt'),
    dict(id='noto-serif-sc-regular', src=f'{NOTO_DIR}/NotoSerifCJK-Regular.ttc', face='Noto Serif CJK SC',
         pkg='fonts-noto-cjk', out='noto-serif-cjk/NotoSerifCJKsc-SEF-Regular.ttf',
         family='Noto Serif CJK SC SEF', style='Regular', weight=400, set='cjk',
         license='OFL-1.1', licenseFile='noto-serif-cjk/OFL.txt'),
    dict(id='noto-sans-sc-ext', src=f'{NOTO_DIR}/NotoSansCJK-Regular.ttc', face='Noto Sans CJK SC',
         pkg='fonts-noto-cjk', out='noto-sans-cjk/NotoSansCJKsc-SEF-Ext.ttf',
         family='Noto Sans CJK SC SEF Ext', style='Regular', weight=400, set='ext',
         license='OFL-1.1', licenseFile='noto-sans-cjk/OFL.txt'),
    dict(id='dejavu-symbols', src='/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', pkg='fonts-dejavu-core',
         out='dejavu/DejaVuSans-SEF-Symbols.ttf', family='DejaVu Sans SEF Symbols', style='Regular', weight=400,
         set='symbols', license='Bitstream Vera licence (DejaVu changes public domain)', licenseFile='dejavu/LICENSE'),
    dict(id='liberation-serif-regular', src=f'{LIB_DIR}/LiberationSerif-Regular.ttf', pkg='fonts-liberation2',
         out='liberation/LiberationSerif-Regular.ttf', family='Liberation Serif', style='Regular', weight=400,
         set='copy', license='OFL-1.1', licenseFile='liberation/OFL.txt'),
    dict(id='liberation-serif-bold', src=f'{LIB_DIR}/LiberationSerif-Bold.ttf', pkg='fonts-liberation2',
         out='liberation/LiberationSerif-Bold.ttf', family='Liberation Serif', style='Bold', weight=700,
         set='copy', license='OFL-1.1', licenseFile='liberation/OFL.txt'),
]


def _debian_license_block(copyright_path: str, license_name: str) -> str:
    """Extract a 'License: NAME' stanza body from a DEP-5 copyright file."""
    text = open(copyright_path, encoding='utf-8').read()
    m = re.search(rf'^License: {re.escape(license_name)}\n((?: .*\n?)+)', text, re.M)
    if not m:
        raise SystemExit(f'licence {license_name} not found in {copyright_path}')
    lines = [ln[1:] for ln in m.group(1).splitlines()]
    return '\n'.join('' if ln == '.' else ln for ln in lines).strip() + '\n'


def write_licenses(out_dir: str) -> None:
    date = RECIPE_DATE
    d = os.path.join(out_dir, 'arphic-ukai')
    os.makedirs(d, exist_ok=True)
    en = gzip.open('/usr/share/doc/fonts-arphic-ukai/license/english/ARPHICPL.TXT.gz', 'rt', encoding='utf-8').read()
    zh = gzip.open('/usr/share/doc/fonts-arphic-ukai/license/zh_CN.UTF-8/ARPHICPL.TXT.gz', 'rt', encoding='utf-8').read()
    with open(os.path.join(d, 'LICENSE'), 'w', encoding='utf-8') as fh:
        fh.write('AR PL UKai CN — ARPHIC PUBLIC LICENSE (English and Simplified Chinese texts follow)\n\n')
        fh.write('Source: Debian package fonts-arphic-ukai %s, /usr/share/fonts/truetype/arphic/ukai.ttc (face '
                 '"AR PL UKai CN").\n' % pkg_version('fonts-arphic-ukai'))
        fh.write('NOTICE OF MODIFICATION (licence clause 2): ARPLUKaiCN-SEF.ttf was changed by the skill-eval-forms\n'
                 'project (%s): single face extracted, subset to GBK + GB 18030 CJK + symbols, hinting removed,\n'
                 'renamed "AR PL UKai CN SEF". Recipe: scripts/prepare-fonts.py. The unmodified font is in the\n'
                 'Debian package above and at https://www.freedesktop.org/wiki/Software/CJKUnifonts/.\n\n' % date)
        fh.write(en.strip() + '\n\n' + '=' * 72 + '\n\n' + zh.strip() + '\n')
    d = os.path.join(out_dir, 'dejavu')
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, 'LICENSE'), 'w', encoding='utf-8') as fh:
        fh.write('DejaVu Sans — symbols subset. Source: Debian package fonts-dejavu-core %s,\n'
                 '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf. Modified by skill-eval-forms (%s): subset to the symbols\n'
                 'the Noto CJK SC faces lack (check boxes, dingbats ...), hinting removed, renamed "DejaVu Sans SEF Symbols"\n'
                 '(the Bitstream Vera licence requires renaming and forbids "Bitstream"/"Vera" in the name).\n'
                 'Recipe: scripts/prepare-fonts.py. The Debian copyright file follows verbatim.\n\n' % (pkg_version('fonts-dejavu-core'), date))
        fh.write(open('/usr/share/doc/fonts-dejavu-core/copyright', encoding='utf-8').read())
    for sub, pkg in (('noto-sans-cjk', 'fonts-noto-cjk'), ('noto-serif-cjk', 'fonts-noto-cjk'),
                     ('liberation', 'fonts-liberation2')):
        d = os.path.join(out_dir, sub)
        os.makedirs(d, exist_ok=True)
        if pkg == 'fonts-noto-cjk':
            body = _debian_license_block('/usr/share/doc/fonts-noto-cjk/copyright', 'SIL-1.1')
            head = ('Noto Sans/Serif CJK — Copyright 2014-2021 Adobe (http://www.adobe.com/). Noto is a trademark of\n'
                    'Google Inc. Licensed under the SIL Open Font License 1.1 (below).\n'
                    'Source: Debian package fonts-noto-cjk %s. Modified by skill-eval-forms (%s): SC face\n'
                    'extracted from the .ttc, subset, CFF outlines converted to TrueType (cu2qu), renamed with the\n'
                    'suffix "SEF". Recipe: scripts/prepare-fonts.py.\n\n' % (pkg_version(pkg), date))
        else:
            body = _debian_license_block('/usr/share/doc/fonts-liberation2/copyright', 'SIL-OFL-1.1')
            head = ('Liberation Serif 2.x — Digitized data copyright (c) 2010 Google Corporation with Reserved Font\n'
                    'Arimo, Tinos and Cousine. Copyright (c) 2012 Red Hat, Inc. with Reserved Font Name Liberation.\n'
                    'Source: Debian package fonts-liberation2 %s; files copied unmodified.\n\n' % pkg_version(pkg))
        with open(os.path.join(d, 'OFL.txt'), 'w', encoding='utf-8') as fh:
            fh.write(head + body)


def build(recipe: dict, out_dir: str, sets: dict[str, set[int]], common: set[int]) -> dict:
    """common: target code points that both Noto SC primaries (sans and serif) cover."""
    t0 = time.time()
    out_path = os.path.join(out_dir, recipe['out'])
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    if recipe['set'] == 'copy':
        shutil.copyfile(recipe['src'], out_path)
        font = TTFont(out_path, lazy=True)
    else:
        font = open_face(recipe['src'], recipe.get('face'))
        src_cmap = set(font.getBestCmap())
        if recipe['set'] == 'cjk':
            wanted = sets['cjk'] & src_cmap
        elif recipe['set'] == 'ext':  # what Noto Sans SC has beyond what the primaries cover, plus spaces
            wanted = (src_cmap - common) | {0x20, 0x3000}
        else:  # 'symbols': symbol blocks the primaries lack
            wanted = ((SYMBOL_SET & src_cmap) - common) | {0x20}
        was_cff = 'CFF ' in font
        subset_font(font, wanted, drop_hinting=True)
        otf_to_ttf(font)
        drop_aliased_code_points(font)
        note = MODIFIED_NOTE.format(date=RECIPE_DATE,
                                    conv='; CFF outlines converted to TrueType (cu2qu, max error 1 unit)' if was_cff else '',
                                    family=recipe['family'])
        if recipe['set'] == 'ext':
            note = note.replace('subset to GBK + GB 18030 CJK + common symbols',
                                'subset to the code points beyond the SEF primary fonts (CJK Ext B.., kana, Hangul ...)')
        elif recipe['set'] == 'symbols':
            note = note.replace('subset to GBK + GB 18030 CJK + common symbols',
                                'subset to symbols the Noto CJK SC faces lack (check boxes, dingbats ...)')
        set_names(font, recipe['family'], recipe['style'], recipe['weight'], note)
        font.recalcTimestamp = False  # keep the source's head.modified: reproducible bytes
        font.save(out_path, reorderTables=True)
        font = TTFont(out_path, lazy=True)
    cmap = set(font.getBestCmap())
    assert 'glyf' in font and 'CFF ' not in font, f'{out_path}: not TrueType outlines'
    size = os.path.getsize(out_path)
    entry = {
        'family': recipe['family'],
        'style': recipe['style'],
        'weight': recipe['weight'],
        'path': recipe['out'],
        'license': recipe['license'],
        'licenseFile': recipe['licenseFile'],
        'source': {
            'package': recipe['pkg'],
            'version': pkg_version(recipe['pkg']),
            'file': recipe['src'],
            **({'face': recipe['face']} if recipe.get('face') else {}),
            'modified': recipe['set'] != 'copy',
        },
        'glyphs': font['maxp'].numGlyphs,
        'bytes': size,
        'sha256': sha256(out_path),
        'coverage': coverage(cmap, sets),
    }
    print(f"{recipe['id']:26s} {size / 1e6:7.2f} MB  glyphs {entry['glyphs']:6d}  cps {len(cmap):6d}  "
          f"gbkHanzi {entry['coverage']['gbkHanzi']:>12s}  extA {entry['coverage']['cjkExtA']:5d}  "
          f"extB {entry['coverage']['cjkExtB']:5d}  20BB7 {entry['coverage']['U+20BB7']}  "
          f"{time.time() - t0:6.1f}s", flush=True)
    if size >= 25 * 1024 * 1024:
        print(f'WARNING: {out_path} is >= 25 MiB; split it', file=sys.stderr)
    return entry


def all_sets() -> dict[str, set[int]]:
    return {'gb2312': gb2312_set(), 'gbk': gbk_set(), 'cjk': cjk_target_set()}


def cmd_build(args: argparse.Namespace) -> None:
    t0 = time.time()
    out_dir = os.path.abspath(args.out)
    sets = all_sets()
    only = set(args.only.split(',')) if args.only else None
    write_licenses(out_dir)
    # what both Noto SC primaries cover (the fallback fonts must not repeat it)
    common = set(sets['cjk'])
    for ttc, face in ((f'{NOTO_DIR}/NotoSansCJK-Regular.ttc', 'Noto Sans CJK SC'),
                      (f'{NOTO_DIR}/NotoSerifCJK-Regular.ttc', 'Noto Serif CJK SC')):
        src = open_face(ttc, face)
        common &= set(src.getBestCmap())
        src.close()
    # radicals are dropped from the primaries when they alias an ideograph (above); the Ext font keeps
    # them, where they alias nothing, so a pasted ⽉ still prints (and extracts) as ⽉
    common -= ALIAS_PRONE
    todo = [r for r in RECIPES if not only or r['id'] in only]
    # biggest first so the pool finishes together
    order = ['noto-serif-sc-regular', 'noto-sans-sc-regular', 'noto-sans-sc-bold', 'noto-sans-sc-ext', 'ukai-cn']
    todo.sort(key=lambda r: order.index(r['id']) if r['id'] in order else len(order))
    entries: dict[str, dict] = {}
    if args.jobs > 1:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            futs = {r['id']: pool.submit(build, r, out_dir, sets, common) for r in todo}
            for k, f in futs.items():
                entries[k] = f.result()
    else:
        for r in todo:
            entries[r['id']] = build(r, out_dir, sets, common)
    entries = {r['id']: entries[r['id']] for r in RECIPES if r['id'] in entries}
    if not args.no_json:
        cfg_path = os.path.join(out_dir, 'fonts.json')
        cfg = json.load(open(cfg_path, encoding='utf-8')) if os.path.exists(cfg_path) else {}
        files = cfg.setdefault('files', {})
        for k, v in entries.items():
            prev = files.get(k, {})
            files[k] = {**prev, **v}
        cfg['generated'] = {
            'by': 'scripts/prepare-fonts.py',
            'fontTools': __import__('fontTools').version,
            'recipeDate': RECIPE_DATE,
            'targetSet': {'codePoints': len(sets['cjk']),
                          'description': 'GBK + GB 18030 2-byte extras + U+4E00-9FFF + Ext A + symbols (see script)'},
        }
        with open(cfg_path, 'w', encoding='utf-8') as fh:
            json.dump(cfg, fh, ensure_ascii=False, indent=2)
            fh.write('\n')
    print(f'total {time.time() - t0:.1f}s')


def cmd_otf2ttf(args: argparse.Namespace) -> None:
    t0 = time.time()
    if args.input.lower().endswith(('.ttc', '.otc')):
        font = TTFont(args.input, fontNumber=args.face)
    else:
        font = TTFont(args.input)
    otf_to_ttf(font)
    dropped = drop_aliased_code_points(font)
    if dropped:
        print(f'dropped {dropped} radical/compatibility code points that alias unified ideographs', file=sys.stderr)
    if font['OS/2'].fsType & 0x0302:
        print(f'note: {args.input} has restricted embedding bits (fsType={font["OS/2"].fsType})', file=sys.stderr)
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    tmp = args.output + '.tmp'
    font.save(tmp, reorderTables=True)
    os.replace(tmp, args.output)
    print(f'{args.output} {os.path.getsize(args.output)} bytes {time.time() - t0:.1f}s')


def cmd_fix_cmap(args: argparse.Namespace) -> None:
    """In place, for already prepared TrueType files: drop aliased radical code points."""
    for path in args.files:
        font = TTFont(path)
        n = drop_aliased_code_points(font)
        if n:
            font.recalcTimestamp = False
            tmp = path + '.tmp'
            font.save(tmp, reorderTables=True)
            os.replace(tmp, path)
        print(f'{path}: dropped {n} aliased code points')


def cmd_sets(_args: argparse.Namespace) -> None:
    s = all_sets()
    for k, v in s.items():
        print(k, len(v), 'hanzi', sum(1 for u in v if is_hanzi(u)))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest='cmd')
    b = sub.add_parser('build')
    for q in (p, b):
        q.add_argument('--out', default=os.path.join(ROOT, 'fonts'))
        q.add_argument('--only', default='')
        q.add_argument('--no-json', action='store_true')
        q.add_argument('--jobs', type=int, default=os.cpu_count() or 1)
    c = sub.add_parser('otf2ttf')
    c.add_argument('input')
    c.add_argument('output')
    c.add_argument('--face', type=int, default=0)
    sub.add_parser('sets')
    f = sub.add_parser('fix-cmap')
    f.add_argument('files', nargs='+')
    args = p.parse_args()
    {'otf2ttf': cmd_otf2ttf, 'sets': cmd_sets, 'fix-cmap': cmd_fix_cmap}.get(args.cmd or 'build', cmd_build)(args)


if __name__ == '__main__':
    main()
