// Paired comparisons of two candidates on the same validation images, and the racing rule built on them.

/**
 * Per-image correctness of one candidate: `correct[i·H + h]` is 1 when image i is right at the h-th
 * scored T (H of them), for the first `correct.length / H` images of the validator's fixed order.
 */
export type Correctness = ArrayLike<number>;

/**
 * How far a candidate's result is beyond the noise of the images that were scored, when a challenger is compared with
 * the default: z ≥ RACE_Z counts as better (one-sided ≈ 2.3 % per look; ≤ 5 looks as the images double).
 */
export const RACE_Z = 2;

/** Validation images every candidate of a choice is scored on first; the images double while a race is undecided. */
export const RACE_FIRST_IMAGES = 250;

/** A paired comparison of `a` against `b` on their first `n` images: total difference D, the images that differed, z. */
export interface Paired {
  n: number;
  /** D = Σ_i d_i, d_i = (1/H) Σ_h (a_ih − b_ih): how many images more `a` got right, averaged over the scored T. */
  diff: number;
  /** Images on which the two differ at some scored T. */
  differing: number;
  /** z = D / √(Σ_i d_i²): McNemar's z for one T (b − c over √(b + c)), in general the z of the sign-flip test (H₀: d_i symmetric about 0). */
  z: number;
}

/**
 * Compares `a` with `b` image by image on their first `n` images (`n` at most the shorter):
 *
 *   d_i = (1/H) Σ_h (a_ih − b_ih),   D = Σ_i d_i,   z = D / √(Σ_i d_i²)   (z = 0 when they never differ)
 *
 * @example paired([1, 1, 1, 0], [0, 1, 1, 0], 1) // { n: 4, diff: 1, differing: 1, z: 1 }
 */
export function paired(a: Correctness, b: Correctness, H: number, n = Math.min(a.length, b.length) / H): Paired {
  let diff = 0;
  let squares = 0;
  let differing = 0;
  for (let i = 0; i < n; i++) {
    let d = 0;
    let differs = false;
    for (let h = 0; h < H; h++) {
      const e = a[i * H + h] - b[i * H + h];
      d += e;
      if (e !== 0) differs = true;
    }
    d /= H;
    diff += d;
    squares += d * d;
    if (differs) differing++;
  }
  return { n, diff, differing, z: signFlipZ(diff, squares) };
}

/** The sign-flip z of paired differences d_i from D = Σ d_i and Σ d_i²: D / √(Σ d_i²), 0 when every d_i is 0. */
export const signFlipZ = (diff: number, squares: number): number => (squares > 0 ? diff / Math.sqrt(squares) : 0);

/**
 * Whether a candidate's accuracy falls as T grows beyond the noise, on its own images: its accuracy at the largest
 * scored T (the last of the H) compared, paired, with each shorter T — the largest z of
 * `acc(T_h) − acc(T_max)` over h. z ≥ {@link RACE_Z} means the SNN loses accuracy by T_max (thresholds that clip
 * at every T, or a correction that persists as T → ∞), which `auto` does not pick over its default.
 */
export function fallZ(c: Correctness, H: number, n = c.length / H): number {
  let worst = 0;
  for (let h = 0; h < H - 1; h++) {
    let diff = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const d = c[i * H + h] - c[i * H + H - 1];
      diff += d;
      squares += d * d;
    }
    worst = Math.max(worst, signFlipZ(diff, squares));
  }
  return worst;
}

/** Where a challenger stands against the default after a look. */
export type Verdict = 'better' | 'not better' | 'undecided' | 'falls as T grows' | 'no image differs' | 'holds where the default falls';

/**
 * The racing rule, one look: a challenger whose accuracy falls as T grows ({@link fallZ} ≥ z) is out; one that is
 * better beyond the noise (z ≥ {@link RACE_Z}) is `better`; one no better at all (D ≤ 0) is out at once; else it is
 * `undecided`, and is scored on more images while there are any (then it is `not better`: the default stays).
 * One that agrees with the default on every image scored is out too (`no image differs`).
 *
 * When the default itself falls as T grows (`defaultFall` = its {@link fallZ} ≥ z), it keeps no advantage: a
 * challenger that does not fall wins (`holds where the default falls`) unless it is worse beyond the noise
 * (z ≤ −z: `not better`). Like a challenger's lead, the default's fall must hold on every image the validator
 * has (`last`): until then the challenger is `undecided` and both are scored on twice the images, so a fall
 * seen on the first 250 alone (z 2.0 on maxpool_dropout, gone on 3,000) does not swap the default.
 */
export function verdict(p: Paired, fall: number, last: boolean, z = RACE_Z, defaultFall = 0): Verdict {
  if (p.differing === 0) return 'no image differs';
  if (fall >= z) return 'falls as T grows';
  if (p.z >= z) return 'better';
  if (defaultFall >= z) return p.z <= -z ? 'not better' : last ? 'holds where the default falls' : 'undecided';
  if (p.diff <= 0 || last) return 'not better';
  return 'undecided';
}
