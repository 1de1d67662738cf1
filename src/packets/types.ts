/**
 * Filing packets (catalogue §10, §14.1): the types shared by the definitions (packets/*.json),
 * the request, the builder and the manifest. A packet definition lists the items of one §10
 * checklist in order; each item is a document the system generates (a form of §2–§6) or files
 * the applicant supplies (营业执照 copy, certificates, evidence as PDF or images).
 */

export type SuppliedMediaType = 'application/pdf' | 'image/jpeg' | 'image/png';

/** One file the applicant supplies for an item (API: a multipart part named by the item id). */
export interface SuppliedFile {
  readonly name: string;
  readonly mediaType: SuppliedMediaType;
  readonly bytes: Uint8Array;
}

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/**
 * required: must be in the packet (submitted); keep-for-inspection: prepared and kept 备查, may be
 * attached; optional; conditional: required only when `condition` applies (the applicant decides;
 * the condition is printed).
 */
export type ItemRequirement = 'required' | 'keep-for-inspection' | 'optional' | 'conditional';

export type ItemSource =
  | { readonly type: 'generated'; readonly formId: string }
  | { readonly type: 'supplied'; readonly mediaTypes: readonly SuppliedMediaType[]; readonly maxFiles: number };

export interface PacketItemDefinition {
  readonly id: string;
  /** The number as the seed prints it, e.g. "（一）", "1". */
  readonly no: string;
  /** Verbatim item text of the seed. */
  readonly title: string;
  readonly titleEn: string;
  readonly requirement: ItemRequirement;
  readonly condition?: Bilingual;
  readonly source: ItemSource;
  /** The property of the checklist form (§10) this item is. */
  readonly checklistItem?: string;
  readonly note?: string;
  readonly 'x-source': string;
}

export interface PacketDefinition {
  readonly id: string;
  readonly title: Bilingual;
  readonly jurisdiction: string;
  readonly applicantType: string;
  readonly applicantTypeZh: string;
  /** The §10 checklist form this packet assembles. */
  readonly checklistFormId: string;
  readonly catalogue: string;
  readonly submittedTo?: string;
  /** The seed's rule on what is submitted and what is kept, printed under the contents table. */
  readonly rule?: string;
  /** 份数 the rules ask for; `note` is printed on the cover (e.g. 一式两份). */
  readonly copies: { readonly count: number; readonly note: string; readonly 'x-source': string };
  /** Limits on supplied files (bytes per file, pages per PDF). */
  readonly limits: { readonly maxFileBytes: number; readonly maxPdfPages: number; readonly maxTotalBytes: number };
  readonly items: readonly PacketItemDefinition[];
  readonly 'x-source': readonly string[];
  readonly 'x-decisions'?: readonly string[];
}

/** The packet request (schemas/packets/request.schema.json). */
export interface PacketRequest {
  readonly applicant?: { readonly name: string; readonly uscc?: string };
  /** The data of each generated item, by item id (validated by that form's schema). */
  readonly documents?: Readonly<Record<string, unknown>>;
  /** Supplied files by item id: names (API: the parts' file names; CLI: paths relative to the request). */
  readonly supplied?: Readonly<Record<string, readonly string[]>>;
  /** Copies to note on the cover when the applicant prints more than the rules ask. */
  readonly copies?: number;
  /** Date printed on the cover (YYYY-MM-DD); default the creation date. */
  readonly date?: string;
}

export type ItemStatus = 'present' | 'missing' | 'optional-absent';

export interface ManifestFile {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  /** Supplied files: the type their first bytes showed and their pages in the packet. */
  readonly mediaType?: SuppliedMediaType;
  readonly pages?: number;
}

export interface PacketManifestItem {
  readonly id: string;
  readonly no: string;
  readonly title: string;
  readonly titleEn: string;
  readonly requirement: ItemRequirement;
  readonly status: ItemStatus;
  readonly source: 'generated' | 'supplied';
  readonly formId?: string;
  /** Pages of the packet PDF this item occupies (1-based, inclusive); absent items have none. */
  readonly pages?: { readonly from: number; readonly to: number };
  /** Generated: the DOCX in the ZIP; supplied: the files as received. */
  readonly files: readonly ManifestFile[];
}

export interface PacketManifest {
  readonly format: 'sef-packet-manifest/1';
  readonly packetId: string;
  readonly title: Bilingual;
  readonly jurisdiction: string;
  readonly applicantType: string;
  readonly checklistFormId: string;
  readonly applicant?: PacketRequest['applicant'];
  readonly createdAt: string;
  readonly copies: { readonly count: number; readonly note: string };
  readonly items: readonly PacketManifestItem[];
  /** The packet's own files: packet.pdf, docx/*.docx (packet.zip is written beside, see packetZip). */
  readonly files: readonly ManifestFile[];
  readonly totals: {
    readonly items: number;
    readonly present: number;
    readonly missing: number;
    readonly optionalAbsent: number;
    readonly pages: number;
    readonly coverPages: number;
    readonly suppliedFiles: number;
    readonly docx: number;
  };
}

export interface BuildPacketInput {
  readonly packetId: string;
  readonly request: unknown;
  readonly files: ReadonlyMap<string, readonly SuppliedFile[]>;
  readonly creationDate?: Date;
}

export interface PacketResult {
  readonly pdf: Uint8Array;
  readonly docx: readonly { readonly name: string; readonly bytes: Uint8Array }[];
  readonly manifest: PacketManifest;
}

export interface PacketRegistry {
  readonly packets: ReadonlyMap<string, PacketDefinition>;
  /** The definition, or UserError PACKET_UNKNOWN. */
  get(id: string): PacketDefinition;
  list(): readonly PacketDefinition[];
}
