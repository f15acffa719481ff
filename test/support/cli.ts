/** The headless command run in-process, as a user runs it: its exit code and everything it printed. */
import { runAnalyze } from "../../src/cli/analyze";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runAnalyze(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

/** The output of a run that must succeed; a failing run throws with its message, so the test names it. */
export async function runCliOk(args: string[]): Promise<string> {
  const { code, stdout, stderr } = await runCli(args);
  if (code !== 0) throw new Error(`analyze ${args.join(" ")} failed (${code}): ${stderr}`);
  return stdout;
}
