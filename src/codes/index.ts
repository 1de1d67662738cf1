/**
 * Public API of the pure code rules (catalogue §8, §9, §13; reliability-anchors §7).
 * GB 11643-1999 (公民身份号码), GB 32100-2015 / GB 11714 (统一社会信用代码), 人社鉴发〔2019〕2号,
 * 豫职鉴〔2020〕2号 / 〔2021〕1号, 辽人社〔2020〕22号, 人社职司便函〔2020〕53号, 豫人社办函〔2020〕41号.
 * Every function is pure (no I/O); results are CodeResult / CodeFailure[] from src/errors/issue.ts,
 * and every emitted code has zh/en texts in src/errors/messages/codes.ts.
 */
export * from './dates.js';
export * from './gb11643.js';
export * from './gb32100.js';
export * from './skill-level.js';
export * from './certificate-number.js';
export * from './supervisor-card-number.js';
export * from './special-ability.js';
export * from './official-url.js';
export * from './reference.js';
export * from './scope.js';
