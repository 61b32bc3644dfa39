/** The "Environment:" block appended to a command's --help. */
export function environmentHelp(variables: Record<string, string>): string {
  const width = Math.max(...Object.keys(variables).map((name) => name.length));
  const lines = Object.entries(variables).map(([name, meaning]) => `  ${name.padEnd(width)}  ${meaning}`);
  return `\nEnvironment:\n${lines.join('\n')}`;
}
