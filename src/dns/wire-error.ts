/** Thrown by every decoder in dns/: the message is malformed at `offset` (server answers FORMERR). */
export class WireError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} (at byte ${offset})`);
    this.name = 'WireError';
    this.offset = offset;
  }
}

/** Thrown when presentation-format text (master files, API values) cannot be parsed. */
export class TextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TextError';
  }
}
