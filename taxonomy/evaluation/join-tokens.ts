/**
 * Joins SkillSpan tokens back into text. The tokeniser split ".NET" into "." and "NET"; those two
 * are re-joined (".NET", ".Net Core") so the text reads as the posting did. Everything else is
 * joined with single spaces, as the data set's own tooling does.
 */
export function joinTokens(tokens: readonly string[]): string {
  let text = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const glued = i > 0 && tokens[i - 1] === '.' && /^net\b/i.test(token);
    text += i === 0 || glued ? token : ` ${token}`;
  }
  return text;
}
