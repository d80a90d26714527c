/**
 * The `customer-metrics` executable: the command line run on the process's streams.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { run } from "./main.js";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};
const code = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  stdoutIsTTY: process.stdout.isTTY === true,
  env: process.env,
  version: pkg.version,
});
process.exitCode = code;
