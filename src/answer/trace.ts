/**
 * Explanations of answers (signpost explain, TestDNSAnswer): for each record-set group the
 * engine chose from, which policy chose, what it knew of the client, and what became of each
 * member. Built only when a context carries a trace array; the query path never does.
 */

/** What became of one member of a group. */
export type MemberFate = {
  setIdentifier: string;
  healthy: boolean;
  chosen: boolean;
  /** Why it was or was not chosen, in words. */
  reason: string;
};

/** One choice the engine made. */
export type Trace = {
  name: string;
  type: string;
  policy: string;
  /** What the client was taken to be (address, source, place). */
  client: string;
  members: MemberFate[];
  /** A note on the whole choice (fallbacks, "no healthy record: all treated as healthy"). */
  note: string;
};
