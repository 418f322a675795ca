import { planWorkload } from './plan-workload.ts';
import { fingerprintObserved, fingerprintDesired } from '../../packages/reconcile/dist/internal/fingerprints.js';
const cpu = () => { const u = process.threadCpuUsage(); return (u.user + u.system) / 1000; };
const { desired, observed } = planWorkload(Number(process.argv[2] ?? 100000));
for (let i = 0; i < 2; i++) {
let t = cpu();
fingerprintObserved(observed); console.log('fpObserved', cpu() - t);
t = cpu(); fingerprintDesired(desired); console.log('fpDesired', cpu() - t);
}
