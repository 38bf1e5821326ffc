/**
 * The HTTP credentials of a target that declares `auth:`, read from the environment when the run
 * starts. Secrets: sent in the probes of the auth-* scenarios, never printed, logged or reported (an
 * observation records no request header).
 */
export interface TargetCredentials {
  /** `Authorization` header of the declared user (`Basic …` or `Bearer …`). */
  authorization: string;
  /** The same user with a wrong password, or a wrong token: for auth-wrong-credentials. */
  wrongAuthorization: string;
  /**
   * curl arguments that send each by hand, naming the environment variables only, never a value:
   * `-u "$API_USER:$API_PASSWORD"`, `-H "Authorization: Bearer $API_TOKEN"`.
   */
  curlArguments: { declared: string; wrong: string };
}
