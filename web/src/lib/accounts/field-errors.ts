/**
 * What the account forms say beside a field the server refused. The API names the field of a 400
 * (password, newPassword, displayName, email); each has its own rule, so the message can say which
 * rule was broken instead of a general "check the values you entered".
 */
import { accountMessages } from '$shared/i18n/messages/accounts';
import { errorMessages } from '$shared/i18n/messages/errors';
import { t } from '$lib/i18n.svelte';
import { ApiError } from '$lib/api/client';
import { errorText } from '$lib/api/errors';

type RuleKey = 'passwordInvalid' | 'displayNameInvalid' | 'emailInvalid';

const ruleOfField: Record<string, RuleKey> = {
  password: 'passwordInvalid',
  newPassword: 'passwordInvalid',
  displayName: 'displayNameInvalid',
  email: 'emailInvalid',
};

/** A refusal, read once: the field it names (if any) and the words for the field and the form. */
export interface FormFailure {
  field: string | undefined;
  fieldText: string | undefined;
  text: string;
}

/**
 * Other codes that name a field (email_taken, wrong_password) already say what is wrong, so their
 * own translation goes beside the field; only invalid_input needs the field's rule.
 */
export function formFailure(error: unknown): FormFailure {
  const field = error instanceof ApiError ? error.field : undefined;
  const text = errorText(error);
  if (!field) return { field, fieldText: undefined, text };

  const rule = ruleOfField[field];
  const invalidInput = error instanceof ApiError && error.code === 'invalid_input';
  const fieldText = invalidInput
    ? rule
      ? t(accountMessages, rule)
      : t(errorMessages, 'fieldInvalid')
    : text;
  return { field, fieldText, text: fieldText };
}

/** The message for one field of the form, or undefined when the failure is about another. */
export function fieldError(failure: FormFailure | null, field: string): string | undefined {
  return failure?.field === field ? failure.fieldText : undefined;
}
