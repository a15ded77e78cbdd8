/**
 * Who may do what with a territory's strategy, by role and phase. The server enforces this table on
 * every request and socket; the pages read it only to hide controls that would be refused anyway.
 */

export const ROLES = ['coordinator', 'editor', 'expert', 'resident', 'authority'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that also hold in every territory below the one they were given for. */
export const INHERITED_ROLES: ReadonlySet<Role> = new Set([
  'coordinator',
  'editor',
  'expert',
  'authority',
]);

export const STRATEGY_PHASES = [
  'draft',
  'review',
  'consultation',
  'approval',
  'published',
  'archived',
] as const;
export type StrategyPhase = (typeof STRATEGY_PHASES)[number];

export type DocumentAccess = 'none' | 'read' | 'edit';

interface PhaseRule {
  /** What someone with none of the roles below gets, signed in or not. */
  everyone: DocumentAccess;
  roles: Partial<Record<Role, DocumentAccess>>;
}

/**
 * Phases that later issues build (review, approval, publication) are listed with the narrowest
 * rights that are safe until their own rules arrive: the text is locked and only the people who
 * already read the draft see it.
 */
export const DOCUMENT_ACCESS_BY_PHASE: Record<StrategyPhase, PhaseRule> = {
  draft: {
    everyone: 'none',
    roles: { coordinator: 'edit', editor: 'edit', expert: 'read', authority: 'read' },
  },
  review: {
    everyone: 'none',
    roles: { coordinator: 'read', editor: 'read', expert: 'read', authority: 'read' },
  },
  consultation: { everyone: 'read', roles: {} },
  approval: {
    everyone: 'none',
    roles: { coordinator: 'read', editor: 'read', expert: 'read', authority: 'read' },
  },
  published: { everyone: 'read', roles: {} },
  archived: { everyone: 'read', roles: {} },
};

const ACCESS_RANK: Record<DocumentAccess, number> = { none: 0, read: 1, edit: 2 };

export function documentAccess(phase: StrategyPhase, roles: Iterable<Role>): DocumentAccess {
  const rule = DOCUMENT_ACCESS_BY_PHASE[phase];
  let access = rule.everyone;
  for (const role of roles) {
    const granted = rule.roles[role] ?? 'none';
    if (ACCESS_RANK[granted] > ACCESS_RANK[access]) access = granted;
  }
  return access;
}

/** Actions on a territory that are not about the document text. */
export const TERRITORY_ACTIONS = {
  createStrategy: ['coordinator'],
  inviteMembers: ['coordinator'],
  /**
   * Giving an existing account a role without its consent is for platform administrators only
   * (no territory role may): a coordinator who could do it could then issue that account a
   * password-reset link and take it over. Coordinators invite, and the person accepts.
   */
  grantRoles: [],
  listMembers: ['coordinator'],
  removeMembers: ['coordinator'],
  issuePasswordReset: ['coordinator'],
  /** Open, change and close a consultation; resident codes, added skills and paper votes. */
  manageConsultation: ['coordinator'],
  /** Hide and restore comments, and read the flagged ones. */
  moderateComments: ['coordinator'],
  /** Send a strategy back to draft from review, consultation or approval, with a reason. */
  returnToDraft: ['coordinator'],
} as const satisfies Record<string, readonly Role[]>;

export type TerritoryAction = keyof typeof TERRITORY_ACTIONS;

export function mayPerform(action: TerritoryAction, roles: Iterable<Role>): boolean {
  const allowed: readonly Role[] = TERRITORY_ACTIONS[action];
  for (const role of roles) if (allowed.includes(role)) return true;
  return false;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isStrategyPhase(value: unknown): value is StrategyPhase {
  return typeof value === 'string' && (STRATEGY_PHASES as readonly string[]).includes(value);
}
