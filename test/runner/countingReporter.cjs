// Mocha's spec reporter, plus the counts written to $TASKLENS_COUNTS_FILE for scripts/test.mjs.
const { writeFileSync } = require('node:fs');
const Mocha = require('mocha');

class CountingSpecReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const file = process.env.TASKLENS_COUNTS_FILE;
      const s = this.stats;
      if (file) writeFileSync(file, JSON.stringify({ passed: s.passes, failed: s.failures, skipped: s.pending }));
    });
  }
}
module.exports = CountingSpecReporter;
