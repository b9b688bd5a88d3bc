/**
 * What must never reach a log line: credentials inside URLs (redis://user:pw@…,
 * postgresql://…?password=…), tokens and passwords in logged objects. Pino's
 * `redact` covers object fields by path; these functions cover text (error
 * messages, stacks, configuration values echoed back in an error).
 */

export const REDACTED = '[redacted]';

/** Object fields that hold secrets, wherever they appear one or two levels down in a logged object. */
const SECRET_FIELDS = ['password', 'token', 'accessToken', 'refreshToken', 'resumeToken', 'apiKey', 'secret', 'authorization', 'cookie', 'set-cookie'];
export const REDACT_PATHS: string[] = SECRET_FIELDS.flatMap((field) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
  const join = (prefix: string) => (key.startsWith('[') ? `${prefix}${key}` : `${prefix}.${key}`);
  return [key, join('*'), join('*.*'), join('req.headers'), join('headers')];
});

const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^/\s:@]*)(:[^/\s@]*)?@/gi;
const SECRET_QUERY = /([?&](?:password|pass|token|access_token|refresh_token|secret|key|api_key|apikey|sslpassword)=)[^&\s#]*/gi;

/** The text with URL passwords and secret query parameters replaced; everything else kept for debugging. */
export function redactText(text: string): string {
  return text
    .replace(URL_USERINFO, (_match, scheme: string, user: string, password: string | undefined) =>
      password ? `${scheme}${user}:${REDACTED}@` : `${scheme}${user}@`,
    )
    .replace(SECRET_QUERY, `$1${REDACTED}`);
}

/** Variable names whose values are secrets as a whole (not only their URL credentials). */
export function isSecretName(name: string): boolean {
  return /SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|PRIVATE|CREDENTIAL/i.test(name);
}
