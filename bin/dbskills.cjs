#!/usr/bin/env node
'use strict'
// CommonJS entry: the bundle in dist/ is CommonJS because Node 20 starts it faster that way (tsup.config.ts).
require('node:module').enableCompileCache?.()
require('../dist/cli.cjs').main(process.argv.slice(2)).then((code) => { process.exitCode = code })
