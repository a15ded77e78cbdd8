/**
 * The shapes the pages read from the API. They mirror the server's answers; where shared/api
 * publishes a zod schema for one, the type should be inferred from it instead.
 */
import type { Locale } from '$shared/i18n';
import type { Role, StrategyPhase } from '$shared/roles';

export type TerritoryKind =
  'republic' | 'region' | 'city' | 'district' | 'mahalla' | 'village' | 'organization';

export type TerritoryNames = Record<Locale | 'uz-Cyrl', string>;

export interface Territory {
  code: string;
  kind: TerritoryKind;
  parentCode: string | null;
  names: TerritoryNames;
}

export interface Membership {
  territoryCode: string;
  role: Role;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
}

export interface Me {
  user: User;
  memberships: Membership[];
}

export interface StrategySummary {
  id: string;
  year: number;
  status: StrategyPhase;
  title: string;
}

export interface TerritoryPage {
  territory: Territory;
  children: Territory[];
  ancestors: Territory[];
  strategies: StrategySummary[];
  viewer: {
    roles: Role[];
    may: { createStrategy: boolean; inviteMembers: boolean; listMembers: boolean };
  };
}

export interface Member {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  territoryCode: string;
}

export interface Invitation {
  id: string;
  token?: string;
  url?: string;
  territoryCode: string;
  role: Role;
  email?: string | null;
  createdAt?: string;
  expiresAt?: string;
}

export interface AdminUser extends User {
  memberships: Membership[];
}

export interface PasswordReset {
  token: string;
  url?: string;
  expiresAt?: string;
}
