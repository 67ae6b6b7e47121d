/** A convolution's geometry (NHWC input `[H, W, C]`, HWIO weights `[kh, kw, C, M]`, no dilation, one group). */
export interface ConvGeometry {
  H: number;
  W: number;
  C: number;
  M: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  /** Padding before the first row and column. */
  pt: number;
  pl: number;
  Ho: number;
  Wo: number;
}
