/** Start-up configuration that breaks a rule; the message names the variable and the rule. */
export class InvalidConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly rule: string,
  ) {
    super(`Invalid configuration: ${rule}`);
    this.name = 'InvalidConfigError';
  }
}
