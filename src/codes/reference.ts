/**
 * Typed access to the code tables in schemas/reference/*.json.
 *
 * Sources (each JSON file carries its own `x-source` with seed lines and its `corrections`):
 *   province-codes.json                       人社鉴发〔2019〕2号 附件1 表4; 人社职司便函〔2020〕53号 附件1 表3 (catalogue §9.1)
 *   henan-city-codes.json                     豫职鉴〔2020〕2号 附件1 表5 (§9.2)
 *   liaoning-city-codes.json                  辽人社〔2020〕22号 附件5 四 (§9.3)
 *   liaoning-institution-category-codes.json  辽人社〔2020〕22号 附件5 四 (§9.4)
 *   skill-levels.json                         人社鉴发〔2019〕2号 附件1 表5; 人社鉴发〔2021〕1号 三(一) (§9.5)
 *   official-query-urls.json                  人社鉴发〔2021〕1号 二(一) and samples (§9.19, R-CERT-8)
 *   certificate-banned-terms.json             人社鉴发〔2021〕1号 五(二); 国办发〔2020〕21号 一(四) (§9.18, R-CERT-BAN)
 *
 * Loading: static ESM JSON imports with the `with { type: 'json' }` attribute (works in Node 20,
 * tsx, vitest and tsc/NodeNext). Every table is loaded this way; nothing reads the file system.
 * The tables are frozen and indexed once at module load.
 */
import provinceJson from '../../schemas/reference/province-codes.json' with { type: 'json' };
import henanCityJson from '../../schemas/reference/henan-city-codes.json' with { type: 'json' };
import liaoningCityJson from '../../schemas/reference/liaoning-city-codes.json' with { type: 'json' };
import liaoningCategoryJson from '../../schemas/reference/liaoning-institution-category-codes.json' with { type: 'json' };
import skillLevelJson from '../../schemas/reference/skill-levels.json' with { type: 'json' };
import officialUrlJson from '../../schemas/reference/official-query-urls.json' with { type: 'json' };
import bannedTermsJson from '../../schemas/reference/certificate-banned-terms.json' with { type: 'json' };

export interface ReferenceCorrection {
  readonly seed: string;
  readonly printed: string;
  readonly corrected: string;
  readonly catalogue: string;
}

export interface ReferenceTable<E> {
  readonly $id: string;
  readonly title: string;
  readonly description?: string;
  readonly 'x-source': readonly string[];
  readonly corrections: readonly ReferenceCorrection[];
  readonly entries: readonly E[];
}

export interface ProvinceEntry {
  readonly code: string;
  readonly name: string;
  /** `00` 人力资源社会保障部: valid only as a 外督 supervisor-card issuer, never in a certificate number. */
  readonly supervisorCardIssuerOnly: boolean;
  /** False for 00 and 66 (新疆生产建设兵团). Informational: ID numbers use their own GB/T 2260 list. */
  readonly inGbt2260: boolean;
}

export interface HenanCityEntry {
  readonly code: string;
  /** Verbatim 2020 name; the lookup key. */
  readonly name: string;
  readonly kind: 'provincial' | 'city' | 'county-level-direct';
  /** Later display name (济源示范区, 长垣市) where it changed. */
  readonly currentName?: string;
}

export interface NamedCode {
  readonly code: string;
  readonly name: string;
}

export interface SkillLevelEntry {
  readonly code: 1 | 2 | 3 | 4 | 5;
  /** 一级 … 五级 */
  readonly ji: string;
  /** 高级技师 … 初级工 */
  readonly name: string;
  /** 一级/高级技师 (人社鉴发〔2021〕1号 三(一)) */
  readonly certificateText: string;
  /** 高级技师（一级） */
  readonly formHeader: string;
  /** "1" … "5" */
  readonly scopeDigit: string;
  /** Level 1 / Senior Technician … (project choice; the seeds give no English) */
  readonly english: string;
  /** Verbatim Henan table label (§12 E8), reference only. */
  readonly henanTableLabel: string;
}

export interface OfficialUrlEntry {
  readonly id: string;
  readonly label: string;
  readonly labelEn: string;
  readonly system: string;
  readonly canonical: string;
  readonly accepted: readonly string[];
  readonly printedForms: readonly string[];
  readonly rejected: readonly { readonly value: string; readonly seed: string; readonly catalogue: string }[];
  readonly printedOnCertificate: boolean;
}

export interface BannedTermList {
  readonly id: 'skill-certificate-2021' | 'industry-association-2020';
  readonly appliesTo: string;
  readonly source: string;
  readonly words: readonly string[];
  readonly marks: readonly string[];
}

