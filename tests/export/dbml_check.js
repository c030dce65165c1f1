// dbml_check.js FILE... — parse each file with @dbml/core's DBML parser;
// print the parser's message and exit 1 on the first that is refused.
const { Parser } = require('@dbml/core');
const fs = require('fs');

let status = 0;
for (const file of process.argv.slice(2)) {
	try {
		new Parser().parse(fs.readFileSync(file, 'utf8'), 'dbmlv2');
	} catch (e) {
		const diags = e.diags || [e];
		for (const d of diags) {
			const loc = d.location && d.location.start ? `${d.location.start.line}:${d.location.start.column}: ` : '';
			console.error(`${file}:${loc}${d.message || d}`);
		}
		status = 1;
	}
}
process.exit(status);
