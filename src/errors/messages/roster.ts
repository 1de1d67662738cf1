import type { MessageText } from '../issue.js';

/**
 * Messages of roster import (职业技能等级认定人员名册, catalogue §4.1) and of the institution file
 * (schemas/issuance/institution.schema.json). Cell issues carry the Chinese column header in {header}.
 */
export const rosterMessages: Record<string, MessageText> = {
  // ── the institution file ─────────────────────────────────────────────────────────────
  INSTDOC_CATEGORY_MISMATCH: {
    zh: '评价机构类别为“{category}”，但机构代码“{code}”第 1 位为“{actual}”',
    en: 'The institution category is "{category}" but position 1 of the institution code "{code}" is "{actual}"',
  },
  INSTDOC_PROVINCE_MISMATCH: {
    zh: '所在地省级代码为“{province}”，但机构代码“{code}”第 6–7 位为“{actual}”',
    en: 'The province code is "{province}" but positions 6–7 of the institution code "{code}" are "{actual}"',
  },
  INSTDOC_PROFILE_PROVINCE: {
    zh: '编码规则“{profile}”只适用于省级代码 {expected}，本机构为 {province}',
    en: 'The "{profile}" numbering profile applies only to province code {expected}; this institution has {province}',
  },
  INSTDOC_ROUTE_MISMATCH: {
    zh: '备案途径为“{filingRoute}”，但机构代码第 2–5 位为“{route}”（先在人社部备案为 0001–9999，先在省级部门备案为 0000）',
    en: 'The filing route is "{filingRoute}" but positions 2–5 of the institution code are "{route}" (0001–9999 when filed with the ministry, 0000 when filed with a province)',
  },
  INSTDOC_BRANCH_DUPLICATE: {
    zh: '分支机构“{value}”重复',
    en: 'Branch "{value}" is listed twice',
  },
  INSTDOC_SCOPE_DUPLICATE: {
    zh: '认定范围中“{occupation}{job}”重复',
    en: 'The filed scope lists "{occupation}{job}" twice',
  },
  INSTDOC_SCOPE_NAME_CONFLICT: {
    zh: '职业编码 {code} 的职业名称不一致：“{name}”与“{other}”',
    en: 'Occupation code {code} has two different names: "{name}" and "{other}"',
  },
  INSTDOC_SCOPE_JOB_MIXED: {
    zh: '职业“{occupation}”（{code}）在认定范围中既有带工种的项又有不带工种的项；有工种的职业每项都须写明工种',
    en: 'Occupation "{occupation}" ({code}) is filed both with and without a job (工种); when an occupation has jobs every entry must name one',
  },
  INSTDOC_CARD_ISSUER_FIELD: {
    zh: '“{fieldZh}”（{field}）只适用于颁发职业技能等级证书的评价机构（类别 Y/S）；类别 {category}（{categoryZh}）只颁发质量督导员证卡，请删除此项',
    en: '"{fieldEn}" ({field}) applies only to evaluation institutions that issue skill certificates (category Y/S); category {category} ({categoryEn}) issues supervisor cards only: remove it',
  },
  INSTDOC_AUTHORITY_CODE: {
    zh: '人力资源社会保障部门代码“{value}”不在证卡编码规则表3中：应为 00（人力资源社会保障部）或省级代码（如 41 河南省）',
    en: 'HRSS department code "{value}" is not in table 3 of the card numbering rule: use 00 (the Ministry) or a province code (e.g. 41 Henan)',
  },
  INSTDOC_BRANCH_UNKNOWN: {
    zh: '评价机构“{institution}”没有备案名称或代码为“{value}”的分支机构',
    en: 'Institution "{institution}" has no filed branch named or coded "{value}"',
  },
  INSTDOC_BRANCH_REQUIRED: {
    zh: '证书样式“{formId}”（样式二）以分支机构名义颁发，须指定分支机构',
    en: 'Form "{formId}" (style 2) is issued in a branch\'s name: choose the branch',
  },

  // ── the roster file ──────────────────────────────────────────────────────────────────
  ROSTER_FORMAT_UNSUPPORTED: {
    zh: '不支持的名册文件格式：{file}（可用 .xlsx、.csv、.json）',
    en: 'Unsupported roster file format: {file} (use .xlsx, .csv or .json)',
    http: 400,
  },
  ROSTER_UNREADABLE: {
    zh: '无法读取名册文件 {file}：{reason}',
    en: 'Cannot read the roster file {file}: {reason}',
    http: 400,
  },
  ROSTER_HEADER_NOT_FOUND: {
    zh: '名册前 {rows} 行中找不到表头行（应含“{expected}”等列名）',
    en: 'No header row in the first {rows} rows of the roster (expected column headers such as "{expected}")',
  },
  ROSTER_COLUMNS_MISSING: {
    zh: '名册缺少必需的列：{columns}',
    en: 'The roster lacks required columns: {columnsEn}',
  },
  ROSTER_COLUMNS_UNKNOWN: {
    zh: '名册含无法识别的列：{columns}（职业技能等级认定人员名册共 21 列，见 README）',
    en: 'The roster has unrecognised columns: {columns} (the 名册 has 21 columns, see the README)',
  },
  ROSTER_COLUMN_DUPLICATE: {
    zh: '名册中“{column}”列出现了两次',
    en: 'The roster has the column "{column}" twice',
  },
  ROSTER_EMPTY: { zh: '名册中没有数据行', en: 'The roster has no data rows' },
  ROSTER_TOO_MANY_ROWS: {
    zh: '名册一次最多 {max} 行，实为 {count} 行；请拆分批次',
    en: 'A roster holds at most {max} rows, found {count}; split the batch',
    http: 413,
  },
  ROSTER_FORM_UNSUPPORTED: {
    zh: '名册不能按文书“{formId}”发证（可用 national-skill-certificate-2021-style-1、-style-2、supervisor-id-card）',
    en: 'A roster cannot issue form "{formId}" (use national-skill-certificate-2021-style-1, -style-2 or supervisor-id-card)',
    http: 400,
  },
  ROSTER_CARD_ISSUER_ONLY: {
    zh: '“{institution}”（类别 {category}，{categoryZh}）只颁发质量督导员证卡，不能颁发证书（“{formId}”）；请用 --kind supervisor-card',
    en: '"{institution}" (category {category}, {categoryEn}) issues supervisor cards only, not certificates ("{formId}"); use --kind supervisor-card',
    http: 400,
  },
  ROSTER_BATCH_ISSUE_DATE: {
    zh: '本批发证日期“{value}”不是有效日期（YYYY-MM-DD）',
    en: 'The batch issue date "{value}" is not a valid date (YYYY-MM-DD)',
    http: 400,
  },
  ROSTER_JSON_SHAPE: {
    zh: 'JSON 名册须为对象数组（每行一个对象，键为列标识）：{reason}',
    en: 'A JSON roster must be an array of row objects keyed by column id: {reason}',
  },

  // ── photos ───────────────────────────────────────────────────────────────────────────
  PHOTOS_NOT_FOUND: { zh: '找不到照片文件夹或压缩包：{path}', en: 'Photo folder or ZIP not found: {path}', http: 400 },
  PHOTOS_ZIP_UNREADABLE: { zh: '无法读取照片压缩包 {path}：{reason}', en: 'Cannot read the photo ZIP {path}: {reason}', http: 400 },
  PHOTOS_ZIP_UNSAFE: {
    zh: '照片压缩包含不安全的条目“{entry}”（{reason}），已拒绝整个压缩包',
    en: 'The photo ZIP has an unsafe entry "{entry}" ({reason}); the archive is refused',
    http: 400,
  },
  PHOTOS_TOO_MANY: {
    zh: '照片数量超过上限 {max}',
    en: 'More than {max} photo files',
    http: 413,
  },

  // ── cells ────────────────────────────────────────────────────────────────────────────
  ROSTER_CELL_REQUIRED: { zh: '“{header}”不能为空', en: '"{header}" must not be empty' },
  ROSTER_DUPLICATE_ID: {
    zh: '证件号“{value}”在本批名册中重复（第 {rows} 行）',
    en: 'ID number "{value}" occurs more than once in this batch (rows {rows})',
  },
  ROSTER_ID_PRECISION_LOST: {
    zh: '证件号“{value}”被 Excel 存成了数字，后几位已丢失；请把该列设为文本格式后重新录入',
    en: 'The ID number "{value}" was stored by Excel as a number and lost its last digits; format the column as text and enter it again',
  },
  ROSTER_OCCUPATION_UNKNOWN: {
    zh: '职业编码“{value}”不在本机构备案的认定范围内（R-CERT-7）',
    en: 'Occupation code "{value}" is not in the institution\'s filed scope (R-CERT-7)',
  },
  ROSTER_OCCUPATION_OUT_OF_SCOPE: {
    zh: '职业“{value}”不在本机构备案的认定范围内（R-CERT-7）',
    en: 'Occupation "{value}" is not in the institution\'s filed scope (R-CERT-7)',
  },
  ROSTER_OCCUPATION_NAME_MISMATCH: {
    zh: '职业编码 {code} 备案的职业名称为“{expected}”，名册为“{value}”（R-OCC-3）',
    en: 'Occupation code {code} is filed as "{expected}", the roster says "{value}" (R-OCC-3)',
  },
  ROSTER_JOB_REQUIRED: {
    zh: '职业“{occupation}”备案了工种（{jobs}），工种名称不能为空（R-OCC-3）',
    en: 'Occupation "{occupation}" is filed with jobs ({jobs}); the job (工种名称) must be given (R-OCC-3)',
  },
  ROSTER_JOB_OUT_OF_SCOPE: {
    zh: '工种“{value}”不在职业“{occupation}”备案的认定范围内（备案工种：{jobs}；R-CERT-7）',
    en: 'Job "{value}" is not in the filed scope of occupation "{occupation}" (filed jobs: {jobs}; R-CERT-7)',
  },
  ROSTER_LEVEL_OUT_OF_SCOPE: {
    zh: '等级“{value}”不在“{occupation}”备案的等级（{levels}）之内（R-CERT-7）',
    en: 'Level "{value}" is not among the levels filed for "{occupation}" ({levels}) (R-CERT-7)',
  },
  ROSTER_LEVEL_FORMAT: {
    zh: '无法识别的职业技能等级“{value}”（可写 1–5、一级…五级、高级技师…初级工 或 五级/初级工）',
    en: 'Unrecognised skill level "{value}" (write 1–5, 一级…五级, 高级技师…初级工 or 五级/初级工)',
  },
  ROSTER_DATE_FORMAT: {
    zh: '“{header}”不是有效日期：“{value}”（可写 YYYY-MM-DD、YYYY年M月D日、YYYY.MM.DD、YYYY/M/D 或 Excel 日期）',
    en: '"{header}" is not a valid date: "{value}" (write YYYY-MM-DD, YYYY年M月D日, YYYY.MM.DD, YYYY/M/D or an Excel date)',
  },
  ROSTER_OCCUPATION_SINCE_FORMAT: {
    zh: '从事本职业（工种）时间“{value}”既不是日期也不是年限（如 2015-09-01 或 6年、6年3个月、6.5）',
    en: 'Time in the occupation "{value}" is neither a date nor a number of years (e.g. 2015-09-01 or 6年, 6年3个月, 6.5)',
  },
  ROSTER_INSTITUTION_CODE_MISMATCH: {
    zh: '评价机构编码“{value}”与本机构备案的代码“{expected}”不一致（R-CN-5）',
    en: 'Institution code "{value}" differs from the filed code "{expected}" (R-CN-5)',
  },
  ROSTER_INSTITUTION_NAME_MISMATCH: {
    zh: '评价机构名称“{value}”与备案名称“{expected}”不一致（R-CERT-2）',
    en: 'Institution name "{value}" differs from the filed name "{expected}" (R-CERT-2)',
  },
  ROSTER_EMPLOYEE_FLAG: {
    zh: '是否本企业职工应为“是”或“否”，实为“{value}”',
    en: '是否本企业职工 (own employee) must be 是 or 否, found "{value}"',
  },
  ROSTER_EMPLOYER_REQUIRED: {
    zh: '非本企业职工须填写所在单位',
    en: 'The employer (所在单位) is required when the person is not the enterprise\'s own employee',
  },
  ROSTER_NUMBER_PREFILLED: {
    zh: '证书编号“{value}”已填写：报送的名册中证书编号应为空，由系统在发证时编号（重印请用 reprint）',
    en: 'Certificate number "{value}" is already filled in: numbers are assigned at issue and must be empty in a submitted roster (use reprint to print again)',
  },
  ROSTER_ISSUE_DATE_MISMATCH: {
    zh: '发证日期“{value}”与本批发证日期 {expected} 不一致',
    en: 'Issue date "{value}" differs from this batch\'s issue date {expected}',
  },
  ROSTER_PHOTO_MISSING: {
    zh: '找不到证件号为 {value} 的照片（照片文件名须含证件号，如 {value}.jpg；R-CERT-5）',
    en: 'No photo for ID number {value} (the photo file name must contain the ID number, e.g. {value}.jpg; R-CERT-5)',
  },
  ROSTER_PHOTO_AMBIGUOUS: {
    zh: '证件号 {value} 对应多张照片：{files}',
    en: 'More than one photo for ID number {value}: {files}',
  },
  ROSTER_PHOTO_INVALID: {
    zh: '照片 {file} 无法使用：{reason}',
    en: 'Photo {file} cannot be used: {reason}',
  },
  ROSTER_NUMBER_UNBUILDABLE: {
    zh: '无法为此行生成证书编号：{reason}',
    en: 'No certificate number can be built for this row: {reasonEn}',
  },
};
