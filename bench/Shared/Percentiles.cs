using System.Globalization;

namespace Outreach.Bench;

/// <summary>Exact percentiles over every sample (a minute at 1,000/s is 60,000 doubles: no need to approximate).</summary>
public sealed class Percentiles
{
    private readonly double[] _sorted;

    public Percentiles(IEnumerable<double> samples)
    {
        _sorted = [.. samples];
        Array.Sort(_sorted);
    }

    public int Count => _sorted.Length;

    /// <summary>Nearest-rank percentile: the smallest sample with at least p% of samples at or below it.</summary>
    public double At(double p)
    {
        if (_sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p / 100.0 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"p50 {At(50):0.0} ms, p90 {At(90):0.0}, p95 {At(95):0.0}, p99 {At(99):0.0}, p99.9 {At(99.9):0.0}, max {Max:0.0}");
}
