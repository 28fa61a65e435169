/** One JSON log line as the services write it. */
export type LogLine = Record<string, unknown> & { msg?: string; level?: string };

/** The JSON log lines in a process's output (anything else it printed is left out). */
export function logLines(output: string): LogLine[] {
  return output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as LogLine];
    } catch {
      return [];
    }
  });
}
