/** dns/: the wire format. Knows bytes, names, records and messages; nothing of zones or sockets. */
export * from './constants.ts';
export * from './wire-error.ts';
export * from './name.ts';
export * from './edns.ts';
export * from './message.ts';
export * from './text.ts';
export * from './writer.ts';
export { rdataFromText, rdataFromWire, rdataToText, writeRdata, hasCompressibleNames, type Token } from './rdata/index.ts';
