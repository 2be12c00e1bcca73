// Small statistics for timing: medians and a distribution-free confidence interval of the median.

/** Median of a non-empty list. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** P(Binomial(n, 1/2) ≤ k). */
function binomCdf(n: number, k: number): number {
  let p = 0;
  let c = 1; // C(n, 0)
  for (let i = 0; i <= k; i++) {
    p += c;
    c = (c * (n - i)) / (i + 1);
  }
  return p / 2 ** n;
}

/**
 * Confidence interval of the median from order statistics (no distribution assumed): the widest-coverage-above-95%
 * pair [x(k), x(n-k+1)]. Below 6 samples no pair reaches 95%, so it is [min, max] (coverage 1 − 2^(1−n)).
 */
export function medianCI(xs: number[], level = 0.95): [number, number] {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  // Interval [s[cut], s[n-1-cut]] covers the median with probability 1 − 2·P(B ≤ cut), B ~ Binomial(n, ½).
  let cut = 0;
  while (cut + 1 < n / 2 && 1 - 2 * binomCdf(n, cut + 1) >= level) cut++;
  return [s[cut], s[n - 1 - cut]];
}
