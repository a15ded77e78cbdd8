/**
 * The consultation's domain errors, each with a stable code that the pages translate
 * (shared/i18n/messages/errors.ts) and that API clients switch on.
 */
import { conflict, DomainError } from '../errors';

export const consultationNotFound = () =>
  new DomainError({
    status: 404,
    code: 'consultation_not_found',
    message: 'This strategy has no consultation.',
  });

export const consultationClosed = () =>
  conflict('consultation_closed', 'The consultation is not open at this moment.');

export const consultationStillOpen = () =>
  conflict('consultation_open', 'Close the consultation before returning the strategy to draft.');

export const phaseNotAllowed = (message: string) => conflict('phase_not_allowed', message);

export const alreadyVoted = () =>
  conflict('already_voted', 'You have already voted for this skill.', 'skillKey');

export const voteBudgetExceeded = () =>
  conflict('vote_budget_exceeded', 'You have no votes left in this consultation.', 'skillKey');

export const budgetBelowSpent = (spent: number) =>
  conflict(
    'vote_budget_below_spent',
    `A resident has already spent ${spent} votes; the budget cannot be lower.`,
    'votesPerResident',
  );

export const voteNotFound = () =>
  new DomainError({ status: 404, code: 'vote_not_found', message: 'You have no vote here.' });

export const notResident = () =>
  new DomainError({
    status: 403,
    code: 'not_resident',
    message: 'Only verified residents of this territory vote. Redeem a resident code first.',
  });

export const skillNotFound = () =>
  new DomainError({
    status: 404,
    code: 'skill_not_found',
    message: 'There is no such skill in this consultation.',
    field: 'skillKey',
  });

export const skillInDocument = () =>
  conflict('skill_in_document', 'This skill belongs to the draft; change it in the editor.');

export const skillHasVotes = () =>
  conflict('skill_has_votes', 'This skill has votes and cannot be removed.');

export const resultsNotPublic = () =>
  new DomainError({
    status: 403,
    code: 'results_not_public',
    message: 'The results are public once the consultation closes.',
  });

export const alreadyResident = () =>
  conflict('already_resident', 'You are already a verified resident here; the code was not used.');

export const residentCodeUnknown = () =>
  new DomainError({
    status: 404,
    code: 'resident_code_unknown',
    message: 'This code is not a resident code of this territory. Check how it was typed.',
    field: 'code',
  });

export const residentCodeUsed = () =>
  conflict('resident_code_used', 'This code has already been used.', 'code');

export const residentCodeExpired = () =>
  new DomainError({
    status: 410,
    code: 'resident_code_expired',
    message: 'This code has expired. Ask the coordinator for a new one.',
    field: 'code',
  });
