import { planWorkload } from './plan-workload.ts';
const variant = process.argv[3];
const { planFrom } = await import(`../../packages/reconcile/zzdist/${variant}.js`);
const cpu = () => { const u = process.threadCpuUsage(); return (u.user + u.system) / 1000; };
const { desired, observed } = planWorkload(Number(process.argv[2] ?? 50000));
const times: number[] = [];
for (let i = 0; i < 3; i++) { const t = cpu(); planFrom(desired, observed, { allowDestructive: true }); times.push(Math.round(cpu() - t)); }
console.log(variant, times.join(' '));
