const patterns = new Map<string, RegExp>();

/**
 * IAM's wildcard matching of an action pattern (`ecs:Submit*`, `s3:Get?bject`, `*`) against an
 * action, case-insensitively as IAM compares actions. Compiled patterns are cached.
 */
export function actionMatches(pattern: string, action: string): boolean {
  let regex = patterns.get(pattern);
  if (regex === undefined) {
    const source = pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".");
    regex = new RegExp(`^${source}$`, "i");
    patterns.set(pattern, regex);
  }
  return regex.test(action);
}
