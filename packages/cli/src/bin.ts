#!/usr/bin/env node
// The `authspecs` executable: the command line in, an exit code out (see main.ts).
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2));
