/**
 * Filing packets (catalogue §10, §14.1), the public surface for the CLI and the API:
 * packetRegistry() lists the definitions (packets/*.json), buildPacket() checks a request and
 * assembles the packet (one A4 PDF with a contents page first, the DOCX of every generated item,
 * the manifest), packetZip() bundles a result for download.
 */
export { packetRegistry } from './registry.js';
export { buildPacket } from './build.js';
export { packetZip } from './zip.js';
export { sniffSuppliedType, packetRequestSchema } from './check-request.js';
export type {
  BuildPacketInput,
  ItemRequirement,
  ItemStatus,
  ManifestFile,
  PacketDefinition,
  PacketItemDefinition,
  PacketManifest,
  PacketManifestItem,
  PacketRegistry,
  PacketRequest,
  PacketResult,
  SuppliedFile,
  SuppliedMediaType,
} from './types.js';
