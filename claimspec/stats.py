"""Small statistics for judging measurements: intervals of paired ratios, and of counted outcomes.

Nothing here reads the clock or the machine: the speed claims (spec/speed) hand in the ratios they
measured, the race claims the counts they saw, and get back an estimate with its 95% interval.

- ``ratio_interval(ratios)``: the geometric mean of paired ratios (slow/fast, one per round, the
  two variants run back to back) and a 95% Student-t interval of it, computed on the logarithms:
  a speed-up of 2x and a slow-down of 0.5x weigh alike.
- ``wilson(k, n)``: Wilson's 95% interval for a proportion of ``k`` sightings in ``n`` trials (for
  ``k == 0`` the rule of three bounds it above by 3/n).
"""
import math

# Two-sided 95% quantiles of Student's t distribution, by degrees of freedom (1 to 30).
_T95 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042)
_Z95 = 1.96


def t95(df):
    """The two-sided 95% quantile of Student's t with ``df`` degrees of freedom (normal beyond 30,
    a slight overstatement up to 120 that only widens the interval)."""
    if df < 1:
        raise ValueError("an interval needs at least two values")
    if df <= len(_T95):
        return _T95[df - 1]
    return 2.0 if df <= 120 else _Z95


class Interval:
    """An estimate with its 95% interval: ``estimate``, ``low``, ``high``, ``n`` (how many values)."""

    __slots__ = ("estimate", "low", "high", "n")

    def __init__(self, estimate, low, high, n):
        self.estimate, self.low, self.high, self.n = estimate, low, high, n

    def above(self, threshold):
        """The whole interval is above ``threshold``: decided, greater."""
        return self.low > threshold

    def below(self, threshold):
        """The whole interval is below ``threshold``: decided, smaller."""
        return self.high < threshold

    def straddles(self, threshold):
        return not (self.above(threshold) or self.below(threshold))

    def scaled(self, factor):
        return Interval(self.estimate * factor, self.low * factor, self.high * factor, self.n)

    def as_dict(self):
        return {"estimate": self.estimate, "low": self.low, "high": self.high, "n": self.n}

    def __str__(self):
        return f"{self.estimate:.3g} (95% interval {self.low:.3g}-{self.high:.3g}, n={self.n})"

    def __repr__(self):
        return f"Interval({self.estimate!r}, {self.low!r}, {self.high!r}, n={self.n})"


def ratio_interval(ratios):
    """Geometric mean of positive ``ratios`` with its 95% t-interval (computed on their logarithms)."""
    values = [math.log(r) for r in ratios]
    n = len(values)
    if n == 0 or any(not math.isfinite(v) for v in values):
        raise ValueError(f"ratios must be positive and finite: {ratios!r}")
    mean = sum(values) / n
    if n == 1:
        return Interval(math.exp(mean), 0.0, math.inf, 1)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    half = t95(n - 1) * sd / math.sqrt(n)
    return Interval(math.exp(mean), math.exp(mean - half), math.exp(mean + half), n)


def wilson(k, n):
    """Wilson's 95% interval of the proportion ``k / n``; with no sighting the rule of three
    (under 3/n) bounds it above."""
    if n <= 0 or not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n and n > 0, got k={k}, n={n}")
    p = k / n
    if k == 0:
        return Interval(0.0, 0.0, min(1.0, 3 / n), n)
    z2 = _Z95 ** 2
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = _Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return Interval(p, max(0.0, centre - half), min(1.0, centre + half), n)
