/**
 * `npm run bench [name ...]`: runs each benchmark in turn and prints its figures. Benchmarks
 * compare ratios measured in one run, because the machines are shared and noisy.
 */
const all = [
  "intake",
  "fleet",
  "start",
  "trace-record",
  "print",
  "uplink",
  "drivers",
  "flood",
  "alarms",
  "line",
  "recall",
] as const;
const picked = process.argv.slice(2);
const names = picked.length > 0 ? picked : all;

for (const name of names) {
  const module = (await import(`./${name}.ts`)) as { run(): Promise<void> };
  console.log(`\n== ${name} ==`);
  await module.run();
}
process.exit(0);
