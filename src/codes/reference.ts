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
import qualificationCatalogueJson from '../../schemas/reference/national-qualification-catalogue-2021-skills.json' with { type: 'json' };
import henanScopeExamplesJson from '../../schemas/reference/henan-scope-entry-examples.json' with { type: 'json' };
import evaluatorCategoryJson from '../../schemas/reference/evaluator-category-codes.json' with { type: 'json' };
import filingRouteJson from '../../schemas/reference/institution-filing-route-codes.json' with { type: 'json' };
import { fail, type CodeFailure } from '../errors/issue.js';

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

// ── Catalogue §9.6, §9.7, §9.13, §9.14 ──────────────────────────────────────────────
// Sources: national-qualification-catalogue-2021-skills.json  人社部公告 2021-11-23 《国家职业资格目录(2021年版)》
//            二、技能人员职业资格 S003:799-845 (§9.13, R-OCC-2; rows 1–2 corrected per §12 E15, E19)
//          henan-scope-entry-examples.json  豫职鉴〔2021〕1号 三(五) S003:4575-4593 (§9.14)
//          evaluator-category-codes.json    人社鉴发〔2019〕2号 表2; 人社职司便函〔2020〕53号 表2、表5; 辽 附件5 (§9.6)
//          institution-filing-route-codes.json  人社鉴发〔2019〕2号 表3; 豫职鉴〔2020〕2号 表3; 辽 附件5 二 (§9.7)

/** One printed sub-qualification row of 国家职业资格目录（2021年版） 二、技能人员职业资格. */
export interface QualificationCatalogueEntry {
  /** 序号 1–13; several rows share an item number when the item has sub-names. */
  readonly no: number;
  /** 职业资格名称 of the item when the row is one of its sub-names (e.g. 消防和应急救援人员). */
  readonly groupName: string | null;
  /** The row's name as printed (corrected); null where the seed lost it (S003:821). */
  readonly name: string | null;
  /** The individual occupation names of the row. */
  readonly occupations: readonly string[];
  /** Names a scope entry's 职业名称 or 工种/职业方向 is matched against (exact, normalised). */
  readonly matchNames: readonly string[];
  /** 实施部门（单位） */
  readonly department: string;
  /** 资格类别 */
  readonly category: '准入类' | '水平评价类';
  /** 设定依据 */
  readonly basis: readonly string[];
  /** 备注 */
  readonly note: string | null;
  /** 水平评价类 with the 涉及安全 note: 拟依法调整为准入类 (excluded in Henan, S003:4565). */
  readonly pendingLicensed: boolean;
  readonly seed: string;
  /** 社会体育指导员: only these high-risk sports (in 工种/职业方向) make it 准入类. */
  readonly highRiskJobKeywords?: readonly string[];
  readonly matchNote?: string;
  readonly inferred?: string;
}

export interface HenanScopeExample {
  readonly row: number;
  readonly occupation: { readonly code: string; readonly name: string; readonly job?: string };
  /** R-LVL-3 level list, e.g. `5、4、3`. */
  readonly levels: string;
  readonly standardType: '国家职业技能标准';
  readonly seed: string;
}

export type EvaluatorCategoryUsage = 'certificate' | 'supervisor-card-external' | 'supervisor-card-internal';

export interface EvaluatorCategoryEntry {
  readonly usage: EvaluatorCategoryUsage;
  readonly code: string;
  readonly name: string;
  /** Wording per profile (Liaoning: Y 企业用人单位, S 第三方评价机构, §12 I9). */
  readonly labels: Readonly<Partial<Record<'national' | 'henan' | 'liaoning', string>>>;
  readonly seed: string;
}

export type FilingRouteProfile = 'national' | 'henan' | 'liaoning';

export interface FilingRouteEntry {
  readonly profile: FilingRouteProfile;
  /** 备案管理部门 */
  readonly authority: string;
  readonly from: string;
  readonly to: string;
  /** ministry: filed first with 人社部; provincial: 0000; ministry-headquarters: Liaoning 央企驻辽分支机构. */
  readonly route: 'ministry' | 'provincial' | 'ministry-headquarters';
  readonly seed: string;
}

export interface FilingRouteTable extends ReferenceTable<FilingRouteEntry> {
  /** Route codes seen in 辽人社〔2020〕22号 附件8 (data, not a rule). */
  readonly observedLiaoning: readonly { readonly code: string; readonly units: readonly string[] }[];
}

export const qualificationCatalogueTable = deepFreeze(
  qualificationCatalogueJson as unknown as ReferenceTable<QualificationCatalogueEntry> & { readonly itemCount: number },
);
export const henanScopeExampleTable = deepFreeze(henanScopeExamplesJson as unknown as ReferenceTable<HenanScopeExample>);
export const evaluatorCategoryTable = deepFreeze(evaluatorCategoryJson as unknown as ReferenceTable<EvaluatorCategoryEntry>);
export const filingRouteTable = deepFreeze(filingRouteJson as unknown as FilingRouteTable);

