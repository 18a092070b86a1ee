/** The one error a master file can raise: where it went wrong and why (after miekg `scan.go`). */

/** Thrown by `parseMasterFile`; the message reads `<file>:<line>: <reason>`. */
export class MasterFileError extends Error {
  readonly fileName: string;
  readonly line: number;
  readonly reason: string;
  constructor(fileName: string, line: number, reason: string) {
    super(`${fileName}:${line}: ${reason}`);
    this.name = 'MasterFileError';
    this.fileName = fileName;
    this.line = line;
    this.reason = reason;
  }
}
