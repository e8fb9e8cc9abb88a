// `npm run bench`'s first and last step: `reset` starts the run's table of issue 18's targets,
// `print` prints it, every row of the issue with what this run measured (bench/targets.ts).
import { reported, resetReport, TARGETS, verdict } from './targets.js';

function print(): void {
  const rows = reported();
  const cell = (s: string) => s.replaceAll('|', '\\|');
  const lines = ['| figure | measured | target | |', '|---|---|---|---|'];
  for (const [key, { figure, target }] of Object.entries(TARGETS)) {
    const mine = rows.filter((r) => r.key === key);
    if (mine.length === 0) lines.push(`| ${cell(figure)} | not measured in this run | ${cell(target)} | |`);
    for (const r of mine) lines.push(`| ${cell(figure)} | ${cell(r.measured)} | ${cell(target)} | ${verdict(r.met)} |`);
  }
  console.log(`\nIssue 18's targets, this run:\n${lines.join('\n')}`);
}

const command = process.argv[2];
if (command === 'reset') resetReport();
else if (command === 'print') print();
else throw new Error('usage: tsx bench/target-table.ts reset|print');
