import { planWorkload } from './plan-workload.ts';
const { desired, observed } = planWorkload(100000);
let t = performance.now();
const o = JSON.stringify(observed); console.log('observed', o.length, performance.now() - t);
t = performance.now();
const u = JSON.stringify(observed.users); console.log('observed users', u.length, performance.now() - t);
t = performance.now();
const d = JSON.stringify(desired); console.log('desired', d.length, performance.now() - t);
