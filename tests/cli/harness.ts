// Running the command line in-process on in-memory streams, for the CLI tests.
import { PassThrough } from "node:stream";
import { defaultSamplePath, run } from "../../cli/main.js";

/** Run `customer-metrics argv…` with `stdin`; its exit code and what it wrote. */
export async function cli(
  argv: string[],
  stdin = "",
  env: Record<string, string> = {},
  terminal = false,
): Promise<{ code: number; out: string; err: string }> {
  const input = new PassThrough();
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), { isTTY: terminal });
  let out = "";
  let err = "";
  stdout.on("data", (c) => {
    out += String(c);
  });
  stderr.on("data", (c) => {
    err += String(c);
  });
  input.end(stdin);
  const code = await run(argv, {
    stdin: input,
    stdout,
    stderr,
    env,
    samplePath: defaultSamplePath(),
    purchasesSamplePath: defaultSamplePath("sample-purchases.csv"),
    version: "9.9.9",
  });
  return { code, out, err };
}
