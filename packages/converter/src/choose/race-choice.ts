// One choice of a recipe made by racing its options on the validation images (paired, adaptive budget).
import type { ValidationScore } from './choices.js';
import { fallZ, type Paired, paired, RACE_Z, type Verdict, verdict } from './race.js';

/** A candidate of a choice: its build, and its per-image correctness on the validator's first `n` images. */
export class Candidate<R> {
  /** `correct[i·H + h]`: image i right at the h-th scored T. */
  readonly correct: number[] = [];
  n = 0;
  /** Images the validator holds (after the first answer). */
  of = 0;
  /** The first answer (a scorer without per-image results is judged by it alone). */
  first?: number | ValidationScore;
  private chain: Promise<unknown>;

  constructor(
    readonly built: Promise<R>,
    private readonly score: (r: R, images: [number, number]) => Promise<number | ValidationScore>,
    private readonly H: number,
  ) {
    this.chain = built;
  }

  /** True when the scorer answers image by image (`correct`), so that the options can be raced. */
  get perImage(): boolean {
    return typeof this.first === 'object' && this.first.correct !== undefined;
  }

  /** Scores the candidate on images [n, upTo) of the validator's order (each image once; calls run in turn). */
  upTo(upTo: number): Promise<void> {
    const next = this.chain.then(async () => {
      if (this.first !== undefined && (this.n >= upTo || !this.perImage)) return;
      const s = await this.score(await this.built, [this.n, upTo]);
      this.first ??= s;
      const got = typeof s === 'object' && s.correct ? s.correct.length / this.H : 0;
      if (typeof s === 'object' && s.correct) for (let j = 0; j < s.correct.length; j++) this.correct.push(s.correct[j]);
      this.n += got;
      this.of = got ? Math.max(this.n, typeof s === 'object' ? (s.of ?? this.n) : this.n) : this.n; // nothing new: no more images
    });
    this.chain = next.catch(() => {});
    return next;
  }

  /** Accuracy at each scored T on its `n` images. */
  accuracy(): number[] {
    const acc = new Array<number>(this.H).fill(0);
    for (let i = 0; i < this.n; i++) for (let h = 0; h < this.H; h++) acc[h] += this.correct[i * this.H + h];
    return acc.map((c) => c / this.n);
  }
}

/** How a choice's race went, in the conversion report. */
export interface RaceReport {
  /** The option that wins unless another is better beyond the noise (the choice's first). */
  default: string;
  /** Per option: validation images it was scored on. */
  images: Record<string, number>;
  /** Per challenger, against the default on their common images: D (images more right, averaged over the Ts), z, verdict. */
  vsDefault: Record<string, { images: number; diff: number; z: number; verdict: Verdict }>;
  /** The default's own fall as T grows on its images ({@link fallZ}): ≥ RACE_Z, and a challenger that holds wins unless worse beyond the noise. */
  defaultFallZ: number;
  /** Why the pick won, in words. */
  why: string;
}

/**
 * Races the options (`cands[0]` the default, every one already scored on the first images): each look compares
 * every challenger still in the race with the default, paired on their common images ({@link paired},
 * {@link verdict}); while some are `undecided` the images double (up to all the validator holds) for the default
 * and those. The pick is the `better` challenger with the largest gain per image, else — when the default's own
 * accuracy falls as T grows ({@link fallZ} ≥ RACE_Z on its images) — the challenger that does not fall and is not
 * worse beyond the noise with the largest gain per image, else the default.
 */
export async function race<R>(labels: string[], cands: Candidate<R>[], H: number): Promise<{ pick: number; report: RaceReport }> {
  const def = cands[0];
  const out: Record<number, Paired & { verdict: Verdict }> = {};
  let alive = labels.map((_, i) => i).filter((i) => i > 0);
  let defaultFall = 0;
  while (alive.length) {
    defaultFall = fallZ(def.correct, H, def.n);
    for (const i of alive) {
      const c = cands[i];
      const m = Math.min(c.n, def.n);
      const p = paired(c.correct, def.correct, H, m);
      out[i] = { ...p, verdict: verdict(p, fallZ(c.correct, H, m), m >= Math.min(def.of, c.of), RACE_Z, defaultFall) };
    }
    alive = alive.filter((i) => out[i].verdict === 'undecided');
    if (!alive.length) break;
    const next = Math.min(def.of, 2 * def.n);
    await Promise.all([def, ...alive.map((i) => cands[i])].map((c) => c.upTo(next)));
  }
  const pick = bestOf(out, 'better') || bestOf(out, 'holds where the default falls');
  const said = (i: number) => {
    const p = out[i];
    return `'${labels[i]}' ${p.verdict} (${p.diff >= 0 ? '+' : ''}${round(p.diff)} images right of ${p.n}, z ${round(p.z)})`;
  };
  const others = labels.map((_, i) => i).filter((i) => i > 0 && i !== pick);
  const falls = defaultFall >= RACE_Z ? ` (which falls as T grows, z ${round(defaultFall)})` : '';
  const why =
    pick === 0
      ? `the default '${labels[0]}'${falls} stays${others.length ? `: ${others.map(said).join('; ')}` : ''}`
      : `${said(pick)} against the default '${labels[0]}'${falls}${others.length ? `; ${others.map(said).join('; ')}` : ''}`;
  const report: RaceReport = {
    default: labels[0],
    images: Object.fromEntries(labels.map((l, i) => [l, cands[i].n])),
    vsDefault: Object.fromEntries(
      Object.entries(out).map(([k, p]) => [labels[Number(k)], { images: p.n, diff: round(p.diff), z: round(p.z), verdict: p.verdict }]),
    ),
    defaultFallZ: round(defaultFall),
    why,
  };
  return { pick, report };
}

/** The challenger with verdict `v` and the largest gain per image (D/n) against the default; 0 (the default) when none has it. */
function bestOf(out: Record<number, Paired & { verdict: Verdict }>, v: Verdict): number {
  let pick = 0;
  for (const [k, p] of Object.entries(out)) if (p.verdict === v && (pick === 0 || p.diff / p.n > out[pick].diff / out[pick].n)) pick = Number(k);
  return pick;
}

const round = (v: number) => Math.round(v * 100) / 100;
