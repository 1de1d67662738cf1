/**
 * Roster import → validated, number-ready items (the contract between the roster reader and
 * the batch issuer). A roster is the Shandong 职业技能等级认定人员名册 (forms-catalog.md §4.1,
 * 21 columns) as XLSX or CSV, or a JSON array of row objects keyed by {@link ColumnId}.
 */
import type { DocumentKind, InstitutionRecord } from '../store/types.js';
import type { RosterLayout } from './read.js';
import type { FormValidator } from '../../schema/validate.js';

/** Stable English id of a 名册 column, e.g. 'name', 'idNumber' (see columns.ts). */
export type ColumnId = string;

/** One problem with one cell (or one row, when `column` is absent) of the roster. */
export interface RosterCellIssue {
  /** 1-based row in the source sheet (XLSX/CSV: the sheet row number; JSON: index + 1). */
  readonly row: number;
  readonly column?: ColumnId;
  /** The Chinese header as found in the source (or the canonical header for JSON / pseudo-columns). */
  readonly header?: string;
  /** JSON pointer into the array of row records, e.g. `/12/idNumber` (0-based data-row index). */
  readonly pointer: string;
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly value?: string;
}

/** One row that passed every check: ready to be numbered and recorded. */
export interface PreparedItem {
  /** 1-based source row (same numbering as {@link RosterCellIssue.row}). */
  readonly row: number;
  /** The holder's ID number (the store's `subject`). */
  readonly subject: string;
  readonly counterKey: string;
  readonly maxSerial: number;
  /** Level code 1–5 (certificates only). */
  readonly level?: number;
  /** Render input for `formId` WITHOUT the number (the store writes it at `numberPointer`). */
  readonly record: Record<string, unknown>;
  /**
   * The row's cells, normalised (trimmed; dates YYYY-MM-DD; ID number upper-case; level as its digit
   * 1–5; 证件类型 defaulted to 居民身份证), keyed by column id: what the completed 名册 prints back.
   */
  readonly cells?: Readonly<Record<ColumnId, string>>;
}

export interface PreparedRoster {
  readonly formId: string;
  readonly kind: DocumentKind;
  /** 发证日期 (YYYY-MM-DD) shared by the batch. */
  readonly issueDate: string;
  /** Empty whenever `errors` is non-empty (all or nothing). */
  readonly items: PreparedItem[];
  readonly errors: RosterCellIssue[];
  readonly warnings: RosterCellIssue[];
  /** Number of data rows read. */
  readonly rows: number;
  /** Builds the printed number from a counter key and an allocated serial (pure). */
  numberFor(counterKey: string, serial: number): string;
  /** JSON pointer into each record where the number is written, e.g. `/certificate/number`. */
  readonly numberPointer: string;
  readonly source: { readonly file: string; readonly format: RosterFormat; readonly sha256: string };
  /**
   * Where the header and columns are in the source (used by the error report; prepareRoster always
   * sets it; without it the report uses the canonical 21 columns with the header in row 1).
   */
  readonly layout?: RosterLayout;
}

export type RosterFormat = 'xlsx' | 'csv' | 'json';

export interface PrepareRosterInput {
  readonly institution: InstitutionRecord;
  /** .xlsx, .csv or .json roster. */
  readonly file: string;
  /** Photo folder or .zip; files named by ID number (e.g. 110105194912310021.jpg). */
  readonly photos?: string;
  /** 发证日期, YYYY-MM-DD. */
  readonly issueDate: string;
  /** Default national-skill-certificate-2021-style-1 (style-2 when the institution issues for a branch). */
  readonly formId?: string;
  /** Default 'certificate'; supervisor-card rosters are JSON. */
  readonly kind?: DocumentKind;
  /** Branch (分支机构) name or code when issuing for a branch (selects style-2 by default). */
  readonly branch?: string;
  /**
   * The QR code's verifyUrlBase for certificates whose institution files none of its own (the service
   * passes `${publicUrl}/verify/`); absent: the form's default (the CLI's behaviour).
   */
  readonly defaultVerifyUrlBase?: string;
  /**
   * The form's compiled validator, e.g. `engine.validator` when the batch is then rendered with that
   * engine, so the form's schema is compiled once per run; default: compiled here, once per process.
   */
  readonly validator?: (formId: string) => FormValidator;
}

/** Paths written by writeRosterErrorReport. */
export interface RosterErrorReportPaths {
  readonly xlsx: string;
  readonly json: string;
}

/*
 * Functions (implemented in prepare.ts and error-report.ts):
 *   prepareRoster(input: PrepareRosterInput): Promise<PreparedRoster>
 *     never throws for bad rows (they come back in `errors`); throws UserError only for an
 *     unreadable file or missing/unknown columns.
 *   writeRosterErrorReport(prepared: PreparedRoster, sourceFile: string, outDir: string): Promise<RosterErrorReportPaths>
 *     XLSX = the source rows with faulty cells filled red + a note per cell + a 错误说明/Errors column;
 *     JSON = the issues list. Both written atomically.
 */
