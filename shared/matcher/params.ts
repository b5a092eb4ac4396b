// The matcher's numeric settings in one place. They were chosen on a validation week carved out of the
// benchmark's training split (npm run bench:matching -- --validate), never on its test week.
// Mutable only so a tuning script can explore them; the app never changes them.

export const PARAMS = {
  /** reliabilityHalf for ticket-key prefixes ("HCV" of "[HCV-417]"), which are made to name one project. */
  keyReliabilityHalf: 0.25,
  /**
   * Confirmed minutes at which a project's own history is trusted halfway (prior and absent penalties); below
   * that it is judged partly like a project without history, on metadata and the clues it does have.
   */
  historyTrustMinutes: 120,
  /**
   * Share of a new project's title words the model has never seen; a project's own share is estimated from
   * its history (words seen once). 0 turns novel words off as evidence.
   */
  novelWordShare: 0.2,
  /** Most log-odds one never-seen title word moves any label, either way. */
  novelWordMaxLogOdds: 1,
  /** Below 1: clues are correlated, so their likelihood ratios are not fully multiplied. */
  temperature: 0.6,
  /**
   * Pseudo-segments pulling each clue's label shares towards the overall prior, so a word seen in one or
   * two segments cannot speak with certainty. Converted to minutes at the clue's own average segment length.
   */
  smoothingSegments: 4,
  /** Segments needed before a clue is trusted halfway: reliability n / (n + reliabilityHalf). */
  reliabilityHalf: 1,
  /**
   * Clues in the same field often say the same thing twice: the words of one Stack Overflow question, or
   * the host and path of one URL. Within a field the strongest clue counts fully and the rest at this rate.
   */
  correlatedDiscount: 0.2,
  /**
   * A window whose strongest single clue moves no project by this many log-odds (x2.1) says little more than
   * which tool it is ("Inbox - Outlook", "Book2 - Excel", a search): it continues the previous project with
   * the learned per-app (or per-site) rate as its probability. 0 turns this off (continuity is then only the
   * log-odds boost below).
   */
  weakClue: 0.75,
  /** How much of the learned continuity log-odds is applied to a window that cannot decide alone. */
  continuityWeight: 1,
  /** Log-odds a phrase naming exactly one project (name, keyword, repository) adds to it. */
  projectPhraseWeight: 5,
  /** Log-odds the name of a client with exactly one active project adds to that project. */
  soleClientPhraseWeight: 5,
  /** Log-odds a client name, or a phrase several projects share, adds to each of them. */
  sharedPhraseWeight: 2,
  /**
   * Least confidence the window's own combined evidence must give a project before a clue that only that
   * project ever had may decide the window alone (see soleLabelClue in matcher.ts). Below it the other clues
   * disagree too much. 1 turns this off.
   */
  soleClueFloor: 0.3,
};