const deepFreeze = <T>(o: T): T => {
  if (o !== null && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
};

// The JSON modules are typed by TypeScript from their content (strings widen); the casts pin the
// documented shapes. test/codes/reference.test.ts checks the data against these shapes.
export const provinceTable = deepFreeze(provinceJson as unknown as ReferenceTable<ProvinceEntry>);
export const henanCityTable = deepFreeze(henanCityJson as unknown as ReferenceTable<HenanCityEntry>);
export const liaoningCityTable = deepFreeze(liaoningCityJson as unknown as ReferenceTable<NamedCode>);
export const liaoningCategoryTable = deepFreeze(liaoningCategoryJson as unknown as ReferenceTable<NamedCode>);
export const skillLevelTable = deepFreeze(skillLevelJson as unknown as ReferenceTable<SkillLevelEntry>);
export const officialUrlTable = deepFreeze(officialUrlJson as unknown as ReferenceTable<OfficialUrlEntry>);
export const bannedTermTable = deepFreeze(bannedTermsJson as unknown as ReferenceTable<BannedTermList>);

const indexBy = <E, K>(entries: readonly E[], key: (e: E) => K): ReadonlyMap<K, E> =>
  new Map(entries.map((e) => [key(e), e] as const));

const provinces = indexBy(provinceTable.entries, (e) => e.code);
const henanCities = indexBy(henanCityTable.entries, (e) => e.code);
const liaoningCities = indexBy(liaoningCityTable.entries, (e) => e.code);
const liaoningCategories = indexBy(liaoningCategoryTable.entries, (e) => e.code);
const skillLevels = indexBy(skillLevelTable.entries, (e) => e.code);
const officialUrls = indexBy(officialUrlTable.entries, (e) => e.id);

/** Name of a §9.1 code (including `00` 人力资源社会保障部), or undefined. */
export const provinceName = (code: string): string | undefined => provinces.get(code)?.name;

/** True for the 35 codes allowed in certificate-number positions 6–7 (66 included, never `00`). */
export const isCertificateProvince = (code: string): boolean => {
  const e = provinces.get(code);
  return e !== undefined && !e.supervisorCardIssuerOnly;
};

/** True for the 36 codes allowed as 外督 card issuers, positions 2–3 (`00` and the 35 certificate codes). */
export const isSupervisorCardIssuer = (code: string): boolean => provinces.has(code);

/** All certificate province codes, in table order. */
export const certificateProvinceCodes = (): readonly string[] =>
  provinceTable.entries.filter((e) => !e.supervisorCardIssuerOnly).map((e) => e.code);

export const henanCity = (code: string): HenanCityEntry | undefined => henanCities.get(code);
export const henanCityCodes = (): readonly string[] => henanCityTable.entries.map((e) => e.code);

export const liaoningCity = (code: string): NamedCode | undefined => liaoningCities.get(code);
export const liaoningCityCodes = (): readonly string[] => liaoningCityTable.entries.map((e) => e.code);

export const liaoningInstitutionCategory = (code: string): NamedCode | undefined => liaoningCategories.get(code);
export const liaoningInstitutionCategoryCodes = (): readonly string[] =>
  liaoningCategoryTable.entries.map((e) => e.code);

export const skillLevel = (code: number): SkillLevelEntry | undefined =>
  skillLevels.get(code as SkillLevelEntry['code']);

export const officialUrl = (id: string): OfficialUrlEntry | undefined => officialUrls.get(id);

/** The canonical printed value of an official URL (§9.19), e.g. `http://pjjg.osta.org.cn/`. */
export const canonicalOfficialUrl = (id: string): string | undefined => officialUrls.get(id)?.canonical;

/**
 * Classifies a URL against the §9.19 entry `id`: `canonical` (print as is), `accepted` (same address,
 * print the canonical form instead), `rejected` (a known OCR/typo variant, R-CERT-8), or `unknown`.
 * Comparison is exact after trimming; URLs are case-sensitive in their path.
 */
export const classifyOfficialUrl = (
  id: string,
  value: string,
): 'canonical' | 'accepted' | 'rejected' | 'unknown' => {
  const e = officialUrls.get(id);
  if (e === undefined) return 'unknown';
  const v = value.trim();
  if (v === e.canonical) return 'canonical';
  if (e.accepted.includes(v) || e.printedForms.includes(v)) return 'accepted';
  if (e.rejected.some((r) => r.value === v)) return 'rejected';
  return 'unknown';
};

/** True if `value` is a rejected OCR/typo variant of any official URL (e.g. contains pjgg, costa, mjdj). */
export const isRejectedOfficialUrl = (value: string): boolean => {
  const v = value.trim();
  return officialUrlTable.entries.some((e) => e.rejected.some((r) => r.value === v));
};

export const bannedTermList = (id: BannedTermList['id'] = 'skill-certificate-2021'): BannedTermList => {
  const list = bannedTermTable.entries.find((e) => e.id === id);
  if (list === undefined) throw new RangeError(`unknown banned-term list ${id}`);
  return list;
};

export interface BannedTermHit {
  readonly term: string;
  readonly index: number;
}

/**
 * Every occurrence of a banned word (§9.18) in `text`, by position. Text is NFKC-normalised first,
 * so full-width or compatibility forms do not slip through. Overlapping terms are all reported
 * (`中国就业培训技术指导中心` reports itself and `中国`). Marks (国徽, logos) cannot be matched as text.
 */
export const findBannedTerms = (
  text: string,
  listId: BannedTermList['id'] = 'skill-certificate-2021',
): BannedTermHit[] => {
  const t = text.normalize('NFKC');
  const hits: BannedTermHit[] = [];
  for (const term of bannedTermList(listId).words) {
    for (let i = t.indexOf(term); i !== -1; i = t.indexOf(term, i + 1)) hits.push({ term, index: i });
  }
  return hits.sort((a, b) => a.index - b.index || b.term.length - a.term.length);
};
