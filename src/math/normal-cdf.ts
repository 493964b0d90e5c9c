/**
 * The standard normal cumulative distribution Φ(x), to double precision (absolute error below 1e-14): Hart's
 * algorithm 5666 (Computer Approximations, 1968) as given by G. West, "Better approximations to cumulative normal
 * functions", Wilmott Magazine (2005), fig. 2 — a rational approximation for |x| < 7.07, a continued fraction beyond.
 */
export function standardNormalCdf(x: number): number {
  const z = Math.abs(x);
  let tail: number;
  if (z > 37) tail = 0;
  else {
    const density = Math.exp((-z * z) / 2);
    if (z < 7.07106781186547) {
      let num = 3.52624965998911e-2 * z + 0.700383064443688;
      num = num * z + 6.37396220353165;
      num = num * z + 33.912866078383;
      num = num * z + 112.079291497871;
      num = num * z + 221.213596169931;
      num = num * z + 220.206867912376;
      let den = 8.83883476483184e-2 * z + 1.75566716318264;
      den = den * z + 16.064177579207;
      den = den * z + 86.7807322029461;
      den = den * z + 296.564248779674;
      den = den * z + 637.333633378831;
      den = den * z + 793.826512519948;
      den = den * z + 440.413735824752;
      tail = (density * num) / den;
    } else {
      let fraction = z + 0.65;
      fraction = z + 4 / fraction;
      fraction = z + 3 / fraction;
      fraction = z + 2 / fraction;
      fraction = z + 1 / fraction;
      tail = density / fraction / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}
