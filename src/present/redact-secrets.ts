/**
 * Secrets out of text (issue 19, "secrets reach logs"): every configured secret — and the forms a server might echo
 * it in: base64 (inside a Basic `Authorization`), URL-encoded — is replaced by `[redacted]` in anything printed,
 * logged or stored, wherever the text came from. Secrets shorter than MIN_SECRET_LENGTH are not redacted (they would
 * blank ordinary words); the configuration refuses none, so keep real secrets long.
 */

export const MIN_SECRET_LENGTH = 6;
const REDACTED = '[redacted]';

/** The forms to look for, longest first (a base64 form can contain a shorter secret's text). */
export function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(base64OfUtf8(secret).replace(/=+$/, ''));
  }
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/** `text` with every form of every secret replaced; `forms` from `secretForms`. */
export function redactSecrets(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out;
}

function base64OfUtf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A redactor for a set of secrets: the identity when there are none. */
export function redactorOf(secrets: readonly string[]): (text: string) => string {
  const forms = secretForms(secrets);
  return forms.length === 0 ? (text) => text : (text) => redactSecrets(text, forms);
}
