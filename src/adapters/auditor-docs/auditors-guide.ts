import type { ExampleTimelines } from './example-timelines.js';
import { code } from './markdown.js';
import { OBSERVATION_RULES } from './rule-statements.js';

/**
 * The hand-written part of the auditors' reference: how to read what the generated pages list. Its
 * examples are rendered by the code (see example-timelines.ts), never typed here.
 */
export const auditorsGuide = (examples: ExampleTimelines, retentionYears: number): string => `## How to read a stream's timeline

Every change to a KYC document, an IDV session or a user's KYC level is an event in that resource's stream,
appended once and never changed. \`kyc audit <userId>\` prints a user's streams (\`kyc audit <stream>\` one stream;
\`--json\` for machines; the service serves the same at \`GET /audit/{stream}\`).

Here is what happened to a made-up document, and what its timeline then shows. The events were decided by the
same code that runs in production and printed by the same renderer as \`kyc audit\`:

${examples.documentSteps}

${examples.documentTimeline}

Each line reads:

- \`v4\`: the event's position in its stream (1, 2, 3…: no gap, and no reordering is possible);
- the time the core recorded it (from its own clock, not the database's);
- for a status change, who decided it: \`[platform]\` (asked through this core), \`[mangopay]\` (Mangopay was seen to have
  taken it, on a re-fetched resource) or \`[inferred]\` (see below); creations, pages, divergences and a user's records
  carry no mark;
- what happened, with the facts that matter (page fingerprints, refusal reasons, check outcomes; never a page's
  content, and a check's data point values are counted, not shown);
- the event type and the id of the command that caused it. A command id starting with \`hook-\` comes from a Mangopay
  notification, \`sweep-\` from \`kyc reconcile\`; the same command handled twice records nothing the second time.

The second re-fetch above recorded nothing (${code(OBSERVATION_RULES.same.id)}), so it has no line.

## Inferred steps and divergences from Mangopay

Mangopay decides outcomes; a hook only says "look again". The core re-fetches the resource and compares the status
Mangopay shows with the one it holds, through the resource's transition table (the **Steps** of its page):

- ${code(OBSERVATION_RULES.same.id)}, ${code(OBSERVATION_RULES.stale.id)}: the same status, or one the resource has
  already left (a duplicated or late hook): nothing is recorded;
- ${code(OBSERVATION_RULES.ahead.id)}: a status further along a legal path (a hook was lost, or Mangopay moved twice):
  every step missing on the way is recorded, in order, marked \`[inferred]\`, then the observed one, marked
  \`[mangopay]\`; the table is never bypassed;
- ${code(OBSERVATION_RULES.divergent.id)}: a status no legal path reaches (VALIDATED after REFUSED, above): a
  \`…StatusDiverged\` event records what Mangopay showed beside what the core holds, once, and the recorded status is
  kept for a person to look at; the read models show the resource as diverged;
- ${code(OBSERVATION_RULES.unrecognized.id)}: a value Mangopay added after the seeds (a new status, a new refusal
  reason): kept verbatim as \`{ "unrecognized": "…" }\`, never dropped and never guessed.

A session whose VALIDATED hook was lost, seen again only when it was OUTDATED:

${examples.sessionSteps}

${examples.sessionTimeline}

A hook about a resource Mangopay does not know, or claiming a state Mangopay does not show, changes nothing: only
what the re-fetch shows is recorded. Each aggregate's page lists these rules with the tests that check them.

## How erasure shows

Identity data in events is sealed (AES-256-GCM) with a key per user (see [personal-data.md](personal-data.md)).
\`kyc erase <userId> --by <operator> --reason <text>\` is refused while the retention period runs (${retentionYears} years after
the user's last recorded activity by default, for anti-money-laundering record keeping) unless \`--force\` is given.
The erasure is first recorded in the user's \`UserKyc\` stream as \`PersonalDataErased\` (who, why, when, forced or
not, the retention end), then the user's key is destroyed:

${examples.userTimeline}

From then on every sealed field of that user reads as \`{ "erased": true }\`. The document above now reads:

${examples.documentTimelineAfterErasure}

The events around the erased values still decode, the timeline is whole, and every rule that does not need the
erased values (statuses, check outcomes, KYC level) keeps working. Re-reading Mangopay after an erasure does not
record the same facts again.
`;
