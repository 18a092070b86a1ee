/**
 * Route 53 reports a name or value it cannot read as `FATAL problem: <Code> (<explanation>)
 * encountered with '<text>'` (route53.md 1.5). Observed codes: DomainLabelEmpty, DomainNameEmpty,
 * ARRDATAIllegalIPv4Address, MXRRDATANotTwoFields, InvalidCharacterString, UnsupportedCharacter; the
 * others this module uses follow their pattern (README, "Errors").
 */

/** A name or value Route 53 would refuse; `message` is Route 53's text. */
export class FatalProblem extends Error {
  override name = 'FatalProblem';
  readonly code: string;
  readonly explanation: string;
  readonly text: string;
  constructor(code: string, explanation: string, text: string) {
    super(`FATAL problem: ${code} (${explanation}) encountered with '${text}'`);
    this.code = code;
    this.explanation = explanation;
    this.text = text;
  }
}

/** Returns the FatalProblem for characters Route 53 does not take literally. */
export function unsupportedCharacter(text: string): FatalProblem {
  return new FatalProblem('UnsupportedCharacter', 'Value contains unsupported characters', text);
}

/** Returns the FatalProblem for a backslash not followed by three octal digits or a character. */
export function badEscape(text: string): FatalProblem {
  return new FatalProblem('InvalidEscapeSequence', 'Escapes are \\ followed by three octal digits or by one character', text);
}
