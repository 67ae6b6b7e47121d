// The synthetic work both pools run per piece in pool.bench.mjs: a fixed amount of float arithmetic
// per sample (about what a piece of the tutorial CNN costs per step, scaled down), so the figures
// measure the pool — start, hand-off, transfer — and not the simulator.
export function work(x, count, opsPerSample) {
  let acc = 0;
  const per = x.length / count;
  for (let b = 0; b < count; b++) {
    for (let k = 0; k < opsPerSample; k++) acc += Math.fround(x[b * per + (k % per)] * 1.0001);
  }
  return acc;
}
