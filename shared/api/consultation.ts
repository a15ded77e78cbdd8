/**
 * What crosses the API about a public consultation: its window, the skills to vote on, resident
 * codes, votes, paper votes and results. The server validates with these schemas and the pages'
 * forms check their fields with the same ones. Instants travel as ISO 8601 with Z or an offset.
 */
import { z } from 'zod';
import { SKILL_CATEGORIES } from '../strategy/format';
import { STRATEGY_PHASES } from '../roles';

export const DEFAULT_VOTES_PER_RESIDENT = 3;
export const MAX_VOTES_PER_RESIDENT = 20;
export const MAX_CODES_PER_BATCH = 500;

/** An instant with Z or an offset; a local time without one would be ambiguous. */
export const instantField = z.iso.datetime({ offset: true, local: false });

export const consultationBody = z
  .object({
    opensAt: instantField,
    closesAt: instantField,
    votesPerResident: z
      .number()
      .int()
      .min(1)
      .max(MAX_VOTES_PER_RESIDENT)
      .default(DEFAULT_VOTES_PER_RESIDENT),
  })
  .refine((body) => Date.parse(body.closesAt) > Date.parse(body.opensAt), {
    path: ['closesAt'],
    message: 'The closing moment must come after the opening moment.',
  });

export const CONSULTATION_STATES = ['scheduled', 'open', 'closed'] as const;

/** A title per language, each exactly as typed. */
export const skillTitleField = z
  .record(z.string().regex(/^[a-z]{2}(-[A-Za-z]{4})?$/), z.string().max(300))
  .refine((title) => Object.values(title).some((text) => text.trim() !== ''), {
    message: 'Give the skill a title in at least one language.',
  });

export const skillSchema = z.object({
  key: z.string(),
  /** document: from the draft's priority skills; consultation: added by the coordinator. */
  source: z.enum(['document', 'consultation']),
  category: z.string().nullable(),
  title: z.record(z.string(), z.string()),
});

export const skillBody = z.object({
  category: z.enum(SKILL_CATEGORIES),
  title: skillTitleField,
});
export const skillChangeBody = skillBody.partial();

export const consultationSchema = z.object({
  strategyId: z.string(),
  territory: z.string(),
  timeZone: z.string(),
  phase: z.enum(STRATEGY_PHASES),
  opensAt: z.string(),
  closesAt: z.string(),
  /** The two moments in the territory's time zone, as a datetime-local input shows them. */
  local: z.object({ opensAt: z.string(), closesAt: z.string() }),
  votesPerResident: z.number().int(),
  state: z.enum(CONSULTATION_STATES),
  /** The server's clock, so a page counts down from the same moment the server checks. */
  now: z.string(),
  resultsPublic: z.boolean(),
  skills: z.array(skillSchema),
  viewer: z.object({
    signedIn: z.boolean(),
    resident: z.boolean(),
    mayVote: z.boolean(),
    mayComment: z.boolean(),
    mayManage: z.boolean(),
  }),
});

export const skillListQuery = z.object({ q: z.string().max(200).optional() });

export const residentCodesBody = z.object({
  count: z.number().int().min(1).max(MAX_CODES_PER_BATCH),
  expiresInDays: z.number().int().min(1).max(365).default(90),
});

export const residentCodeBatchSchema = z.object({
  batchId: z.string(),
  territory: z.object({ code: z.string(), names: z.record(z.string(), z.string()) }),
  createdAt: z.string(),
  expiresAt: z.string(),
  count: z.number().int(),
  used: z.number().int(),
});

/** The only answer that carries the codes: they are stored hashed and never shown again. */
export const createdResidentCodesSchema = residentCodeBatchSchema.extend({
  codes: z.array(z.string()),
});

export const residencyBody = z.object({ code: z.string().trim().min(1).max(64) });
export const residencySchema = z.object({ territoryCode: z.string(), role: z.literal('resident') });

export const voteBody = z.object({ skillKey: z.string().min(1).max(64) });

export const voteBudgetSchema = z.object({
  votesPerResident: z.number().int(),
  spent: z.number().int(),
  remaining: z.number().int(),
});

export const myVotesSchema = voteBudgetSchema.extend({
  resident: z.boolean(),
  votes: z.array(z.object({ skillKey: z.string(), castAt: z.string() })),
});

export const castVoteSchema = voteBudgetSchema.extend({
  vote: z.object({ skillKey: z.string(), castAt: z.string() }),
});

export const paperVoteBody = z.object({
  skillKey: z.string().min(1).max(64),
  count: z.number().int().min(1).max(100_000),
  meeting: z.string().min(1).max(300),
});

export const paperVoteSchema = z.object({
  id: z.string(),
  skillKey: z.string(),
  count: z.number().int(),
  meeting: z.string(),
  recordedAt: z.string(),
});

const tally = z.object({ count: z.number().int(), share: z.number() });

export const resultsSchema = z.object({
  strategyId: z.string(),
  state: z.enum(CONSULTATION_STATES),
  /** True once the closing moment has passed: from then on the numbers are public and final. */
  final: z.boolean(),
  closesAt: z.string(),
  totals: z.object({ online: z.number().int(), paper: z.number().int(), all: z.number().int() }),
  skills: z.array(
    skillSchema.extend({
      source: z.enum(['document', 'consultation', 'removed']),
      online: tally,
      paper: tally,
      all: tally,
    }),
  ),
});

export const formatQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });

/** POST /strategies/:id/transitions: today only {to: "draft"} with a reason. */
export const transitionBody = z.object({
  to: z.enum(STRATEGY_PHASES),
  reason: z
    .string()
    .max(2_000)
    .refine((reason) => reason.trim() !== '', 'Say why.'),
});

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  from: z.string(),
  to: z.string(),
  actor: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export type ConsultationBody = z.input<typeof consultationBody>;
export type Consultation = z.infer<typeof consultationSchema>;
export type Skill = z.infer<typeof skillSchema>;
export type SkillBody = z.input<typeof skillBody>;
export type ResidentCodeBatch = z.infer<typeof residentCodeBatchSchema>;
export type CreatedResidentCodes = z.infer<typeof createdResidentCodesSchema>;
export type MyVotes = z.infer<typeof myVotesSchema>;
export type CastVote = z.infer<typeof castVoteSchema>;
export type PaperVote = z.infer<typeof paperVoteSchema>;
export type Results = z.infer<typeof resultsSchema>;
