#!/usr/bin/env node
// The `kyc` command of the installed package: the compiled CLI (`npm run build`, run by `prepare` at install).
import '../dist/adapters/cli/kyc.js';