/** NFKC, no whitespace: the seed's cells and people's input differ in spacing and full-width forms. */
const normaliseName = (s: string): string => s.normalize('NFKC').replace(/\s+/gu, '');

/** An occupation as it appears on a form: a name string or an Occupation object ({code?, name, job?}). */
export type OccupationLike = string | { readonly code?: string; readonly name?: string; readonly job?: string };

const matchesEntry = (e: QualificationCatalogueEntry, name: string, job: string): boolean => {
  if (e.highRiskJobKeywords !== undefined) {
    return e.occupations.some((o) => normaliseName(o) === name) && e.highRiskJobKeywords.some((k) => job.includes(k));
  }
  return e.matchNames.some((m) => {
    const n = normaliseName(m);
    return n === name || (job !== '' && n === job);
  });
};

const catalogueMatches = (occ: OccupationLike): QualificationCatalogueEntry[] => {
  const name = normaliseName(typeof occ === 'string' ? occ : (occ.name ?? ''));
  const job = typeof occ === 'string' ? '' : normaliseName(occ.job ?? '');
  if (name === '' && job === '') return [];
  return qualificationCatalogueTable.entries.filter((e) => matchesEntry(e, name, job));
};

/** The 准入类 row an occupation (by 职业名称 or 工种/职业方向) falls under, or undefined (R-OCC-2). */
export const findLicensedOccupation = (occ: OccupationLike): QualificationCatalogueEntry | undefined =>
  catalogueMatches(occ).find((e) => e.category === '准入类');

/** The 水平评价类 row marked 拟依法调整为准入类 an occupation falls under, or undefined (Henan, S003:4565). */
export const findPendingLicensedOccupation = (occ: OccupationLike): QualificationCatalogueEntry | undefined =>
  catalogueMatches(occ).find((e) => e.category === '水平评价类' && e.pendingLicensed);

/**
 * R-OCC-2: an occupation on the 准入类 list (人社部公告 2021-11-23) may not be in any 职业技能等级认定 scope:
 * OCCUPATION_LICENSED {occupation, department}. With `includePending` (Henan, 豫职鉴〔2021〕1号 三(一)),
 * the 水平评价类 occupations 拟依法调整为准入类 are refused too: OCCUPATION_PENDING_LICENSED.
 * Returns undefined when the occupation may be filed.
 */
export const checkNotLicensedOccupation = (
  occ: OccupationLike,
  options: { readonly includePending?: boolean } = {},
): CodeFailure | undefined => {
  const label = typeof occ === 'string' ? occ.trim() : [occ.name, occ.job].filter((s) => s !== undefined && s.trim() !== '').join(' / ');
  const licensed = findLicensedOccupation(occ);
  if (licensed !== undefined) return fail('OCCUPATION_LICENSED', { occupation: label, department: licensed.department });
  if (options.includePending === true) {
    const pending = findPendingLicensedOccupation(occ);
    if (pending !== undefined) return fail('OCCUPATION_PENDING_LICENSED', { occupation: label, department: pending.department });
  }
  return undefined;
};

/** Position-1 category of a certificate or supervisor card: `evaluatorCategory('S', 'certificate', 'liaoning')` → 第三方评价机构. */
export const evaluatorCategory = (
  code: string,
  usage: EvaluatorCategoryUsage,
  profile: 'national' | 'henan' | 'liaoning' = 'national',
): { readonly code: string; readonly name: string; readonly label: string } | undefined => {
  const e = evaluatorCategoryTable.entries.find((x) => x.usage === usage && x.code === code);
  return e === undefined ? undefined : { code: e.code, name: e.name, label: e.labels[profile] ?? e.name };
};

/** The letters allowed in position 1 for a usage, in table order (certificate → Y, S). */
export const evaluatorCategoryCodes = (usage: EvaluatorCategoryUsage): readonly string[] =>
  evaluatorCategoryTable.entries.filter((e) => e.usage === usage).map((e) => e.code);

/**
 * The filing route of positions 2–5 (`0000` or `0001`–`9999`) under a profile, or undefined for anything
 * that is not 4 digits. Liaoning 0001–9999 is the ministry code of the branch's headquarters (§12 I8).
 */
export const filingRoute = (code: string, profile: FilingRouteProfile = 'national'): FilingRouteEntry | undefined => {
  if (!/^[0-9]{4}$/.test(code)) return undefined;
  return filingRouteTable.entries.find((e) => e.profile === profile && code >= e.from && code <= e.to);
};
